import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'undici';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { CircuitBreaker, type BreakerState } from './circuit-breaker';

/** A read waits this long for an agency before the page shows it unavailable. */
export const DEFAULT_READ_TIMEOUT_MS = 4_000;
/** Consecutive unanswered requests that open a subgraph's circuit. */
export const DEFAULT_BREAKER_FAILURES = 3;
/** How long an open circuit fails requests at once before one is let through. */
export const DEFAULT_BREAKER_OPEN_MS = 10_000;

export interface FetcherOptions {
  /** Upper bound on open sockets per subgraph origin. */
  maxSockets: number;
  /** Abort a subgraph request after this many milliseconds. */
  timeoutMs: number;
  /**
   * Abort a read (a query, not a mutation) sooner: an agency that does not answer a read
   * must not hold up the officer's page for the full timeout. Defaults to timeoutMs.
   */
  readTimeoutMs?: number;
  /** Consecutive requests without an answer that open a subgraph's circuit; 0 turns the breaker off. */
  breakerFailures?: number;
  /** How long an open circuit refuses requests before letting one through. */
  breakerOpenMs?: number;
  /** Told when a subgraph's circuit opens or closes (by the subgraph's URL). */
  onBreakerChange?: (url: string, state: BreakerState) => void;
  /** Told of every fetch: the URL, the status class (2xx, 4xx, 5xx) or "error", and the seconds it took. */
  observe?: (url: string, outcome: string, seconds: number) => void;
  /** A trace span for a fetch: headers to send (traceparent) and its end. */
  trace?: (url: string) => { headers: Record<string, string>; end(status: number | 'error'): void } | undefined;
}

/**
 * Fetcher for subgraph calls: keep-alive sockets bounded per origin, and a timeout
 * (@apollo/gateway has none by default, so a hung subgraph would hang the request).
 */
export function createSubgraphFetcher(options: FetcherOptions): {
  fetcher: Fetcher;
  /** The state of the circuit to a subgraph URL (closed while no request to it has failed). */
  circuitOf: (url: string) => BreakerState;
  close: () => Promise<void>;
} {
  const agent = new Agent({ connections: options.maxSockets, keepAliveTimeout: 30_000, pipelining: 1 });
  const breakers = new Map<string, CircuitBreaker>();
  const breakerOf = (url: string): CircuitBreaker | null => {
    if (!options.breakerFailures) return null;
    let breaker = breakers.get(url);
    if (!breaker) {
      const failures = options.breakerFailures;
      const openMs = options.breakerOpenMs ?? 10_000;
      breaker = new CircuitBreaker(url, { failures, openMs }, (state) => options.onBreakerChange?.(url, state));
      breakers.set(url, breaker);
    }
    return breaker;
  };
  const fetchOnce: Fetcher = async (url, init) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const span = options.trace?.(url);
    try {
      const answer = await request(url, {
        method: init?.method === 'GET' ? 'GET' : 'POST',
        headers: span ? { ...init?.headers, ...span.headers } : init?.headers,
        body: init?.body ?? null,
        dispatcher: agent,
        signal: AbortSignal.timeout(isMutation(init?.body) ? options.timeoutMs : (options.readTimeoutMs ?? options.timeoutMs)),
      });
      // The whole body within the timeout, as fetch's callers read it.
      const response = new SubgraphResponse(url, answer.statusCode, answer.headers, await answer.body.text());
      options.observe?.(url, `${Math.floor(response.status / 100)}xx`, seconds());
      span?.end(response.status);
      return response;
    } catch (error) {
      options.observe?.(url, 'error', seconds());
      span?.end('error');
      throw error;
    }
  };
  const fetcher: Fetcher = (url, init) => {
    const breaker = breakerOf(url);
    return breaker ? breaker.run(() => fetchOnce(url, init), unanswered) : fetchOnce(url, init);
  };
  const circuitOf = (url: string): BreakerState => breakers.get(url)?.state ?? 'closed';
  return { fetcher, circuitOf, close: () => agent.close() };
}

function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * A subgraph's answer, read whole. The gateway calls subgraphs with undici's `request`
 * rather than `fetch`: the WHATWG machinery of `fetch` (streams, request and response
 * objects) was the gateway's largest CPU cost per Person-360 (docs/benchmarks.md).
 */
class SubgraphResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: Headers;

  constructor(
    readonly url: string,
    readonly status: number,
    raw: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? '';
    this.headers = headersOf(raw);
  }

  text(): Promise<string> {
    return Promise.resolve(this.body);
  }

  json(): Promise<unknown> {
    return Promise.resolve().then(() => JSON.parse(this.body) as unknown);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.body, 'utf8');
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }

  clone(): FetcherResponse {
    return this;
  }
}

/** Every error fetch throws is a request that got no answer (an HTTP answer, even 5xx, is the agency answering). */
const unanswered = (): boolean => true;

/** The start of a body the gateway wrote (query first), up to the operation's first word. */
const QUERY_FIRST = /^\{"query":"(?:\s|\\[nrt])*(mutation\b)?/;

/** Whether a subgraph request's body is a mutation (the gateway sends one operation per request). */
export function isMutation(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  // The gateway writes the query first: its first word decides without parsing the variables (megabytes for indicator lists).
  const head = QUERY_FIRST.exec(body.slice(0, 256));
  if (head) return head[1] !== undefined;
  try {
    const parsed = JSON.parse(body) as { query?: unknown };
    return typeof parsed.query === 'string' && /^\s*mutation\b/.test(parsed.query);
  } catch {
    return false;
  }
}
