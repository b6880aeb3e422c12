import { Agent, fetch } from 'undici';
import type { Fetcher } from '@apollo/utils.fetcher';

export interface FetcherOptions {
  /** Upper bound on open sockets per subgraph origin. */
  maxSockets: number;
  /** Abort a subgraph request after this many milliseconds. */
  timeoutMs: number;
  /** Told of every fetch: the URL, the status class (2xx, 4xx, 5xx) or "error", and the seconds it took. */
  observe?: (url: string, outcome: string, seconds: number) => void;
  /** A trace span for a fetch: headers to send (traceparent) and its end. */
  trace?: (url: string) => { headers: Record<string, string>; end(status: number | 'error'): void } | undefined;
}

/**
 * Fetcher for subgraph calls: keep-alive sockets bounded per origin, and a timeout
 * (@apollo/gateway has none by default, so a hung subgraph would hang the request).
 */
export function createSubgraphFetcher(options: FetcherOptions): { fetcher: Fetcher; close: () => Promise<void> } {
  const agent = new Agent({ connections: options.maxSockets, keepAliveTimeout: 30_000, pipelining: 1 });
  const fetcher: Fetcher = async (url, init) => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const span = options.trace?.(url);
    try {
      const response = await fetch(url, {
        method: init?.method,
        headers: span ? { ...init?.headers, ...span.headers } : init?.headers,
        body: init?.body,
        dispatcher: agent,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      options.observe?.(url, `${Math.floor(response.status / 100)}xx`, seconds());
      span?.end(response.status);
      return response;
    } catch (error) {
      options.observe?.(url, 'error', seconds());
      span?.end('error');
      throw error;
    }
  };
  return { fetcher, close: () => agent.close() };
}
