import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InProcessSystem } from '@rehab/ops';
import { testDatabaseEnv } from '@rehab/server-kit';
import { REPO_ROOT, SUPERGRAPH_FILE } from '@rehab/shared-schema';
import { DEMO_PASSWORD, MANIFEST_FILE, type RunningGateway } from '@rehab/gateway';
import { startHiveGateway } from '@rehab/hive-gateway';
import { PERSON_360, personAt, PERSONS } from './fixtures';

/**
 * The committed supergraph under Hive Gateway (hive-gateway/): the same login, signed
 * subgraph contexts, trusted documents, limits and typed errors as the Apollo gateway, on
 * the same subgraphs and identity database; answers compared with the Apollo gateway's.
 */

interface Reply {
  status: number;
  requestId: string | null;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  };
}

const WEB_DIR = join(REPO_ROOT, 'web', 'dist');
const manifest = JSON.parse(readFileSync(join(WEB_DIR, MANIFEST_FILE), 'utf8')) as {
  operations: { id: string; name: string }[];
};
const searchPersonsId = manifest.operations.find((o) => o.name === 'SearchPersons')?.id;

let system: InProcessSystem;
let hive: RunningGateway;
let savedLogLevel: string | undefined;

/** Hive Gateway on the system's subgraphs, keys and identity database. */
function startHive(mode: 'enforce' | 'off'): Promise<RunningGateway> {
  return startHiveGateway(
    {
      identityDb: system.dbs.identity,
      subgraphUrls: Object.fromEntries([...system.subgraphs].map(([name, running]) => [name, running.url])),
      supergraphPath: SUPERGRAPH_FILE,
      contextPrivateKey: system.trust.contextPrivateKey,
      accessTokenSecret: system.accessTokenSecret,
      webDir: WEB_DIR,
      trustedDocuments: { mode, manifestPath: join(WEB_DIR, MANIFEST_FILE) },
      log: () => undefined,
    },
    { port: 0 },
  );
}

beforeAll(async () => {
  system = await InProcessSystem.start({
    env: testDatabaseEnv(),
    persons: PERSONS,
    dropOnStop: true,
    webDir: WEB_DIR,
    trustedDocuments: 'enforce',
  });
  // The project's logs take levels Hive Gateway's own logger refuses (fatal, silent).
  savedLogLevel = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'fatal';
  hive = await startHive('enforce');
}, 240_000);

