import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express, { type Express, type Request } from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { DataSource } from 'typeorm';
import {
  currentRequest,
  databaseCheck,
  defaultServiceLogger,
  healthRoutes,
  keepIdleConnections,
  gatewayLimitsFromEnv,
  limitServerOptions,
  metricsHandler,
  metricsTokenFromEnv,
  migrationsCheck,
  noteGraphQLRequest,
  observedBodyErrorHandler,
  observedFormatter,
  observeRequests,
  READY_CHECK_TIMEOUT_MS,
  ServiceMetrics,
  type CheckOutcome,
  type Logger,
  tracingFromEnv,
  type QueryLimits,
  Tracing,
} from '@rehab/server-kit';
import { unitByCode, type BreakGlassGrant, type Caller, type SubgraphName } from '@rehab/shared-schema';
import { SigningDataSource, type GatewayContext } from './datasource';
import { createSubgraphFetcher, type FetcherOptions } from './fetcher';
import { IdentityService, notAuthenticated } from './identity/accounts';
import { authRoutes, bearerToken } from './identity/routes';
import { staticSupergraph } from './supergraph';
import { introspectionPlugin, schemaToolsForAllFromEnv } from './introspection';
import {
  loginRateLimit,
  rateLimitPlugin,
  rateLimitsFromEnv,
  SharedTokenBuckets,
  tooManyRequests,
  type RateLimiter,
  type RateLimits,
} from './rate-limit';
import type { AccessClaims } from './identity/tokens';
import { clientOf } from './identity/routes';
import { recordSecurityEvent } from './identity/security-events';
import {
  AD_HOC_ROLES,
  claimsRegisteredId,
  documentMismatch,
  documentStatus,
  resolveTrustedDocuments,
  trustedDocumentRequired,
  trustedDocumentsFromEnv,
  TrustedDocuments,
  TrustedDocumentsFile,
  type TrustedDocumentsOptions,
} from './trusted-documents';

export interface GatewayOptions {
  identityDb: DataSource;
  subgraphUrls: Readonly<Record<SubgraphName, string>>;
  supergraphPath: string;
  /** The gateway's Ed25519 private key for subgraph contexts (the subgraphs hold the public key). */
  contextPrivateKey: KeyObject;
  accessTokenSecret: string;
  accessTokenTtlSeconds?: number;
  /** Built portal to serve at /, or null. */
  webDir?: string | null;
  production?: boolean;
  /** Development switch: every role may introspect and sees "did you mean" hints (default GRAPHQL_SCHEMA_TOOLS_FOR_ALL). */
  schemaToolsForAll?: boolean;
  /**
   * express "trust proxy" for req.ip (per-IP login limit, security events): false (default:
   * the socket address), a hop count, or addresses/subnets such as "loopback, 10.0.0.0/8" (TRUST_PROXY).
   */
  trustProxy?: boolean | number | string;
  /** Query limits; by default gatewayLimitsFromEnv(). */
  limits?: QueryLimits;
  /** Per-officer and per-IP login rate limits; by default rateLimitsFromEnv(). */
  rateLimits?: RateLimits;
  /**
   * Which documents officers may run: `enforce` (only the portal's registered operations,
   * except for AD_HOC_ROLES) or `off`; by default TRUSTED_DOCUMENTS (enforce) with the
   * manifest of the portal in webDir.
   */
  trustedDocuments?: TrustedDocumentsOptions;
  fetch?: Partial<FetcherOptions>;
  /** Plain messages (supergraph reloads, manifest); by default info lines of the logger. */
  log?: (message: string) => void;
  /** Structured logger (default: LOG_LEVEL, else silent; gateway/src/index.ts passes one at info). */
  logger?: Logger;
  /** Bearer token /metrics requires (default METRICS_TOKEN; none: open). */
  metricsToken?: string;
  /** Traces (default: exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set; null: none). */
  tracing?: Tracing | null;
}

export interface RunningGateway {
  url: string;
  server: Server;
  logger: Logger;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

const PURPOSE_HEADER = 'x-access-purpose';

/** The caller a request's context carries to the subgraphs, with the session's active break-the-glass grants. */
function callerFrom(
  claims: AccessClaims,
  purpose: string | undefined,
  grants: readonly BreakGlassGrant[] = [],
  requestId: string = randomUUID(),
): Caller {
  const unit = unitByCode(claims.unitCode);
  if (!unit) throw notAuthenticated();
  return {
    userId: claims.accountId,
    username: claims.username,
    agency: claims.agency,
    role: claims.role,
    unitCode: claims.unitCode,
    unitPath: unit.path,
    purpose: (purpose ?? 'case-work').slice(0, 200),
    requestId,
    ...(grants.length > 0 ? { grants } : {}),
  };
}

/** TRUST_PROXY: unset/false → false, true, a hop count, or express's list of trusted addresses/subnets. */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv = process.env): boolean | number | string {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

function securityHeaders(app: Express): void {
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
    );
    next();
  });
}

