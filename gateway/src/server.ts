import { randomUUID, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express, { type Express } from 'express';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { DataSource } from 'typeorm';
import { bodyErrorHandler, gatewayLimitsFromEnv, limitServerOptions, type QueryLimits } from '@rehab/server-kit';
import { unitByCode, type BreakGlassGrant, type Caller, type SubgraphName } from '@rehab/shared-schema';
import { SigningDataSource, type GatewayContext } from './datasource';
import { createSubgraphFetcher, type FetcherOptions } from './fetcher';
import { IdentityService, notAuthenticated } from './identity/accounts';
import { authRoutes, bearerToken } from './identity/routes';
import { staticSupergraph } from './supergraph';
import { introspectionPlugin, schemaToolsForAllFromEnv } from './introspection';
import { loginRateLimit, rateLimitPlugin, rateLimitsFromEnv, TokenBuckets, type RateLimits } from './rate-limit';
import type { AccessClaims } from './identity/tokens';

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
  fetch?: Partial<FetcherOptions>;
  log?: (message: string) => void;
}

export interface RunningGateway {
  url: string;
  server: Server;
  stop(): Promise<void>;
}

const PURPOSE_HEADER = 'x-access-purpose';

/** The caller a request's context carries to the subgraphs, with the session's active break-the-glass grants. */
function callerFrom(claims: AccessClaims, purpose: string | undefined, grants: readonly BreakGlassGrant[] = []): Caller {
  const unit = unitByCode(claims.unitCode);
  if (!unit) throw notAuthenticated();
  return {
    userId: claims.accountId, username: claims.username, agency: claims.agency, role: claims.role,
    unitCode: claims.unitCode, unitPath: unit.path, purpose: (purpose ?? 'case-work').slice(0, 200), requestId: randomUUID(),
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
    res.setHeader('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    next();
  });
}

function servePortal(app: Express, webDir: string | null | undefined): void {
  if (!webDir || !existsSync(join(webDir, 'index.html'))) {
    app.get('/', (_req, res) => { res.type('text/plain; charset=utf-8').send('Cổng thông tin chưa được build: chạy npm run build.\nPortal not built: run npm run build.'); });
    return;
  }
  app.use(express.static(webDir, { index: 'index.html', maxAge: '1h' }));
  app.get(/^\/(?!graphql|auth|health).*/, (_req, res) => { res.sendFile(join(webDir, 'index.html')); });
}

/** Starts gateway + portal on one origin: / (portal), /graphql (API), /auth (login). */
export async function startGateway(options: GatewayOptions, listen: { port: number; host?: string }): Promise<RunningGateway> {
  const log = options.log ?? ((m: string) => console.log(m));
  const identity = new IdentityService(options.identityDb, {
    accessTokenSecret: options.accessTokenSecret,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 15 * 60,
    sessionTtlSeconds: 12 * 3600,
  });
  const { fetcher, close: closeFetcher } = createSubgraphFetcher({ maxSockets: 32, timeoutMs: 10_000, ...options.fetch });
  const gateway = new ApolloGateway({
    supergraphSdl: staticSupergraph(options.supergraphPath, log),
    buildService: ({ name }) => {
      const subgraph = name as SubgraphName;
      const url = options.subgraphUrls[subgraph];
      if (!url) throw new Error(`No URL configured for subgraph ${name}`);
      return new SigningDataSource(subgraph, url, fetcher, options.contextPrivateKey);
    },
  });
  const app = express();
  app.set('trust proxy', options.trustProxy ?? trustProxyFromEnv());
  securityHeaders(app);
  const httpServer = createServer(app);
  const production = options.production ?? false;
  // Hints kept by the formatter; introspectionPlugin strips them per role.
  const limits = limitServerOptions(options.limits ?? gatewayLimitsFromEnv(), { production, keepSuggestions: true });
  const rateLimits = options.rateLimits ?? rateLimitsFromEnv();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // On for everyone: introspectionPlugin lets only some roles introspect.
    introspection: true,
    ...limits,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      rateLimitPlugin(new TokenBuckets(rateLimits.perUser)),
      introspectionPlugin({ production, openToAll: options.schemaToolsForAll ?? schemaToolsForAllFromEnv() }),
      ...limits.plugins,
    ],
  });
  await apollo.start();
  app.get('/health', (_req, res) => { res.json({ status: 'ok' }); });
  app.post('/auth/login', loginRateLimit(new TokenBuckets(rateLimits.loginPerIp)));
  app.use('/auth', authRoutes(identity));
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, {
    context: async ({ req }) => {
      const token = bearerToken(req);
      const session = token ? await identity.authenticateRequest(token) : null;
      if (!session) throw notAuthenticated();
      const purpose = req.headers[PURPOSE_HEADER];
      return { caller: callerFrom(session.claims, typeof purpose === 'string' ? purpose : undefined, session.grants) };
    },
  }));
  servePortal(app, options.webDir);
  app.use(bodyErrorHandler);
  await new Promise<void>((resolve) => httpServer.listen(listen.port, listen.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host && listen.host !== '0.0.0.0' ? listen.host : 'localhost';
  return {
    url: `http://${host}:${port}/`,
    server: httpServer,
    stop: async () => {
      await apollo.stop();
      await closeFetcher();
    },
  };
}
