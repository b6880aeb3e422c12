import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Span } from '@opentelemetry/api';
import { Tracing } from './tracing';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';

/** Header of the request id, in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What is known of the HTTP request being served, for log lines, errors and metrics. */
export interface RequestState {
  requestId: string;
  /** GraphQL operation name, when the request is one. */
  operationName?: string;
  /** The caller's account id, once known. */
  userId?: string;
  /** The request's server span, when traces are exported. */
  span?: Span;
}

const storage = new AsyncLocalStorage<RequestState>();

/** The request being served in this async context, if any. */
export function currentRequest(): RequestState | undefined {
  return storage.getStore();
}

const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$/;

/** An incoming request id is taken only when it is 8–64 characters (the audit log keeps 64) of letters, digits and . _ : - */
export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED.test(value);
}

/** Sets the request id of the current request (a subgraph learns it from the gateway's signed context). */
export function adoptRequestId(res: Response, requestId: string): void {
  const state = currentRequest();
  if (state) state.requestId = requestId;
  if (!res.headersSent) res.setHeader(REQUEST_ID_HEADER, requestId);
}

/** Marks the caller and operation of the current GraphQL request, for its log line and errors. */
export function noteGraphQLRequest(req: Request, userId?: string): void {
  const state = currentRequest();
  if (!state) return;
  if (userId) state.userId = userId;
  state.operationName ??= operationNameOf(req);
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** The operation name of a GraphQL request (JSON body or GET query), when well-formed; never the variables. */
function operationNameOf(req: Request): string | undefined {
  const body: unknown = req.body;
  const raw: unknown =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>).operationName : req.query.operationName;
  return typeof raw === 'string' && OPERATION_NAME.test(raw) ? raw : undefined;
}

/** The first path segment among the service's own routes, or "other" (portal files), for metrics. */
export function routeOf(path: string): string {
  const first = path.split('/')[1] ?? '';
  return ['graphql', 'auth', 'notices', 'health', 'ready', 'metrics'].includes(first) ? `/${first}` : 'other';
}

/** Routes whose refusals (401/403/423/429) are security-relevant and logged at warn. */
const WATCHED = /^\/(auth\/login|auth\/refresh|notices)$/;

export interface RequestObservationOptions {
  logger: Logger;
  metrics: ServiceMetrics;
  /** Whether this request's own x-request-id header may be taken (the gateway's trusted path). */
  trustIncomingId?: (req: Request) => boolean;
  /** Traces, when exported: a server span per request, continuing an incoming traceparent. */
  tracing?: Tracing;
}

/**
 * The first middleware of every service: a request id (the incoming one when trusted and
 * well-formed, else a new one) in the x-request-id response header and in the async
 * context; one log line and the HTTP metrics when the response is finished. Probes
 * (/health, /ready, /metrics) are logged at debug.
 */
export function observeRequests(options: RequestObservationOptions): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers[REQUEST_ID_HEADER];
    const trusted = isWellFormedRequestId(incoming) && (options.trustIncomingId?.(req) ?? false);
    const state: RequestState = { requestId: trusted ? incoming : randomUUID() };
    res.setHeader(REQUEST_ID_HEADER, state.requestId);
    if (options.tracing) state.span = options.tracing.startServerSpan(req.method, req.headers);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation = state.operationName ?? operationNameOf(req);
      // originalUrl: under a mounted router req.path is relative to the mount point.
      const path = req.originalUrl.split('?')[0] ?? req.path;
      const route = routeOf(path);
      options.metrics.observeRequest({ route, operation, status: res.statusCode, seconds });
      if (state.span) {
        state.span.updateName(`${req.method} ${route}${operation ? ` ${operation}` : ''}`);
        state.span.setAttributes({
          'http.route': route,
          'rehab.request_id': state.requestId,
          ...(operation ? { 'graphql.operation.name': operation } : {}),
        });
        Tracing.end(state.span, res.statusCode);
      }
      const line = {
        requestId: state.requestId,
        method: req.method,
        path,
        ...(operation ? { operationName: operation } : {}),
        status: res.statusCode,
        durationMs: Math.round(seconds * 1e4) / 10,
        ...(state.userId ? { userId: state.userId } : {}),
      };
      const probe = route === '/health' || route === '/ready' || route === '/metrics';
      if (WATCHED.test(path) && [401, 403, 423, 429].includes(res.statusCode)) {
        options.logger.warn({ ...line, ip: req.ip }, 'request refused');
      } else if (probe) {
        options.logger.debug(line, 'request');
      } else {
        options.logger.info(line, 'request');
      }
    });
    storage.run(state, next);
  };
}
