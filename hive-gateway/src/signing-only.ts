import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { exitOnStartFailure } from '@rehab/server-kit';
import { callerFrom, gatewayConfigFromEnv, verifyAccessToken } from '@rehab/gateway';
import { signSubgraphFetch, type RehabContext } from './plugin';
import { supergraphRuntime } from './runtime';

/**
 * The benchmark's yardstick (`npm run bench -- --compare`), not a way to run the product:
 * the committed supergraph under Hive Gateway with nothing of the project's front but the
 * access token's signature check and the signing of each subgraph request, as a plugin.
 * No session lookup, rate limit, trusted documents, query limits, logs or metrics.
 */
function useContextSigning(privateKey: KeyObject, subgraphOfUrl: ReadonlyMap<string, string>): GatewayPlugin<RehabContext> {
  return {
    async onFetch(payload) {
      await signSubgraphFetch(payload, subgraphOfUrl, privateKey);
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const config = gatewayConfigFromEnv();
  const subgraphOfUrl = new Map(Object.entries(config.subgraphUrls).map(([name, url]) => [url, name]));
  const hive = createGatewayRuntime<RehabContext>({
    ...supergraphRuntime(config.supergraphPath, config.subgraphUrls),
    plugins: () => [useContextSigning(config.contextPrivateKey, subgraphOfUrl)],
  });
  await hive.getSchema();
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const claims = token ? await verifyAccessToken(token, config.accessTokenSecret) : null;
    if (!claims) {
      res.writeHead(401).end();
      return;
    }
    const response = await hive.fetch(
      'http://hive-gateway/graphql',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: await readBody(req) },
      { caller: callerFrom(claims, undefined) },
    );
    res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await response.arrayBuffer()));
  };
  const server = createServer((req, res) => {
    if (req.url === '/health') res.writeHead(200).end('ok');
    else answer(req, res).catch(() => res.writeHead(500).end());
  });
  server.keepAliveTimeout = 65_000;
  server.listen(config.port, config.host);
  const stop = () => server.close(() => void Promise.resolve(hive.dispose()).then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => exitOnStartFailure('gateway', error));
