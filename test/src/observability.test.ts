/**
 * The gateway observed: request ids in the header and in every error, a masked internal
 * error logged with its stack, /health, /ready and /metrics answered before the portal's
 * catch-all, readiness following the subgraphs, and the subgraph fetches in the metrics.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InProcessSystem } from '@rehab/ops';
import { DEMO_PASSWORD, startGateway, type RunningGateway } from '@rehab/gateway';
import { CapturedLog, createLogger, REQUEST_ID_HEADER, tracingFromEnv, type Tracing } from '@rehab/server-kit';
import { SUPERGRAPH_FILE } from '@rehab/shared-schema';
import { population, startTestSystem } from './fixtures';

const PORTAL_HTML = '<!doctype html><html><head><title>portal page</title></head><body></body></html>';

let system: InProcessSystem;
let gateway: RunningGateway;
let webDir: string;
/** A stand-in for the volunteers subgraph: /ready as set here, /graphql answers something that is not JSON. */
let standIn: Server;
let standInReady = 200;
/** The traceparent headers the stand-in received. */
const standInTraceparents: string[] = [];
/** A small OTLP/HTTP receiver: the JSON bodies posted to /v1/traces. */
let receiver: Server;
const exported: OtlpBody[] = [];
let tracing: Tracing | undefined;

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}
interface OtlpBody {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}
const log = new CapturedLog();
let token: string;

function origin(): string {
  return new URL(gateway.url).origin;
}

beforeAll(async () => {
  system = await startTestSystem();
  standIn = createServer((req, res) => {
    if (req.url === '/ready') {
      res.writeHead(standInReady, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const traceparent = req.headers.traceparent;
    if (typeof traceparent === 'string') standInTraceparents.push(traceparent);
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('not json at all'));
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  const standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/graphql`;
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') exported.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpBody);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  tracing = tracingFromEnv('gateway', {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
  });
  webDir = mkdtempSync(join(tmpdir(), 'portal-'));
  writeFileSync(join(webDir, 'index.html'), PORTAL_HTML);
  const subgraphUrls = Object.fromEntries([...system.subgraphs].map(([name, running]) => [name, running.url]));
  gateway = await startGateway(
    {
      identityDb: system.dbs.identity,
      subgraphUrls: { ...subgraphUrls, volunteers: standInUrl },
      supergraphPath: SUPERGRAPH_FILE,
      contextPrivateKey: system.trust.contextPrivateKey,
      accessTokenSecret: system.accessTokenSecret,
      webDir,
      trustedDocuments: { mode: 'off', manifestPath: null },
      // The test's requests come from loopback: a trusted proxy, so their x-request-id is taken.
      trustProxy: 'loopback',
      logger: createLogger({ service: 'gateway', level: 'debug', destination: log }),
      metricsToken: 'scrape-secret',
      tracing: tracing ?? null,
    },
    { port: 0 },
  );
  const login = await fetch(`${origin()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'giamsat.hanoi', password: DEMO_PASSWORD }),
  });
  token = ((await login.json()) as { accessToken: string }).accessToken;
}, 240_000);

afterAll(async () => {
  await gateway.stop();
  await new Promise((resolve) => standIn.close(resolve));
  await new Promise((resolve) => receiver.close(resolve));
  await system.stop();
  rmSync(webDir, { recursive: true, force: true });
});

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function graphql(
  query: string,
  operationName: string,
  headers: Record<string, string> = {},
  base = origin(),
): Promise<{ status: number; requestId: string | null; body: Body; text: string }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, operationName }),
  });
  const text = await response.text();
  return { status: response.status, requestId: response.headers.get(REQUEST_ID_HEADER), body: JSON.parse(text) as Body, text };
}

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
}

async function scrape(): Promise<string> {
  const response = await fetch(`${origin()}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } });
  expect(response.status).toBe(200);
  return response.text();
}

async function readyUntil(status: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${origin()}/ready`);
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status === status) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`/ready never answered ${status}`);
}

