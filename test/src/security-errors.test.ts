/**
 * Typed, bilingual errors end to end with the right HTTP status: several operations without
 * operationName, a subgraph's BAD_USER_INPUT (an impossible date) passed through the gateway,
 * a NUL character, a subscription, and a database that stops answering (503).
 */
import { createServer, Socket, type Server } from 'node:net';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { SUBGRAPHS, type InProcessSystem } from '@rehab/ops';
import { startGateway, type RunningGateway } from '@rehab/gateway';
import { startSubgraph, subgraphTrustOf, testCaller, type RunningSubgraph } from '@rehab/server-kit';
import { SUPERGRAPH_FILE, type SubgraphName } from '@rehab/shared-schema';
import { startTestSystem } from './fixtures';

let system: InProcessSystem;
let token: string;

beforeAll(async () => {
  system = await startTestSystem();
  token = await system.login('giamsat.hanoi');
}, 240_000);

afterAll(async () => {
  await system.stop();
});

interface ErrorBody {
  errors?: { message: string; extensions?: { code?: string; i18n?: { vi: string; en: string }; field?: string } }[];
}

async function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: ErrorBody; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as ErrorBody, text };
}

const gateway = (body: unknown): ReturnType<typeof post> => post(new URL('graphql', system.url).toString(), body);

function expectTyped(result: { status: number; body: ErrorBody; text: string }, status: number, code: string): void {
  expect(result.status).toBe(status);
  const error = result.body.errors?.[0];
  expect(error?.extensions?.code).toBe(code);
  expect(error?.extensions?.i18n?.vi).toEqual(expect.any(String));
  expect(error?.extensions?.i18n?.en).toEqual(expect.any(String));
  expect(error?.message).toBe(error?.extensions?.i18n?.vi);
  expect(result.text).not.toMatch(/stacktrace|\n\s+at |\/work\/|node_modules|localhost:\d+|127\.0\.0\.1/);
}

describe('several operations without operationName', () => {
  const query = 'query A { legalRules { code } } query B { legalRules { code } }';

  it('is a typed 400 at the gateway', async () => {
    expectTyped(await gateway({ query }), 400, 'OPERATION_RESOLUTION_FAILURE');
    expectTyped(await gateway({ query, operationName: 'C' }), 400, 'OPERATION_RESOLUTION_FAILURE');
    const chosen = await gateway({ query, operationName: 'B' });
    expect(chosen.status).toBe(200);
  });

  it('is a typed 400 at a subgraph', async () => {
    const body = { query };
    const url = system.subgraphs.get('police')?.url as string;
    const response = await fetch(url, {
      method: 'POST',
      headers: await system.signedHeaders(testCaller('supervisor'), 'police', body),
      body: JSON.stringify(body),
    });
    const text = await response.text();
    expectTyped({ status: response.status, body: JSON.parse(text) as ErrorBody, text }, 400, 'OPERATION_RESOLUTION_FAILURE');
  });
});

describe('an impossible date', () => {
  it("a subgraph's BAD_USER_INPUT for a variable passes through the gateway as HTTP 400", async () => {
    const result = await gateway({
      query: 'query($d: Date) { overdueLeaves(unitCode: "00004", asOf: $d) { id } }',
      variables: { d: '2026-13-01' },
    });
    expectTyped(result, 400, 'BAD_USER_INPUT');
  });

  it('an impossible date written in the query is a typed 400 too', async () => {
    const result = await gateway({ query: '{ overdueLeaves(unitCode: "00004", asOf: "2026-02-30") { id } }' });
    expect(result.status).toBe(400);
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(result.body.errors?.[0]?.extensions?.code);
    expectTyped(result, 400, result.body.errors?.[0]?.extensions?.code as string);
  });
});

describe('NUL characters and subscriptions are refused before any resolver', () => {
  it('a NUL in a variable or in the document is a typed 400', async () => {
    const before = system.queryCount('police');
    expectTyped(
      await gateway({
        query: 'query($n: String) { persons(name: $n, first: 5) { nodes { id } } }',
        variables: { n: 'nguy\u0000en' },
      }),
      400,
      'BAD_USER_INPUT',
    );
    expectTyped(await gateway({ query: '{ persons(name: "a\\u0000b", first: 5) { nodes { id } } }' }), 400, 'BAD_USER_INPUT');
    expect(system.queryCount('police')).toBe(before);
  });

  it('a subscription is a typed 400', async () => {
    const result = await gateway({ query: 'subscription { legalRules { code } }' });
    expect(result.status).toBe(400);
    expectTyped(result, 400, result.body.errors?.[0]?.extensions?.code as string);
    expect(['BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']).toContain(result.body.errors?.[0]?.extensions?.code);
  });
});

