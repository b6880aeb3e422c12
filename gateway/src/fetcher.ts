import { Agent, fetch } from 'undici';
import type { Fetcher } from '@apollo/utils.fetcher';

export interface FetcherOptions {
  /** Upper bound on open sockets per subgraph origin. */
  maxSockets: number;
  /** Abort a subgraph request after this many milliseconds. */
  timeoutMs: number;
}

/**
 * Fetcher for subgraph calls: keep-alive sockets bounded per origin, and a timeout
 * (@apollo/gateway has none by default, so a hung subgraph would hang the request).
 */
export function createSubgraphFetcher(options: FetcherOptions): { fetcher: Fetcher; close: () => Promise<void> } {
  const agent = new Agent({ connections: options.maxSockets, keepAliveTimeout: 30_000, pipelining: 1 });
  const fetcher: Fetcher = async (url, init) => {
    const response = await fetch(url, {
      method: init?.method,
      headers: init?.headers,
      body: init?.body,
      dispatcher: agent,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    return response;
  };
  return { fetcher, close: () => agent.close() };
}
