import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher } from '../fetcher';

/** A local HTTP server that answers after `delayMs` and records connections. */
async function slowServer(
  delayMs: number,
): Promise<{ url: string; server: Server; connections: () => number; peak: () => number; close(): Promise<void> }> {
  let connections = 0;
  let open = 0;
  let peak = 0;
  const server = createServer((_req, res) => {
    open += 1;
    peak = Math.max(peak, open);
    setTimeout(() => {
      open -= 1;
      res.setHeader('content-type', 'application/json');
      res.end('{"data":{}}');
    }, delayMs);
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    server,
    connections: () => connections,
    peak: () => peak,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('subgraph fetcher', () => {
  it('gives up on a subgraph that does not answer within the timeout', async () => {
    const hung = await slowServer(5_000);
    const { fetcher, close } = createSubgraphFetcher({ maxSockets: 4, timeoutMs: 200 });
    await expect(fetcher(hung.url, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
    await close();
    await hung.close();
  });

  it('reuses keep-alive sockets and never opens more than maxSockets to one subgraph', async () => {
    const server = await slowServer(30);
    const { fetcher, close } = createSubgraphFetcher({ maxSockets: 3, timeoutMs: 5_000 });
    const call = async () => {
      const r = await fetcher(server.url, { method: 'POST', body: '{}' });
      await r.text();
    };
    for (let i = 0; i < 10; i++) await call();
    expect(server.connections()).toBeLessThanOrEqual(2); // reused, not one socket per call
    await Promise.all(Array.from({ length: 20 }, call));
    expect(server.peak()).toBeLessThanOrEqual(3);
    expect(server.connections()).toBeLessThanOrEqual(3);
    await close();
    await server.close();
  });
});
