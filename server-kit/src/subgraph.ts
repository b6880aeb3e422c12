import { keepIdleConnections } from './http-keep-alive';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode } from 'graphql';
import type { DataSource } from 'typeorm';
import {
  ACCESS_MATRIX,
  kitTypeDefs,
  commonTypeDefs,
  type AccessMatrix,
  type Caller,
  type SubgraphName,
} from '@rehab/shared-schema';
import { applyAccessRules } from './access/enforce';
import { accessLogResolvers } from './audit/access-log';
import { auditWriterOf } from './audit/writer';
import { PersonPseudonyms } from './access/pseudonym';
import { createContext, type LoaderFactory, type SubgraphContext } from './context';
import {
  CONTEXT_HEADER,
  ReplayRecord,
  requestHash,
  verifyCallerContext,
  type BoundRequest,
  type VerifiedContext,
} from './context-token';
import { domainError, formatPublicError, unauthenticated } from './errors';
import { observedBodyErrorHandler } from './http-errors';
import {
  adoptRequestId,
  currentRequest,
  databaseCheck,
  defaultServiceLogger,
  healthRoutes,
  metricsHandler,
  metricsTokenFromEnv,
  migrationsCheck,
  noteGraphQLRequest,
  observedFormatter,
  observeRequests,
  ServiceMetrics,
  tracingFromEnv,
  type Logger,
  type Tracing,
} from './observability';
import { limitServerOptions, subgraphLimitsFromEnv, type QueryLimits } from './limits';
import { referenceQueryResolvers, referenceTypeResolvers } from './reference/resolvers';
import { COMMON_NOTICE_HANDLERS } from './reference/unit-assignment';
import { receiverHandlers } from './notices/catalogue';
import { scalarResolvers } from './scalars';
import { notificationResolvers, notificationTypeResolvers } from './notifications';
import { noticeReceiver, outboxAdminResolvers, OutboxDispatcher, type NoticeHandler, type OutboxOptions } from './outbox';
import { pseudonymSecret, type SubgraphTrust } from './secrets';

export interface SubgraphModule<L> {
  name: SubgraphName;
  /** The subgraph's own schema.graphql text (the shared SDL is added here). */
  schemaText: string;
  resolvers: GraphQLResolverMap<SubgraphContext<L>>;
  createLoaders: LoaderFactory<L>;
  /** Handlers of the cross-agency notices this subgraph receives, by topic (POST /notices). */
  noticeHandlers?: Readonly<Record<string, NoticeHandler>>;
}

export interface SubgraphDeps {
  db: DataSource;
  /**
   * Keys: the gateway's public key (contexts), this subgraph's notice signing key and the
   * others' notice public keys. Required by startSubgraph; buildSubgraphServer needs none.
   */
  trust?: SubgraphTrust;
  /** Secret of analysts' person pseudonyms, the same in every subgraph (default: PSEUDONYM_SECRET). */
  pseudonymSecret?: string;
  matrix?: AccessMatrix;
  production?: boolean;
  /** Query limits; by default subgraphLimitsFromEnv() (wider than the gateway's, for its query plans). */
  limits?: QueryLimits;
  /** GraphQL URL of another subgraph; when given, startSubgraph runs the outbox dispatcher. */
  resolveSubgraphUrl?: (name: SubgraphName) => string | undefined;
  /** Outbox dispatcher tuning (poll interval, backoff). */
  outbox?: OutboxOptions;
  /** Structured logger (default: LOG_LEVEL, else silent; runSubgraphMain passes one at info). */
  logger?: Logger;
  /** Bearer token /metrics requires (default METRICS_TOKEN; none: open). */
  metricsToken?: string;
  /** Traces (default: exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set; null: none). */
  tracing?: Tracing | null;
}

/** Logger and metrics of a server: its errors are logged and counted, each with the request id. */
export interface Observation {
  logger: Logger;
  metrics: ServiceMetrics;
}

/**
 * The subgraph's full SDL: shared scalars and reference types, its own schema, and its
 * Person access-log field (e.g. policeAccessLog), its outbox fields (policeOutboxNotices, …)
 * and its notifications inbox (policeNotifications, …).
 */
export function subgraphTypeDefs(schemaText: string, name: SubgraphName): DocumentNode {
  return parse(`${schemaText}\n${commonTypeDefs()}\n${kitTypeDefs(name)}`);
}