afterAll(async () => {
  if (savedLogLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = savedLogLevel;
  await hive.stop();
  await system.stop();
});

async function login(base: string, username: string): Promise<string> {
  const response = await fetch(new URL('auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function post(base: string, token: string | null, body: unknown): Promise<Reply> {
  const response = await fetch(new URL('graphql', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    body: (await response.json()) as Reply['body'],
  };
}

const codes = (reply: Reply): unknown[] => (reply.body.errors ?? []).map((e) => e.extensions?.code);

const person = personAt('POST_REHAB');

describe('Hive Gateway serves the committed supergraph with the project trust', () => {
  it('logs in at its own /auth and answers the cross-agency person exactly as the Apollo gateway does', async () => {
    const [viaHive, viaApollo] = await Promise.all([login(hive.url, 'giamsat.hanoi'), login(system.url, 'giamsat.hanoi')]);
    const request = { query: PERSON_360, variables: { number: person.identificationNumber } };
    const [fromHive, fromApollo] = await Promise.all([post(hive.url, viaHive, request), post(system.url, viaApollo, request)]);
    expect(fromHive.status).toBe(200);
    expect(fromHive.body.errors).toBeUndefined();
    const found = fromHive.body.data?.personByIdentificationNumber as Record<string, unknown[]>;
    // Police's identity and labour-welfare's episodes in one answer.
    expect(found.fullName).toBe(person.fullName);
    expect(found.rehabEpisodes?.length).toBeGreaterThan(0);
    expect(fromHive.body).toEqual(fromApollo.body);
  });

  it('signs each subgraph request for its caller: the subgraph audits the read under the request id the officer got', async () => {
    const token = await login(hive.url, 'giamsat.hanoi');
    const reply = await post(hive.url, token, { query: PERSON_360, variables: { number: person.identificationNumber } });
    expect(reply.status).toBe(200);
    expect(reply.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await system.dbs
      .subgraph('police')
      .db.query<{ username: string }[]>(`SELECT username FROM audit_log WHERE request_id = $1`, [reply.requestId]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.username === 'giamsat.hanoi')).toBe(true);
  });

  it('refuses a request without a session as UNAUTHENTICATED (401, bilingual, with its request id)', async () => {
    const reply = await post(hive.url, null, { query: '{ __typename }' });
    expect(reply.status).toBe(401);
    const [error] = reply.body.errors ?? [];
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.extensions?.i18n).toEqual({
      vi: 'Chưa đăng nhập hoặc phiên làm việc đã hết hạn',
      en: 'Not logged in, or the session has expired',
    });
    expect(error?.extensions?.requestId).toBe(reply.requestId);
  });

  it('holds an officer to the portal registered documents, as the Apollo gateway does', async () => {
    if (!searchPersonsId) throw new Error('SearchPersons is not registered');
    const token = await login(hive.url, 'congan.phuongbadinh');
    const adHoc = await post(hive.url, token, { query: '{ persons(first: 1) { totalCount } }' });
    expect(adHoc.status).toBe(403);
    expect(codes(adHoc)).toEqual(['TRUSTED_DOCUMENT_REQUIRED']);
    const registered = await post(hive.url, token, {
      variables: { first: 5 },
      extensions: { persistedQuery: { version: 1, sha256Hash: searchPersonsId } },
    });
    expect(registered.status).toBe(200);
    expect(registered.body.errors).toBeUndefined();
    const nodes = (registered.body.data?.persons as { nodes: { id: string }[] }).nodes;
    expect(nodes.length).toBeGreaterThan(0);
  });

  it("passes a subgraph's refusal of a field through as the Apollo gateway does", async () => {
    // An analyst reads pseudonymous data: the police subgraph refuses names field by field.
    const request = { query: '{ persons(first: 3) { totalCount nodes { id fullName } } }' };
    const [viaHive, viaApollo] = await Promise.all([login(hive.url, 'phantich.hanoi'), login(system.url, 'phantich.hanoi')]);
    const [fromHive, fromApollo] = await Promise.all([post(hive.url, viaHive, request), post(system.url, viaApollo, request)]);
    expect(codes(fromHive)).toContain('FORBIDDEN');
    const withoutRequestIds = (reply: Reply) =>
      (reply.body.errors ?? []).map(({ extensions, ...error }) => ({
        ...error,
        extensions: { ...extensions, requestId: undefined },
      }));
    expect(withoutRequestIds(fromHive)).toEqual(withoutRequestIds(fromApollo));
    expect(fromHive.body.data).toEqual(fromApollo.body.data);
    expect(fromHive.status).toBe(fromApollo.status);
  });

  it('lets only analysts and supervisors introspect, and applies the query limits', async () => {
    const [analyst, officer] = await Promise.all([login(hive.url, 'phantich.hanoi'), login(hive.url, 'yte.hanoi')]);
    const introspection = { query: '{ __schema { queryType { name } } }' };
    const allowed = await post(hive.url, analyst, introspection);
    expect(allowed.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const tooMany = { query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: persons(first: 1) { totalCount }`).join(' ')} }` };
    const refused = await post(hive.url, analyst, tooMany);
    expect(refused.status).toBe(400);
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect((refused.body.errors?.[0]?.extensions?.i18n as { en: string }).en).toBe(
      'The query uses too many aliases: at most 15, this one has 16',
    );
    expect(refused.body.data).toBeUndefined();
    // Without trusted documents an officer may send any text, but still not introspection.
    const open = await startHive('off');
    try {
      const officerReply = await post(open.url, officer, introspection);
      expect(officerReply.status).toBe(403);
      expect(codes(officerReply)).toEqual(['FORBIDDEN']);
      expect(officerReply.body.data).toBeUndefined();
    } finally {
      await open.stop();
    }
  });

  it('answers the agencies that are up and names the one that is down', async () => {
    const token = await login(hive.url, 'giamsat.hanoi');
    await system.stopSubgraph('health');
    try {
      const reply = await post(hive.url, token, { query: PERSON_360, variables: { number: person.identificationNumber } });
      const found = reply.body.data?.personByIdentificationNumber as Record<string, unknown[]> | null;
      expect(found?.rehabEpisodes?.length).toBeGreaterThan(0);
      const unavailable = (reply.body.errors ?? []).filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
      expect(unavailable.length).toBeGreaterThan(0);
      expect(unavailable[0]?.extensions?.i18n).toEqual({
        vi: 'Dữ liệu Y tế tạm thời không khả dụng',
        en: 'Health data is temporarily unavailable',
      });
      expect(JSON.stringify(reply.body)).not.toMatch(/localhost|127\.0\.0\.1|ECONNREFUSED/);
    } finally {
      await system.startSubgraph('health');
    }
  });

  it('is ready with every subgraph up and reports subgraph fetches in its metrics', async () => {
    const ready = await fetch(new URL('ready', hive.url));
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(new URL('metrics', hive.url))).text();
    expect(metrics).toMatch(/rehab_subgraph_fetches_total\{[^}]*subgraph="police"[^}]*outcome="2xx"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/rehab_http_requests_total\{[^}]*route="\/graphql"/);
  });
});
