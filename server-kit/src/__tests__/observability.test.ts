import { randomUUID } from 'node:crypto';
import { ALL_ROLES, SHARED_RULES, type AccessMatrix } from '@rehab/shared-schema';
import { CONTEXT_HEADER, signCallerContext } from '../context-token';
import { generateTrust, subgraphTrustOf } from '../secrets';
import { createSubgraphDataSource } from '../subgraph-database';
import { startSubgraph, type RunningSubgraph, type SubgraphModule } from '../subgraph';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { createLogger, REQUEST_ID_HEADER, Tracing } from '../observability';
import { CapturedLog, openTestDatabase, testCaller, testDatabaseEnv, type TestDatabase } from '../testing';

const SCHEMA = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])
type Person @key(fields: "id") { id: ID! }
type Query { ping(note: String): String, boom(note: String): String }
`;
const everyone = { owner: 'shared' as const, read: ALL_ROLES };
const MATRIX: AccessMatrix = { ...SHARED_RULES, 'Person.id': everyone, 'Query.ping': everyone, 'Query.boom': everyone };
/** What a resolver's unexpected failure says: it must reach the log, never the client. */
const SECRET = 'relation "hidden_table" does not exist at 10.1.2.3';

const pingModule: SubgraphModule<Record<string, never>> = {
  name: 'police',
  schemaText: SCHEMA,
  createLoaders: () => ({}),
  resolvers: {
    Query: {
      ping: () => 'pong',
      boom: () => {
        throw new Error(SECRET);
      },
    },
  },
};

const TRUST = generateTrust();
const log = new CapturedLog();
const spans = new InMemorySpanExporter();
const tracing = new Tracing('police', spans);
let database: TestDatabase;
let subgraph: RunningSubgraph;

beforeAll(async () => {
  // Migrated here with the kit's migrations only (not copied from the police template, whose
  // own later migrations this data source does not know).
  const env = testDatabaseEnv();
  delete env.DATABASE_TEMPLATE_PREFIX;
  database = await openTestDatabase(
    'police',
    (e) => createSubgraphDataSource('police', { entities: [], migrations: [] }, e),
    env,
  );
  subgraph = await startSubgraph(
    pingModule,
    {
      db: database.db,
      trust: subgraphTrustOf(TRUST, 'police'),
      matrix: MATRIX,
      logger: createLogger({ service: 'police', level: 'debug', destination: log }),
      metricsToken: 'scrape-secret',
      tracing,
    },
    { port: 0 },
  );
});

afterAll(async () => {
  await subgraph.stop();
  await database.close();
});

const origin = () => new URL(subgraph.url).origin;

async function signedQuery(
  body: { query: string; variables?: Record<string, unknown>; operationName?: string },
  headers: Record<string, string> = {},
) {
  const caller = testCaller('police_officer', '01', { requestId: `req-${randomUUID()}` });
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      [CONTEXT_HEADER]: await signCallerContext(caller, 'police', TRUST.contextPrivateKey, body),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { caller, response, text, json: JSON.parse(text) as { errors?: { extensions?: Record<string, unknown> }[] } };
}

async function scrape(): Promise<string> {
  const response = await fetch(`${origin()}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one series of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
}