describe('the gateway observed', () => {
  it('masks an internal error for the client, logs it with its stack, and gives the same request id in header and extensions', async () => {
    const { requestId, body, text } = await graphql('query Organisations { massOrganisations { name } }', 'Organisations');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const error = body.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId });
    expect(text).not.toMatch(/not json at all|Unexpected token|\bat .*\.(ts|js):\d+|127\.0\.0\.1/);

    const logged = log.find((l) => l.level === 'error' && l.requestId === requestId);
    const err = logged?.err as { message: string; stack: string } | undefined;
    expect(err?.message).toMatch(/JSON/);
    expect(err?.stack).toMatch(/\n\s+at /);
    expect(log.find((l) => l.msg === 'request' && l.requestId === requestId)).toMatchObject({
      service: 'gateway',
      method: 'POST',
      path: '/graphql',
      operationName: 'Organisations',
      status: 200,
    });
  });

  it('gives the request id in every error, an unauthenticated one included', async () => {
    const response = await fetch(`${origin()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ legalRules { code } }' }),
    });
    const body = (await response.json()) as Body;
    expect(response.status).toBe(401);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      requestId: response.headers.get(REQUEST_ID_HEADER),
    });
  });

  it('takes a well-formed x-request-id from a trusted proxy only, and passes it to the subgraph in the signed context', async () => {
    const chosen = `proxy-${Date.now()}`;
    const person = population[0];
    if (!person) throw new Error('no demo person');
    // A sensitive read: the subgraph audits it under the request id of the signed context.
    const { requestId, body } = await graphql(
      `query Identity { personByIdentificationNumber(number: "${person.identificationNumber}") { fullName } }`,
      'Identity',
      { [REQUEST_ID_HEADER]: chosen },
    );
    expect(body.errors).toBeUndefined();
    expect(requestId).toBe(chosen);
    const audited = await system.dbs
      .subgraph('police')
      .db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1', [chosen]);
    expect(audited[0]?.n).toBeGreaterThan(0);
    for (const bad of ['bad id <script>', 'x'.repeat(65)]) {
      const malformed = await graphql('query Rules { legalRules { code } }', 'Rules', { [REQUEST_ID_HEADER]: bad });
      expect(malformed.requestId).not.toBe(bad);
    }
    // The system's own gateway trusts no proxy (TRUST_PROXY unset): a client's id is replaced.
    const untrusted = await graphql(
      'query Rules { legalRules { code } }',
      'Rules',
      { [REQUEST_ID_HEADER]: chosen },
      system.url.replace(/\/$/, ''),
    );
    expect(untrusted.requestId).not.toBe(chosen);
  });

  it('answers /health, /ready and /metrics itself, never with the portal', async () => {
    const page = await fetch(`${origin()}/some/portal/page`);
    expect(await page.text()).toBe(PORTAL_HTML);
    for (const path of ['/health', '/ready', '/metrics']) {
      const response = await fetch(`${origin()}${path}`);
      const text = await response.text();
      expect(text).not.toContain('portal page');
      expect(response.headers.get('content-type')).not.toMatch(/html/);
    }
    expect((await fetch(`${origin()}/health`)).status).toBe(200);
    expect((await fetch(`${origin()}/metrics`)).status).toBe(401);
  });

  it('is ready only while every subgraph is, naming the one that is not (no URLs)', async () => {
    expect(await readyUntil(200)).toMatchObject({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', supergraph: 'ok', subgraphs: 'ok' },
    });
    standInReady = 503;
    const down = await readyUntil(503);
    expect(down).toMatchObject({ status: 'unavailable', checks: { subgraphs: { volunteers: 'not-ready', police: 'ok' } } });
    expect(JSON.stringify(down)).not.toMatch(/127\.0\.0\.1|http:/);
    standInReady = 200;
    expect(await readyUntil(200)).toMatchObject({ status: 'ready' });
  });

  it('counts requests per operation, errors by code and fetches per subgraph', async () => {
    const before = await scrape();
    const labels = { service: 'gateway', route: '/graphql', operation: 'Rules', status: '200' };
    const rules = sample(before, 'rehab_http_requests_total', labels) ?? 0;
    const fetches = sample(before, 'rehab_subgraph_fetches_total', { subgraph: 'volunteers', outcome: '2xx' }) ?? 0;
    const internal = sample(before, 'rehab_graphql_errors_total', { code: 'INTERNAL_SERVER_ERROR' }) ?? 0;
    await graphql('query Rules { legalRules { code } }', 'Rules');
    await graphql('query Rules { legalRules { code } }', 'Rules');
    await graphql('query Organisations { massOrganisations { name } }', 'Organisations');
    const after = await scrape();
    expect(sample(after, 'rehab_http_requests_total', labels)).toBe(rules + 2);
    expect(sample(after, 'rehab_http_request_duration_seconds_count', labels)).toBe(rules + 2);
    expect(sample(after, 'rehab_subgraph_fetches_total', { subgraph: 'volunteers', outcome: '2xx' })).toBe(fetches + 1);
    expect(sample(after, 'rehab_subgraph_fetch_duration_seconds_count', { subgraph: 'volunteers', outcome: '2xx' })).toBe(
      fetches + 1,
    );
    expect(sample(after, 'rehab_graphql_errors_total', { code: 'INTERNAL_SERVER_ERROR' })).toBe(internal + 1);
    expect(sample(after, 'rehab_db_pool_connections', { database: 'identity' })).toBeGreaterThanOrEqual(1);
  });

  it('logs a failed login at warn, without the password', async () => {
    const password = `wrong-${Date.now()}-password`;
    const response = await fetch(`${origin()}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'congan.laocai', password }),
    });
    expect(response.status).toBe(401);
    const requestId = response.headers.get(REQUEST_ID_HEADER);
    expect(log.find((l) => l.level === 'warn' && l.requestId === requestId)).toMatchObject({
      path: '/auth/login',
      status: 401,
    });
    expect(log.text.join('')).not.toContain(password);
    expect(log.text.join('')).not.toContain(token);
  });

  it('exports its spans over OTLP/HTTP and sends the W3C traceparent of the subgraph fetch with it', async () => {
    expect(tracing).toBeDefined();
    standInTraceparents.length = 0;
    await graphql('query Organisations { massOrganisations { name } }', 'Organisations');
    const [traceparent] = standInTraceparents;
    const [, traceId, spanId] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(traceparent ?? '') ?? [];
    expect(traceId).toBeDefined();
    const spansOfTrace = () =>
      exported
        .flatMap((body) => body.resourceSpans)
        .filter((r) => r.resource.attributes.some((a) => a.key === 'service.name' && a.value.stringValue === 'gateway'))
        .flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))
        .filter((s) => s.traceId === traceId);
    // The server span ends when the response has been written ('finish'), just after the client has it.
    for (let i = 0; i < 50 && spansOfTrace().length < 2; i++) {
      await tracing?.flush();
      await new Promise((r) => setTimeout(r, 50));
    }
    const spans = spansOfTrace();
    const fetchSpan = spans.find((s) => s.spanId === spanId);
    expect(fetchSpan?.name).toBe('fetch volunteers');
    const server = spans.find((s) => s.spanId === fetchSpan?.parentSpanId);
    expect(server?.name).toBe('POST /graphql Organisations');
  });
});