function mergeSharedResolvers<L>(
  name: SubgraphName,
  resolvers: GraphQLResolverMap<SubgraphContext<L>>,
): GraphQLResolverMap<SubgraphContext<L>> {
  const query = (resolvers.Query ?? {}) as Record<string, unknown>;
  const person = (resolvers.Person ?? {}) as Record<string, unknown>;
  const outboxAdmin = outboxAdminResolvers(name);
  const inbox = notificationResolvers(name);
  return {
    ...scalarResolvers,
    ...referenceTypeResolvers,
    ...resolvers,
    Query: { ...referenceQueryResolvers, ...outboxAdmin.Query, ...inbox.Query, ...query },
    Mutation: { ...outboxAdmin.Mutation, ...inbox.Mutation, ...(resolvers.Mutation as Record<string, unknown> | undefined) },
    Person: { ...person, ...accessLogResolvers(name) },
    OfficerNotification: notificationTypeResolvers(person.__resolveReference),
  } as GraphQLResolverMap<SubgraphContext<L>>;
}

function auditPlugin<L>(logger?: Logger): ApolloServerPlugin<SubgraphContext<L>> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.audit.pendingCount === 0) return;
          try {
            await contextValue.audit.flush(auditWriterOf(contextValue.db));
          } catch (cause) {
            const requestId = currentRequest()?.requestId;
            logger?.error({ requestId, err: cause }, 'access not audited: response replaced by AUDIT_UNAVAILABLE');
            // No audit row, no data: the response is replaced by an error.
            const error = domainError('AUDIT_UNAVAILABLE', {
              vi: 'Không ghi được nhật ký truy cập nên yêu cầu bị từ chối',
              en: 'The access could not be audited, so the request is denied',
            });
            if (response.body.kind === 'single') {
              const formatted = formatPublicError(error.toJSON());
              response.body.singleResult = {
                errors: [requestId ? { ...formatted, extensions: { ...formatted.extensions, requestId } } : formatted],
              };
            }
          }
        },
      };
    },
  };
}

/** Builds the ApolloServer of a subgraph: federation schema, access rules, audit, masking. */
export function buildSubgraphServer<L>(
  module: SubgraphModule<L>,
  deps: SubgraphDeps,
  plugins: ApolloServerPlugin<SubgraphContext<L>>[] = [],
  observation?: Observation,
): ApolloServer<SubgraphContext<L>> {
  const schema = buildSubgraphSchema([
    {
      typeDefs: subgraphTypeDefs(module.schemaText, module.name),
      resolvers: mergeSharedResolvers(module.name, module.resolvers),
    },
  ]);
  applyAccessRules(schema, deps.matrix ?? ACCESS_MATRIX, new PersonPseudonyms(deps.pseudonymSecret ?? pseudonymSecret()));
  const limits = limitServerOptions(deps.limits ?? subgraphLimitsFromEnv(), { production: deps.production ?? false });
  return new ApolloServer<SubgraphContext<L>>({
    schema,
    introspection: !deps.production,
    ...limits,
    ...(observation ? { formatError: observedFormatter(limits.formatError, observation.logger, observation.metrics) } : {}),
    plugins: [auditPlugin<L>(observation?.logger), ApolloServerPluginInlineTraceDisabled(), ...limits.plugins, ...plugins],
  });
}

