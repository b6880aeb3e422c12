import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher } from '../fetcher';
import { subgraphsCheck } from '../front';

/** A local HTTP server that answers after `delayMs` and records connections. */
async function slowServer(
  delayMs: number,
): Promise<{ url: string; server: Server; connections: () => number; peak: () => number; close(): Promise<void> }> {
  let connections = 0;
  let open = 0;
  let peak = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    if (req.url === '/ready') {
      res.end('{"status":"ready"}');
      return;
    }
    open += 1;
    peak = Math.max(peak, open);
    const timer = setTimeout(() => {
      timers.delete(timer);
      open -= 1;
      res.setHeader('content-type', 'application/json');
      res.end('{"data":{}}');
    }, delayMs);
    timers.add(timer);
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
        for (const timer of timers) clearTimeout(timer);
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

  it("opens a subgraph's circuit after unanswered requests; /ready's subgraph check then says so without asking it", async () => {
    const hung = await slowServer(5_000);
    const changes: string[] = [];
    const { fetcher, circuitOf, close } = createSubgraphFetcher({
      maxSockets: 4,
      timeoutMs: 200,
      breakerFailures: 2,
      breakerOpenMs: 60_000,
      onBreakerChange: (_url, state) => changes.push(state),
    });
    const check = subgraphsCheck({ health: hung.url }, circuitOf);
    expect(await check()).toBe('ok');
    for (let i = 0; i < 2; i++) {
      await expect(fetcher(hung.url, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
    }
    expect(circuitOf(hung.url)).toBe('open');
    expect(changes).toEqual(['open']);
    // Open: refused at once, the subgraph is not asked.
    await expect(fetcher(hung.url, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'CircuitOpenError' });
    expect(await check()).toEqual({ health: 'circuit-open' });
    await close();
    await hung.close();
  });
});