function servePortal(app: Express, webDir: string | null | undefined): void {
  if (!webDir || !existsSync(join(webDir, 'index.html'))) {
    app.get('/', (_req, res) => {
      res
        .type('text/plain; charset=utf-8')
        .send('Cổng thông tin chưa được build: chạy npm run build.\nPortal not built: run npm run build.');
    });
    return;
  }
  app.use(express.static(webDir, { index: 'index.html', maxAge: '1h' }));
  // The service's own routes (registered before) are never answered with the portal.
  app.get(/^\/(?!graphql|auth|health|ready|metrics).*/, (_req, res) => {
    res.sendFile(join(webDir, 'index.html'));
  });
}

/** A string parameter of a GraphQL request, from the JSON body (POST) or the URL (GET). */
function requestField(req: Request, name: 'query' | 'operationName'): string | undefined {
  const body: unknown = req.body;
  const value: unknown = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : req.query[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Under enforcement, a caller outside AD_HOC_ROLES whose request is not a registered document
 * is refused before it is validated or run, and the refusal is a security event. A
 * registered id sent with another text is refused for everyone. Refusals take a token of
 * the officer's rate limit, so they cannot flood the event log.
 */
async function checkDocument(
  req: Request,
  caller: Caller,
  session: AccessClaims,
  documents: TrustedDocuments,
  options: {
    mode: TrustedDocumentsOptions['mode'];
    identityDb: DataSource;
    perUser: RateLimiter;
    log: (message: string) => void;
    logger: Logger;
  },
): Promise<void> {
  const enforced = options.mode === 'enforce' && !AD_HOC_ROLES.includes(caller.role);
  if (!enforced && !claimsRegisteredId(req)) return;
  const status = documentStatus(req, documents);
  if (status.kind === 'registered') return;
  if (!enforced) throw documentMismatch();
  const { allowed, retryAfterSeconds } = await options.perUser.take(caller.userId);
  if (!allowed) throw tooManyRequests(retryAfterSeconds);
  const operationName = requestField(req, 'operationName')?.slice(0, 100) ?? null;
  const query = requestField(req, 'query') ?? '';
  // The text itself is not kept (its literals may name people): its hash identifies it.
  await recordSecurityEvent(options.identityDb, {
    kind: 'UNTRUSTED_DOCUMENT',
    username: session.username,
    accountId: session.accountId,
    sessionId: session.sessionId,
    unitCode: session.unitCode,
    ip: clientOf(req).ip,
    detail: {
      reason: status.kind === 'mismatch' ? 'registered id with another text' : 'not a registered operation',
      operationName,
      documentSha256: createHash('sha256').update(query).digest('hex'),
      ...(status.kind === 'mismatch' ? { registeredId: status.id } : {}),
    },
  }).catch((error: unknown) =>
    options.log(`Security event not recorded: ${error instanceof Error ? error.message : String(error)}`),
  );
  options.logger.warn(
    {
      requestId: caller.requestId,
      userId: caller.userId,
      operationName,
      reason: status.kind === 'mismatch' ? 'registered id with another text' : 'not a registered operation',
    },
    'untrusted document refused',
  );
  throw trustedDocumentRequired();
}

/** Whether the peer of this request is a proxy TRUST_PROXY trusts (only then is its x-request-id taken). */
function fromTrustedProxy(app: Express): (req: Request) => boolean {
  return (req) => {
    const trust: unknown = app.get('trust proxy fn');
    const address = req.socket.remoteAddress;
    return typeof trust === 'function' && address !== undefined && (trust as (a: string, i: number) => boolean)(address, 0);
  };
}

/** A client span of a fetch from a subgraph, under the request's server span. */
function subgraphSpan(tracing: Tracing, subgraph: string) {
  const { span, headers } = tracing.startClientSpan(`fetch ${subgraph}`, currentRequest()?.span);
  span.setAttribute('rehab.subgraph', subgraph);
  return { headers, end: (status: number | 'error') => Tracing.end(span, status) };
}

/** Every subgraph's /ready answers 200 within the timeout: the origin of its GraphQL URL, path /ready. */
function subgraphsCheck(urls: Readonly<Record<string, string>>): () => Promise<CheckOutcome> {
  return async () => {
    const entries = await Promise.all(
      Object.entries(urls).map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(READY_CHECK_TIMEOUT_MS) });
          await response.body?.cancel();
          return [name, response.status === 200 ? 'ok' : 'not-ready'] as const;
        } catch (error) {
          return [name, error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'failed'] as const;
        }
      }),
    );
    const outcome: Record<string, string> = Object.fromEntries(entries);
    return entries.every(([, o]) => o === 'ok') ? 'ok' : outcome;
  };
}

