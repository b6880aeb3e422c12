import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import {
  defaultServiceLogger,
  domainError,
  gatewayLimitsFromEnv,
  keepIdleConnections,
  observedBodyErrorHandler,
  observedFormatter,
  observeRequests,
  publicErrorFormatter,
  ServiceMetrics,
  type Logger,
} from '@rehab/server-kit';
import {
  fromTrustedProxy,
  GraphQLFront,
  identityServiceOf,
  INTROSPECTION_ROLES,
  rateLimitsFromEnv,
  resolveTrustedDocuments,
  securityHeaders,
  servePortal,
  SharedTokenBuckets,
  serviceRoutes,
  tooManyRequests,
  trustedDocumentsFromEnv,
  TrustedDocuments,
  TrustedDocumentsFile,
  trustProxyFromEnv,
  type GatewayOptions,
  type RunningGateway,
} from '@rehab/gateway';
import { useRehabTrust, type RehabContext } from './plugin';
import { supergraphRuntime } from './runtime';

export interface HiveGatewayOptions extends Omit<GatewayOptions, 'fetch' | 'tracing' | 'schemaToolsForAll' | 'subgraphUrls'> {
  subgraphUrls: Readonly<Record<string, string>>;
  /** Abort a subgraph request after this many milliseconds (SUBGRAPH_TIMEOUT_MS). */
  subgraphTimeoutMs?: number;
}

const POST_ONLY = domainError(
  'BAD_REQUEST',
  {
    vi: 'API GraphQL chỉ nhận yêu cầu POST kiểu application/json',
    en: 'The GraphQL API takes only POST requests of type application/json',
  },
  { httpStatus: 405 },
);

/** The levels Hive Gateway's own logger accepts in LOG_LEVEL. */
const HIVE_LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'];

/**
 * Hive Gateway's logger (switched off here) still reads LOG_LEVEL each time it is made and
 * throws on a level it does not know, while the project's logs also take `fatal` and
 * `silent`. Once the project's logger has read its level, such a value is written as
 * `error` for Hive Gateway's sake.
 */
function keepLogLevelReadableByHive(env: NodeJS.ProcessEnv): void {
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  if (level && !HIVE_LOG_LEVELS.includes(level)) env.LOG_LEVEL = 'error';
}

/** A refusal before Hive Gateway runs anything, in the same form and with the same formatter as its errors. */
function sendRefusal(res: Response, error: GraphQLError, format: (error: GraphQLError) => unknown): void {
  res.status(error.extensions.http?.status ?? 400).json({ errors: [format(error)] });
}

/**
 * The committed supergraph served by Hive Gateway behind the project's own HTTP front: the
 * same login (/auth), sessions, trusted documents, rate limits, request ids, logs, probes,
 * metrics and portal as the Apollo gateway (gateway/src/server.ts); Hive Gateway plans and
 * runs the operation, and useRehabTrust signs each subgraph request.
 */
export async function startHiveGateway(
  options: HiveGatewayOptions,
  listen: { port: number; host?: string },
): Promise<RunningGateway & { logger: Logger }> {
  const logger = options.logger ?? defaultServiceLogger('gateway');
  keepLogLevelReadableByHive(process.env);
  const log = options.log ?? ((m: string) => logger.info(m));
  const metrics = new ServiceMetrics('gateway', logger);
  metrics.addDatabasePool('identity', options.identityDb);
  const limits = options.limits ?? gatewayLimitsFromEnv();
  const trusted = options.trustedDocuments ?? trustedDocumentsFromEnv(process.env, options.webDir ?? null);
  const manifest = TrustedDocumentsFile.open(trusted, limits.maxTokens, log);
  const empty = TrustedDocuments.empty(limits.maxTokens);
  const registered = (): TrustedDocuments => manifest?.current ?? empty;
  const identity = identityServiceOf(options);
  const rateLimits = options.rateLimits ?? rateLimitsFromEnv();
  const perUser = new SharedTokenBuckets(options.identityDb, 'graphql-officer', rateLimits.perUser);
  const front = new GraphQLFront({ identity, registered, mode: trusted.mode, perUser, log, logger });
  const formatError = observedFormatter(publicErrorFormatter(false), logger, metrics);
  const subgraphOfUrl = new Map(Object.entries(options.subgraphUrls).map(([name, url]) => [url, name]));

  const hive = createGatewayRuntime<RehabContext>({
    ...supergraphRuntime(options.supergraphPath, options.subgraphUrls),
    maskedErrors: false,
    requestId: false,
    batching: false,
    plugins: () => [
      useRehabTrust({
        contextPrivateKey: options.contextPrivateKey,
        subgraphOfUrl,
        limits,
        timeoutMs: options.subgraphTimeoutMs ?? 10_000,
        introspectionRoles: INTROSPECTION_ROLES,
        formatError,
        observe: (subgraph, outcome, seconds) => metrics.subgraphFetch(subgraph, outcome, seconds),
      }),
    ],
  });
  let supergraphLoaded = false;
  await Promise.resolve(hive.getSchema()).then(() => (supergraphLoaded = true));

  const graphql: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    const refuse = (error: GraphQLError) => sendRefusal(res, error, (e) => formatError(e.toJSON(), e));
    if (req.method !== 'POST' || !req.is('application/json')) {
      refuse(POST_ONLY);
      return;
    }
    try {
      const caller = await front.callerOf(req);
      const { allowed, retryAfterSeconds } = await perUser.take(caller.userId);
      if (!allowed) {
        refuse(tooManyRequests(retryAfterSeconds));
        return;
      }
      const response = await hive.fetch(
        'http://hive-gateway/graphql',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify(req.body),
        },
        { caller },
      );
      res.status(response.status).type(response.headers.get('content-type') ?? 'application/json');
      res.send(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (error instanceof GraphQLError) refuse(error);
      else next(error);
    }
  };

  const app = express();
  app.set('trust proxy', options.trustProxy ?? trustProxyFromEnv());
  app.use(observeRequests({ logger, metrics, trustIncomingId: fromTrustedProxy(app) }));
  securityHeaders(app);
  serviceRoutes(app, {
    logger,
    metrics,
    identityDb: options.identityDb,
    identity,
    subgraphUrls: options.subgraphUrls,
    loginPerIp: rateLimits.loginPerIp,
    metricsToken: options.metricsToken,
    supergraphLoaded: () => supergraphLoaded,
  });
  app.use('/graphql', express.json({ limit: '1mb' }), resolveTrustedDocuments(registered), graphql);
  servePortal(app, options.webDir);
  app.use(observedBodyErrorHandler(logger));
  const server = createServer(app);
  keepIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(listen.port, listen.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = listen.host && listen.host !== '0.0.0.0' ? listen.host : 'localhost';
  return {
    url: `http://${host}:${port}/`,
    server,
    logger,
    metrics,
    stop: async () => {
      manifest?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hive.dispose();
      await identity.close();
    },
  };
}
