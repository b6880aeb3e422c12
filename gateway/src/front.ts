import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type Request } from 'express';
import type { DataSource } from 'typeorm';
import {
  currentRequest,
  databaseCheck,
  healthRoutes,
  metricsHandler,
  metricsTokenFromEnv,
  migrationsCheck,
  noteGraphQLRequest,
  READY_CHECK_TIMEOUT_MS,
  type CheckOutcome,
  type Logger,
  type ServiceMetrics,
} from '@rehab/server-kit';
import { unitByCode, type BreakGlassGrant, type Caller } from '@rehab/shared-schema';
import { IdentityService, notAuthenticated } from './identity/accounts';
import { authRoutes, bearerToken, clientOf } from './identity/routes';
import { recordSecurityEvent } from './identity/security-events';
import type { AccessClaims } from './identity/tokens';
import type { BreakerState } from './circuit-breaker';
import { loginRateLimit, SharedTokenBuckets, tooManyRequests, type RateLimiter, type TokenBucketOptions } from './rate-limit';
import {
  AD_HOC_ROLES,
  claimsRegisteredId,
  documentMismatch,
  documentStatus,
  trustedDocumentRequired,
  TrustedDocuments,
  type TrustedDocumentsOptions,
} from './trusted-documents';

// The HTTP front every GraphQL engine of the gateway shares (Apollo Gateway in server.ts,
// Hive Gateway in @rehab/hive-gateway): callers, trusted documents, headers, probes, portal.

export const PURPOSE_HEADER = 'x-access-purpose';

/** The caller a request's context carries to the subgraphs, with the session's active break-the-glass grants. */
export function callerFrom(
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

export function securityHeaders(app: Express): void {
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

export function servePortal(app: Express, webDir: string | null | undefined): void {
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
export async function checkDocument(
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
export function fromTrustedProxy(app: Express): (req: Request) => boolean {
  return (req) => {
    const trust: unknown = app.get('trust proxy fn');
    const address = req.socket.remoteAddress;
    return typeof trust === 'function' && address !== undefined && (trust as (a: string, i: number) => boolean)(address, 0);
  };
}

/**
 * Every subgraph's /ready answers 200 within the timeout: the origin of its GraphQL URL, path
 * /ready. A subgraph whose circuit is open (circuitOf, by its GraphQL URL) counts as
 * "circuit-open" without being asked: the gateway fails its requests at once.
 */
export function subgraphsCheck(
  urls: Readonly<Record<string, string>>,
  circuitOf?: (url: string) => BreakerState,
): () => Promise<CheckOutcome> {
  return async () => {
    const entries = await Promise.all(
      Object.entries(urls).map(async ([name, url]) => {
        if (circuitOf?.(url) === 'open') return [name, 'circuit-open'] as const;
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

/** The officers' accounts and sessions the gateway serves (/auth) and checks (/graphql). */
export function identityServiceOf(options: {
  identityDb: DataSource;
  accessTokenSecret: string;
  accessTokenTtlSeconds?: number;
}) {
  return new IdentityService(options.identityDb, {
    accessTokenSecret: options.accessTokenSecret,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 15 * 60,
    sessionTtlSeconds: 12 * 3600,
  });
}

export interface GraphQLFrontOptions {
  identity: IdentityService;
  /** The registered documents now (the manifest is reloaded when the portal is rebuilt). */
  registered: () => TrustedDocuments;
  mode: TrustedDocumentsOptions['mode'];
  perUser: RateLimiter;
  log: (message: string) => void;
  logger: Logger;
}

/** Who is asking on /graphql, whatever engine then runs the operation. */
export class GraphQLFront {
  constructor(private readonly options: GraphQLFrontOptions) {}

  /**
   * The caller of a GraphQL request: an open session's access token (UNAUTHENTICATED
   * otherwise), its active break-the-glass grants and declared purpose; an officer under
   * enforcement must send a registered document (refused and recorded otherwise).
   */
  async callerOf(req: Request): Promise<Caller> {
    const { identity, registered, mode, perUser, log, logger } = this.options;
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
      mode,
      identityDb: identity.database,
      perUser,
      log,
      logger,
    });
    return caller;
  }
}

/** What the probes, metrics and login routes of a gateway front need. */
export interface ServiceRoutes {
  logger: Logger;
  metrics: ServiceMetrics;
  identityDb: DataSource;
  identity: IdentityService;
  subgraphUrls: Readonly<Record<string, string>>;
  /** Per-IP login attempts, shared by every copy of the gateway. */
  loginPerIp: TokenBucketOptions;
  metricsToken?: string | undefined;
  supergraphLoaded: () => boolean;
  /** A subgraph's circuit by its URL (the Apollo gateway's breaker); none for an engine without one. */
  circuitOf?: (url: string) => BreakerState;
}

/**
 * /health, /ready (identity database, its migrations, the supergraph, the subgraphs),
 * /metrics and /auth (login rate-limited per IP), before any GraphQL or portal route.
 */
export function serviceRoutes(app: Express, routes: ServiceRoutes): void {
  healthRoutes(app, {
    service: 'gateway',
    logger: routes.logger,
    checks: {
      database: databaseCheck(routes.identityDb),
      migrations: migrationsCheck(routes.identityDb),
      supergraph: async () => (routes.supergraphLoaded() ? 'ok' : 'not-loaded'),
      subgraphs: subgraphsCheck(routes.subgraphUrls, routes.circuitOf),
    },
  });
  app.get('/metrics', metricsHandler(routes.metrics, routes.metricsToken ?? metricsTokenFromEnv()));
  app.post('/auth/login', loginRateLimit(new SharedTokenBuckets(routes.identityDb, 'login-ip', routes.loginPerIp)));
  app.use('/auth', authRoutes(routes.identity));
}

/** Stops the gateway and closes the identity database on Ctrl-C or SIGTERM, then exits. */
export function stopOnSignals(logger: Logger, gateway: { stop(): Promise<void> }, identityDb: DataSource): void {
  const stop = async (): Promise<void> => {
    logger.info('stopping');
    await gateway.stop();
    await identityDb.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
