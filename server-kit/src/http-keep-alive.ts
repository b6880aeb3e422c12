import type { Server } from 'node:http';

/**
 * Idle keep-alive connections are kept open well past a client's reuse window (Node's fetch
 * reuses a socket for about 4 s; the gateway's subgraph agent for up to 30 s). With Node's
 * default of 5 s, a server could close a socket just as a client busy under load sent on
 * it, and the request failed with ECONNRESET.
 */
export function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