describe('record ids that are not UUIDs', () => {
  it('are a typed 400 naming the argument or input field, in literals, variables, lists and inputs', async () => {
    const before = system.queryCount('labor-welfare');
    const literal = await gateway({ query: '{ rehabEpisode(id: "1 OR 1=1") { id } }' });
    expectTyped(literal, 400, 'BAD_USER_INPUT');
    expect(literal.body.errors?.[0]?.extensions?.field).toBe('id');
    const list = await gateway({
      query:
        'mutation($s: [ID!]!) { assignPostRehabSupporters(id: "7d1b7a8e-8f1e-4a53-9d55-3c1d1f0b6a11", expectedVersion: 1, supporterIds: $s) { id } }',
      variables: { s: ['7d1b7a8e-8f1e-4a53-9d55-3c1d1f0b6a11', 'x'] },
    });
    expectTyped(list, 400, 'BAD_USER_INPUT');
    expect(list.body.errors?.[0]?.extensions?.field).toBe('supporterIds');
    const input = await gateway({
      query: 'mutation($i: ReintegrationSupportInput!) { recordReintegrationSupport(input: $i) { id } }',
      variables: { i: { postRehabCaseId: 42 } },
    });
    expectTyped(input, 400, 'BAD_USER_INPUT');
    expect(input.body.errors?.[0]?.extensions?.field).toBe('input.postRehabCaseId');
    expect(system.queryCount('labor-welfare')).toBe(before);
    // Codes are not ids: a unit code is left to the resolvers.
    expect((await gateway({ query: '{ administrativeUnit(code: "00004") { code } }' })).status).toBe(200);
  });
});

/** A TCP relay to PostgreSQL that can be cut: the database "goes away" for whoever connects through it. */
async function relayTo(host: string, port: number): Promise<{ port: number; cut(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    port: address.port,
    cut: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

describe('a database that stops answering', () => {
  const name: SubgraphName = 'police';
  let relay: Awaited<ReturnType<typeof relayTo>>;
  let db: DataSource;
  let subgraph: RunningSubgraph;
  let gatewayOverRelay: RunningGateway;

  beforeAll(async () => {
    const options = system.dbs.subgraph(name).db.options as PostgresConnectionOptions;
    const url = new URL(options.url as string);
    relay = await relayTo(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(relay.port);
    db = new DataSource({
      ...options,
      url: url.toString(),
      logging: false,
      logger: undefined,
      extra: { max: 2, connectionTimeoutMillis: 2000 },
    });
    await db.initialize();
    const entry = SUBGRAPHS.find((s) => s.name === name);
    subgraph = await startSubgraph(
      entry?.module as NonNullable<typeof entry>['module'],
      {
        db,
        trust: subgraphTrustOf(system.trust, name),
        pseudonymSecret: system.pseudonymSecret,
      },
      { port: 0 },
    );
    const urls = Object.fromEntries([...system.subgraphs].map(([n, s]) => [n, s.url])) as Record<SubgraphName, string>;
    gatewayOverRelay = await startGateway(
      {
        identityDb: system.dbs.identity,
        subgraphUrls: { ...urls, [name]: subgraph.url },
        supergraphPath: SUPERGRAPH_FILE,
        contextPrivateKey: system.trust.contextPrivateKey,
        accessTokenSecret: system.accessTokenSecret,
        webDir: null,
        log: () => undefined,
        trustedDocuments: { mode: 'off', manifestPath: null },
      },
      { port: 0 },
    );
  });

  afterAll(async () => {
    await gatewayOverRelay.stop();
    await subgraph.stop();
    await db.destroy().catch(() => undefined);
  });

  it('a write is a typed 503 SERVICE_UNAVAILABLE, and so is a read', async () => {
    const officer = await system.login('congan.phuongbadinh');
    const url = new URL('graphql', gatewayOverRelay.url).toString();
    const mutation = {
      query: 'mutation($id: ID!) { recordCheckIn(id: $id, date: "2026-01-05", note: "Có mặt") { id } }',
      variables: { id: '7d1b7a8e-8f1e-4a53-9d55-3c1d1f0b6a11' },
    };
    const working = await post(url, mutation, { authorization: `Bearer ${officer}` });
    expect(working.status).not.toBe(503);
    await relay.cut();
    const write = await post(url, mutation, { authorization: `Bearer ${officer}` });
    expectTyped(write, 503, 'SERVICE_UNAVAILABLE');
    const read = await post(
      url,
      { query: '{ persons(name: "nguyen", first: 5) { nodes { id } } }' },
      { authorization: `Bearer ${officer}` },
    );
    expectTyped(read, 503, 'SERVICE_UNAVAILABLE');
  }, 60_000);
});