/** Starts gateway + portal on one origin: / (portal), /graphql (API), /auth (login). */
export async function startGateway(options: GatewayOptions, listen: { port: number; host?: string }): Promise<RunningGateway> {
  const logger = options.logger ?? defaultServiceLogger('gateway');
  const log = options.log ?? ((m: string) => logger.info(m));
  const tracing = options.tracing === undefined ? tracingFromEnv('gateway') : (options.tracing ?? undefined);
  const metrics = new ServiceMetrics('gateway', logger);
  metrics.addDatabasePool('identity', options.identityDb);
  const queryLimits = options.limits ?? gatewayLimitsFromEnv();
  // First: enforcing without the portal's manifest is a deployment error, reported before anything starts.
  const trusted = options.trustedDocuments ?? trustedDocumentsFromEnv(process.env, options.webDir ?? null);
  const manifest = TrustedDocumentsFile.open(trusted, queryLimits.maxTokens, log);
  const emptyManifest = TrustedDocuments.empty(queryLimits.maxTokens);
  const registered = (): TrustedDocuments => manifest?.current ?? emptyManifest;
  const identity = new IdentityService(options.identityDb, {
    accessTokenSecret: options.accessTokenSecret,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 15 * 60,
    sessionTtlSeconds: 12 * 3600,
  });
  const subgraphOfUrl = new Map(Object.entries(options.subgraphUrls).map(([name, url]) => [url, name]));
  const { fetcher, close: closeFetcher } = createSubgraphFetcher({
    maxSockets: 32,
    timeoutMs: 10_000,
    ...options.fetch,
    observe: (url, outcome, seconds) => metrics.subgraphFetch(subgraphOfUrl.get(url) ?? 'unknown', outcome, seconds),
    ...(tracing ? { trace: (url: string) => subgraphSpan(tracing, subgraphOfUrl.get(url) ?? 'unknown') } : {}),
  });
  const gateway = new ApolloGateway({
    supergraphSdl: staticSupergraph(options.supergraphPath, log),
    buildService: ({ name }) => {
      const subgraph = name;
      const url = options.subgraphUrls[subgraph];
      if (!url) throw new Error(`No URL configured for subgraph ${name}`);
      return new SigningDataSource(subgraph, url, fetcher, options.contextPrivateKey);
    },
  });
  let supergraphLoaded = false;
  gateway.onSchemaLoadOrUpdate(() => {
    supergraphLoaded = true;
  });
  const app = express();
  app.set('trust proxy', options.trustProxy ?? trustProxyFromEnv());
  // First: every request gets its id, a log line and metrics.
  app.use(observeRequests({ logger, metrics, trustIncomingId: fromTrustedProxy(app), ...(tracing ? { tracing } : {}) }));
  securityHeaders(app);
  const httpServer = createServer(app);
  const production = options.production ?? false;
  // Hints kept by the formatter; introspectionPlugin strips them per role.
  const limits = limitServerOptions(queryLimits, { production, keepSuggestions: true });
  const rateLimits = options.rateLimits ?? rateLimitsFromEnv();
  const perUser = new SharedTokenBuckets(options.identityDb, 'graphql-officer', rateLimits.perUser);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // On for everyone: introspectionPlugin lets only some roles introspect.
    introspection: true,
    // Nobody registers documents at run time: resolveTrustedDocuments serves the build's ids.
    persistedQueries: false,
    ...limits,
    formatError: observedFormatter(limits.formatError, logger, metrics),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      rateLimitPlugin(perUser),
      introspectionPlugin({ production, openToAll: options.schemaToolsForAll ?? schemaToolsForAllFromEnv() }),
      ...limits.plugins,
    ],
  });
  await apollo.start();
  // Probes and metrics before the portal's catch-all (servePortal).
  healthRoutes(app, {
    service: 'gateway',
    logger,
    checks: {
      database: databaseCheck(options.identityDb),
      migrations: migrationsCheck(options.identityDb),
      supergraph: async () => (supergraphLoaded ? 'ok' : 'not-loaded'),
      subgraphs: subgraphsCheck(options.subgraphUrls),
    },
  });
  app.get('/metrics', metricsHandler(metrics, options.metricsToken ?? metricsTokenFromEnv()));
  app.post('/auth/login', loginRateLimit(new SharedTokenBuckets(options.identityDb, 'login-ip', rateLimits.loginPerIp)));
  app.use('/auth', authRoutes(identity));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    resolveTrustedDocuments(registered),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const token = bearerToken(req);
        const session = token ? await identity.authenticateRequest(token) : null;
        if (!session) throw notAuthenticated();
        const purpose = req.headers[PURPOSE_HEADER];
        const caller = callerFrom(
          session.claims,
          typeof purpose === 'string' ? purpose : undefined,
          session.grants,
          currentRequest()?.requestId,
        );
        noteGraphQLRequest(req, caller.userId);
        await checkDocument(req, caller, session.claims, registered(), {
          mode: trusted.mode,
          identityDb: options.identityDb,
          perUser,
          log,
          logger,
        });
        return { caller };
      },
    }),
  );
  servePortal(app, options.webDir);
  app.use(observedBodyErrorHandler(logger));
  keepIdleConnections(httpServer);
  await new Promise<void>((resolve) => httpServer.listen(listen.port, listen.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host && listen.host !== '0.0.0.0' ? listen.host : 'localhost';
  return {
    url: `http://${host}:${port}/`,
    server: httpServer,
    logger,
    metrics,
    stop: async () => {
      manifest?.close();
      await apollo.stop();
      await closeFetcher();
      await tracing?.shutdown();
    },
  };
}