/** Polls /ready until it answers `status` (its answer is cached for about 1.5 s). */
async function readyUntil(status: number): Promise<{ status: number; body: Record<string, unknown> }> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${origin()}/ready`);
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === status) return { status: response.status, body };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`/ready never answered ${status}`);
}

describe('a subgraph observed', () => {
  it('logs a masked internal error with its stack and the signed request id; the client gets the id, not the stack', async () => {
    const marker = `variable-${randomUUID()}`;
    const { caller, response, text, json } = await signedQuery({
      query: 'query Boom($note: String) { boom(note: $note) }',
      variables: { note: marker },
      operationName: 'Boom',
    });
    expect(json.errors?.[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: caller.requestId });
    expect(response.headers.get(REQUEST_ID_HEADER)).toBe(caller.requestId);
    expect(text).not.toContain('hidden_table');
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);

    const error = log.find((l) => l.level === 'error' && l.requestId === caller.requestId);
    expect(error).toBeDefined();
    const err = error?.err as { message: string; stack: string };
    expect(err.message).toBe(SECRET);
    expect(err.stack).toContain('observability.test.ts');
    expect(error?.path).toBe('boom');

    const line = log.find((l) => l.msg === 'request' && l.requestId === caller.requestId);
    expect(line).toMatchObject({
      service: 'police',
      method: 'POST',
      path: '/graphql',
      operationName: 'Boom',
      status: 200,
      userId: caller.userId,
    });
    expect(typeof line?.durationMs).toBe('number');
    // Never the variables, the person's name or the signed context.
    expect(log.text.join('')).not.toContain(marker);
    expect(log.text.join('')).not.toContain(caller.username);
    expect(log.text.join('')).not.toContain('eyJ');
  });

  it('logs a request without a valid gateway signature at warn', async () => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: 'forged' },
      body: JSON.stringify({ query: '{ ping }' }),
    });
    expect(response.status).toBe(401);
    const requestId = response.headers.get(REQUEST_ID_HEADER);
    expect(requestId).toBeTruthy();
    expect(log.find((l) => l.level === 'warn' && l.requestId === requestId)).toMatchObject({ reason: 'invalid signature' });
  });

  it('takes no x-request-id from an unsigned caller', async () => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [REQUEST_ID_HEADER]: 'chosen-by-the-caller' },
      body: JSON.stringify({ query: '{ ping }' }),
    });
    expect(response.headers.get(REQUEST_ID_HEADER)).not.toBe('chosen-by-the-caller');
  });

  it('is healthy while up, and ready only while its database answers and its migrations are current', async () => {
    const health = await fetch(`${origin()}/health`);
    expect(health.status).toBe(200);
    expect(await readyUntil(200)).toMatchObject({ body: { status: 'ready', checks: { database: 'ok', migrations: 'ok' } } });

    await database.db.destroy();
    const down = await readyUntil(503);
    expect(down.body).toMatchObject({ status: 'unavailable', checks: { database: 'failed' } });
    expect(JSON.stringify(down.body)).not.toMatch(/postgres|SELECT|127\.0\.0\.1/i);
    expect((await fetch(`${origin()}/health`)).status).toBe(200);
    await database.db.initialize();
    expect((await readyUntil(200)).body).toMatchObject({ status: 'ready' });

    // The last migration undone: pending until it runs again.
    const owner = await database.owner();
    await owner.undoLastMigration({ transaction: 'each' });
    expect((await readyUntil(503)).body).toMatchObject({ checks: { database: 'ok', migrations: 'pending' } });
    await owner.runMigrations({ transaction: 'each' });
    expect((await readyUntil(200)).body).toMatchObject({ checks: { migrations: 'ok' } });
  });

  it('exposes request, error, pool and outbox backlog metrics behind its token', async () => {
    expect((await fetch(`${origin()}/metrics`)).status).toBe(401);
    const before = await scrape();
    const labels = { service: 'police', route: '/graphql', operation: 'Ping', status: '200' };
    const pings = sample(before, 'rehab_http_requests_total', labels) ?? 0;
    const internal = sample(before, 'rehab_graphql_errors_total', { code: 'INTERNAL_SERVER_ERROR' }) ?? 0;
    for (let i = 0; i < 3; i++) await signedQuery({ query: 'query Ping { ping }', operationName: 'Ping' });
    await signedQuery({ query: 'query Boom { boom }', operationName: 'Boom' });

    // Two notices waiting (the oldest for 90 s), one delivered, one refused: only the two count.
    await database.db.query(
      `INSERT INTO outbox_notice (id, topic, source, destination, payload, created_at, delivered_at, failed_at) VALUES
        ($1, 'test.topic', 'police', 'health', '{}', now() - interval '90 seconds', NULL, NULL),
        ($2, 'test.topic', 'police', 'health', '{}', now() - interval '10 seconds', NULL, NULL),
        ($3, 'test.topic', 'police', 'health', '{}', now() - interval '1 hour', now(), NULL),
        ($4, 'test.topic', 'police', 'health', '{}', now() - interval '2 hours', NULL, now())`,
      [randomUUID(), randomUUID(), randomUUID(), randomUUID()],
    );
    const after = await scrape();
    expect(sample(after, 'rehab_http_requests_total', labels)).toBe(pings + 3);
    expect(sample(after, 'rehab_http_request_duration_seconds_count', labels)).toBe(pings + 3);
    expect(sample(after, 'rehab_graphql_errors_total', { code: 'INTERNAL_SERVER_ERROR' })).toBe(internal + 1);
    expect(sample(after, 'rehab_outbox_pending_notices', { service: 'police' })).toBe(2);
    const age = sample(after, 'rehab_outbox_oldest_pending_age_seconds', { service: 'police' }) ?? 0;
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(3600);
    expect(sample(after, 'rehab_db_pool_connections', { database: 'police' })).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^process_cpu_user_seconds_total\{service="police"\} /m);
  });

  it('continues the trace of an incoming traceparent in its server span', async () => {
    const traceId = randomUUID().replaceAll('-', '');
    const parentSpanId = traceId.slice(0, 16);
    const { caller } = await signedQuery(
      { query: 'query Ping { ping }', operationName: 'Ping' },
      { traceparent: `00-${traceId}-${parentSpanId}-01` },
    );
    await tracing.flush();
    const span = spans.getFinishedSpans().find((s) => s.spanContext().traceId === traceId);
    expect(span?.kind).toBe(SpanKind.SERVER);
    expect(span?.parentSpanId).toBe(parentSpanId);
    expect(span?.name).toBe('POST /graphql Ping');
    expect(span?.attributes).toMatchObject({ 'rehab.request_id': caller.requestId, 'http.status_code': 200 });
  });
});
