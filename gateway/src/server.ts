import type { KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { DataSource } from 'typeorm';
import {
  currentRequest,
  defaultServiceLogger,
  keepIdleConnections,
  gatewayLimitsFromEnv,
  limitServerOptions,
  observedBodyErrorHandler,
  observedFormatter,
  observeRequests,
  ServiceMetrics,
  type Logger,
  tracingFromEnv,
  type QueryLimits,
  Tracing,
} from '@rehab/server-kit';
import type { SubgraphName } from '@rehab/shared-schema';
import { SigningDataSource, type GatewayContext } from './datasource';
import {
  createSubgraphFetcher,
  DEFAULT_BREAKER_FAILURES,
  DEFAULT_BREAKER_OPEN_MS,
  DEFAULT_READ_TIMEOUT_MS,
  type FetcherOptions,
} from './fetcher';
import {
  fromTrustedProxy,
  GraphQLFront,
  identityServiceOf,
  securityHeaders,
  servePortal,
  serviceRoutes,
  trustProxyFromEnv,
} from './front';
import { staticSupergraph } from './supergraph';
import { createApolloGateway } from './apollo-gateway';
import { introspectionPlugin, schemaToolsForAllFromEnv } from './introspection';
import { rateLimitPlugin, rateLimitsFromEnv, SharedTokenBuckets, type RateLimits } from './rate-limit';
import {
  resolveTrustedDocuments,
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

/** A client span of a fetch from a subgraph, under the request's server span. */
function subgraphSpan(tracing: Tracing, subgraph: string) {
  const { span, headers } = tracing.startClientSpan(`fetch ${subgraph}`, currentRequest()?.span);
  span.setAttribute('rehab.subgraph', subgraph);
  return { headers, end: (status: number | 'error') => Tracing.end(span, status) };
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
  const identity = identityServiceOf(options);
  const subgraphOfUrl = new Map(Object.entries(options.subgraphUrls).map(([name, url]) => [url, name]));
  const {
    fetcher,
    circuitOf,
    close: closeFetcher,
  } = createSubgraphFetcher({
    maxSockets: 32,
    timeoutMs: 10_000,
    readTimeoutMs: DEFAULT_READ_TIMEOUT_MS,
    breakerFailures: DEFAULT_BREAKER_FAILURES,
    breakerOpenMs: DEFAULT_BREAKER_OPEN_MS,
    onBreakerChange: (url, state) => {
      const subgraph = subgraphOfUrl.get(url) ?? 'unknown';
      metrics.subgraphCircuit(subgraph, state === 'open');
      if (state === 'open') logger.warn({ subgraph }, 'subgraph not answering: its circuit is open, reads fail at once');
      else logger.info({ subgraph }, 'subgraph answering again: its circuit is closed');
    },
    ...options.fetch,
    observe: (url, outcome, seconds) => metrics.subgraphFetch(subgraphOfUrl.get(url) ?? 'unknown', outcome, seconds),
    ...(tracing ? { trace: (url: string) => subgraphSpan(tracing, subgraphOfUrl.get(url) ?? 'unknown') } : {}),
  });
  const gateway = createApolloGateway({
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
  const front = new GraphQLFront({ identity, registered, mode: trusted.mode, perUser, log, logger });
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
  serviceRoutes(app, {
    logger,
    metrics,
    identityDb: options.identityDb,
    identity,
    subgraphUrls: options.subgraphUrls,
    loginPerIp: rateLimits.loginPerIp,
    metricsToken: options.metricsToken,
    supergraphLoaded: () => supergraphLoaded,
    circuitOf,
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    resolveTrustedDocuments(registered),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ caller: await front.callerOf(req) }),
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
      await identity.close();
      await tracing?.shutdown();
    },
  };
}