export interface RunningSubgraph {
  url: string;
  server: Server;
  /** The outbox dispatcher, when deps.resolveSubgraphUrl was given. */
  outbox?: OutboxDispatcher;
  logger: Logger;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

export interface ListenOptions {
  port: number;
  host?: string;
}

/** The caller of a request: undefined without a signature, null with an invalid one. */
interface SignedLocals {
  caller?: Caller | null;
  context?: VerifiedContext;
}

/** Body limit of requests the gateway signed (its query plans carry representations, e.g. indicator measures). */
export function signedBodyLimit(env: NodeJS.ProcessEnv = process.env): number {
  const mib = Number(env.SUBGRAPH_MAX_BODY_MIB ?? 32);
  return (Number.isFinite(mib) && mib > 0 ? mib : 32) * 1024 * 1024;
}

/** An unsigned or forged request gets no more than this parsed before it is refused. */
const UNSIGNED_BODY_LIMIT = 64 * 1024;

/**
 * Checks the gateway's signature before reading the body, so only signed requests may be
 * large; the caller (or why there is none) is left in res.locals for the context.
 */
function signedBodyParser(audience: string, publicKey: SubgraphTrust['contextPublicKey']): RequestHandler {
  const signed = express.json({ limit: signedBodyLimit() });
  const unsigned = express.json({ limit: UNSIGNED_BODY_LIMIT });
  return (req, res, next) => {
    const token = req.headers[CONTEXT_HEADER];
    const locals = res.locals as SignedLocals;
    if (typeof token !== 'string') {
      unsigned(req, res, next);
      return;
    }
    verifyCallerContext(token, audience, publicKey).then(
      (context) => {
        locals.caller = context.caller;
        locals.context = context;
        signed(req, res, next);
      },
      () => {
        locals.caller = null;
        unsigned(req, res, next);
      },
    );
  };
}

/**
 * After the body is read: a context counts only for the request it was signed for (hash of
 * query, variables and operation name) and only once; otherwise the caller is invalid.
 */
function boundContextCheck(replays: ReplayRecord): RequestHandler {
  return (req, res, next) => {
    const locals = res.locals as SignedLocals;
    const context = locals.context;
    if (!context) {
      next();
      return;
    }
    const body: unknown = req.body;
    const request: BoundRequest = typeof body === 'object' && body !== null ? body : {};
    if (requestHash(request) !== context.requestHash || !replays.firstUse(context.tokenId, context.expiresAt))
      locals.caller = null;
    next();
  };
}

/** Starts a subgraph over HTTP at /graphql; every request must carry a valid gateway signature. */
export async function startSubgraph<L>(
  module: SubgraphModule<L>,
  deps: SubgraphDeps,
  listen: ListenOptions,
): Promise<RunningSubgraph> {
  const trust = deps.trust;
  if (!trust)
    throw new Error(`startSubgraph(${module.name}): deps.trust (the gateway's public key and the notice keys) is required`);
  const logger = deps.logger ?? defaultServiceLogger(module.name);
  const metrics = new ServiceMetrics(module.name, logger);
  metrics.addDatabasePool(module.name, deps.db);
  metrics.addOutboxBacklog(deps.db);
  const app = express();
  app.disable('x-powered-by');
  // First: every request gets its id (taken from the gateway's signed context once verified), a log line and metrics.
  const tracing = deps.tracing === undefined ? tracingFromEnv(module.name) : (deps.tracing ?? undefined);
  app.use(observeRequests({ logger, metrics, ...(tracing ? { tracing } : {}) }));
  const httpServer = createServer(app);
  const apollo = buildSubgraphServer(module, deps, [ApolloServerPluginDrainHttpServer({ httpServer })], { logger, metrics });
  await apollo.start();
  healthRoutes(
    app,
    { service: module.name, logger, checks: { database: databaseCheck(deps.db), migrations: migrationsCheck(deps.db) } },
    { subgraph: module.name },
  );
  app.get('/metrics', metricsHandler(metrics, deps.metricsToken ?? metricsTokenFromEnv()));
  app.post(
    '/notices',
    ...noticeReceiver({
      name: module.name,
      db: deps.db,
      senderKeys: trust.noticePublicKeys,
      handlers: receiverHandlers(module.name, COMMON_NOTICE_HANDLERS, module.noticeHandlers),
    }),
  );
  app.use(
    '/graphql',
    signedBodyParser(module.name, trust.contextPublicKey),
    boundContextCheck(new ReplayRecord()),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const caller = (res.locals as SignedLocals).caller;
        if (caller) {
          adoptRequestId(res, caller.requestId);
          noteGraphQLRequest(req, caller.userId);
        } else {
          logger.warn(
            {
              requestId: currentRequest()?.requestId,
              ip: req.ip,
              reason: caller === undefined ? 'unsigned' : 'invalid signature',
            },
            'GraphQL request refused: no valid gateway signature',
          );
        }
        if (caller === undefined) {
          throw unauthenticated({ vi: 'Yêu cầu thiếu chữ ký của cổng API', en: 'The request lacks the gateway signature' });
        }
        if (caller === null) {
          throw unauthenticated({
            vi: 'Chữ ký của cổng API không hợp lệ, đã hết hạn, đã được dùng hoặc không khớp với yêu cầu',
            en: 'The gateway signature is invalid, expired, already used or made for another request',
          });
        }
        return createContext(deps.db, caller, module.createLoaders);
      },
    }),
  );
  app.use(observedBodyErrorHandler(logger));
  keepIdleConnections(httpServer);
  await new Promise<void>((resolve) => httpServer.listen(listen.port, listen.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const outbox = deps.resolveSubgraphUrl
    ? new OutboxDispatcher(deps.db, {
        ...deps.outbox,
        source: module.name,
        signingKey: trust.noticePrivateKey,
        resolveSubgraphUrl: deps.resolveSubgraphUrl,
        logger,
      })
    : undefined;
  outbox?.start();
  return {
    url: `http://${listen.host ?? '127.0.0.1'}:${port}/graphql`,
    server: httpServer,
    ...(outbox ? { outbox } : {}),
    logger,
    metrics,
    stop: async () => {
      await outbox?.stop();
      await apollo.stop();
      await tracing?.shutdown();
    },
  };
}
export type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
