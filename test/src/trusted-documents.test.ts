import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InProcessSystem } from '@rehab/ops';
import { testDatabaseEnv } from '@rehab/server-kit';
import { REPO_ROOT, makeIdentificationNumber } from '@rehab/shared-schema';
import { MANIFEST_FILE } from '@rehab/gateway';
import { PERSONS, population } from './fixtures';

/**
 * Officers' tokens run only the portal's registered operations (TRUSTED_DOCUMENTS=enforce);
 * analysts and supervisors keep ad-hoc queries. Needs the built portal (npm run build -w web).
 */

interface Manifest {
  format: string;
  version: number;
  operations: { id: string; name: string; type: string; body: string }[];
}

interface Reply {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string; i18n?: { vi: string; en: string } } }[];
  };
}

const WEB_DIR = join(REPO_ROOT, 'web', 'dist');
const manifest = JSON.parse(readFileSync(join(WEB_DIR, MANIFEST_FILE), 'utf8')) as Manifest;
const registered = (name: string): Manifest['operations'][number] => {
  const operation = manifest.operations.find((o) => o.name === name);
  if (!operation) throw new Error(`${name} is not registered`);
  return operation;
};

let system: InProcessSystem;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await InProcessSystem.start({
    env: testDatabaseEnv(),
    persons: PERSONS,
    dropOnStop: true,
    webDir: WEB_DIR,
    trustedDocuments: 'enforce',
  });
  for (const username of ['congan.phuongbadinh', 'yte.hanoi', 'phantich.hanoi', 'giamsat.hanoi'])
    tokens[username] = await system.login(username);
}, 240_000);

afterAll(async () => {
  await system.stop();
});

async function post(token: string | null, body: unknown): Promise<Reply> {
  const response = await fetch(new URL('graphql', system.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Reply['body'] };
}

const byId = (id: string, variables: Record<string, unknown> = {}): Record<string, unknown> => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: id } },
});

/** Security events of one officer of a kind, newest first, as the identity database holds them. */
async function untrustedEvents(username: string): Promise<{ detail: Record<string, unknown> }[]> {
  return await system.dbs.identity.query<{ detail: Record<string, unknown> }[]>(
    `SELECT detail FROM security_event WHERE kind = 'UNTRUSTED_DOCUMENT' AND username = $1 ORDER BY id DESC`,
    [username],
  );
}

function expectRefused(reply: Reply): void {
  expect(reply.status).toBe(403);
  expect(reply.body.data).toBeUndefined();
  expect(reply.body.errors).toHaveLength(1);
  const [error] = reply.body.errors ?? [];
  expect(error?.extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
  expect(error?.extensions?.i18n?.vi).toMatch(/chỉ được chạy các thao tác đã đăng ký/);
  expect(error?.extensions?.i18n?.en).toMatch(/registered operations/);
  expect(error?.message).toBe(error?.extensions?.i18n?.vi);
}

/** A person of Phường Ba Đình (00004), the ward of congan.phuongbadinh. */
const subject = (() => {
  const person = population.find((p) => p.currentResidence.unitCode === '00004');
  if (!person) throw new Error('no demo person in 00004');
  return person;
})();

/** A registration the officer may make (00004 is their ward): refused requests must leave no such person. */
function registration(serial: number): { query: string; variables: Record<string, unknown>; number: string } {
  const number = makeIdentificationNumber('001', '1990-02-03', 'MALE', serial);
  const address = { unitCode: '00004', addressLine: 'Số 7 phố Đội Cấn' };
  return {
    number,
    query: 'mutation Register($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }',
    variables: {
      i: {
        identificationNumber: number,
        fullName: 'Đỗ Văn Thử',
        dateOfBirth: '1990-02-03',
        sex: 'MALE',
        ethnicity: 'Kinh',
        permanentResidence: address,
        currentResidence: address,
      },
    },
  };
}

async function registeredNumber(number: string): Promise<unknown> {
  const reply = await post(tokens['giamsat.hanoi'] ?? null, {
    query: 'query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { id } }',
    variables: { n: number },
  });
  expect(reply.body.errors).toBeUndefined();
  return (reply.body.data as { personByIdentificationNumber: unknown }).personByIdentificationNumber;
}

describe('the manifest', () => {
  it('lists every operation of the portal once, each id the sha256 of its document, and is what the sources give again', async () => {
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    const names = manifest.operations.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['Person360Identity', 'Person360Health', 'SearchPersons', 'RecordCheckIn', 'DashboardIndicators']),
    );
    // Regenerated from web/src into a scratch file: byte for byte the built one (no timestamps, a stale build fails).
    const scratch = mkdtempSync(join(tmpdir(), 'trusted-documents-'));
    try {
      const webRoot = join(REPO_ROOT, 'web');
      const config = JSON.parse(readFileSync(join(webRoot, 'persisted-query-manifest.config.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      writeFileSync(join(scratch, 'config.json'), JSON.stringify({ ...config, output: join(scratch, MANIFEST_FILE) }));
      const cli = require.resolve('@apollo/generate-persisted-query-manifest/cli.js');
      await promisify(execFile)(process.execPath, [cli, '--config', join(scratch, 'config.json')], { cwd: webRoot });
      expect(readFileSync(join(scratch, MANIFEST_FILE), 'utf8')).toBe(readFileSync(join(WEB_DIR, MANIFEST_FILE), 'utf8'));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('an officer (enforced)', () => {
  it("runs the portal's operation by its id", async () => {
    const reply = await post(
      tokens['congan.phuongbadinh'] ?? null,
      byId(registered('SearchPersons').id, { identificationNumber: subject.identificationNumber, first: 5 }),
    );
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    const persons = (
      reply.body.data as {
        persons: { nodes: { fullName: string; currentResidence: { unit: { code: string } | null } | null }[] };
      }
    ).persons;
    expect(persons.nodes.map((n) => n.fullName)).toEqual([subject.fullName]);
  });

  it('runs a registered document sent as its text, reformatted too (the portal retries with the text when the gateway does not know an id)', async () => {
    const { body } = registered('SearchPersons');
    const exact = await post(tokens['congan.phuongbadinh'] ?? null, {
      query: body,
      variables: { identificationNumber: subject.identificationNumber },
    });
    expect(exact.body.errors).toBeUndefined();
    const oneLine = await post(tokens['congan.phuongbadinh'] ?? null, {
      query: body.replace(/\s+/g, ' '),
      variables: { identificationNumber: subject.identificationNumber },
    });
    expect(oneLine.body.errors).toBeUndefined();
    expect(oneLine.body.data).toEqual(exact.body.data);
  });

  it('is refused an ad-hoc query and an ad-hoc mutation: typed 403, no data, nothing run, a security event', async () => {
    const before = (await untrustedEvents('congan.phuongbadinh')).length;
    expectRefused(
      await post(tokens['congan.phuongbadinh'] ?? null, {
        query: 'query Mine($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { fullName } }',
        variables: { n: subject.identificationNumber },
      }),
    );
    const change = registration(905_001);
    expectRefused(await post(tokens['congan.phuongbadinh'] ?? null, { query: change.query, variables: change.variables }));
    expect(await registeredNumber(change.number)).toBeNull();
    // Introspection and text that is not even GraphQL are refused the same way.
    expectRefused(await post(tokens['yte.hanoi'] ?? null, { query: '{ __schema { types { name } } }' }));
    expectRefused(await post(tokens['yte.hanoi'] ?? null, { query: '{ not graphql' }));
    const events = await untrustedEvents('congan.phuongbadinh');
    expect(events.length).toBe(before + 2);
    expect(events[0]?.detail).toMatchObject({ reason: 'not a registered operation', operationName: null });
    expect(JSON.stringify(events)).not.toContain(change.number);
    // Supervisors read them with the other security events.
    const listed = await fetch(new URL('auth/security-events?kind=UNTRUSTED_DOCUMENT', system.url), {
      headers: { authorization: `Bearer ${tokens['giamsat.hanoi']}` },
    });
    expect(((await listed.json()) as { events: { username: string }[] }).events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: 'congan.phuongbadinh' }),
        expect.objectContaining({ username: 'yte.hanoi' }),
      ]),
    );
  });

  it("is refused a registered id sent with another document (the id's document is not run either)", async () => {
    const change = registration(905_002);
    const id = registered('SearchPersons').id;
    expectRefused(await post(tokens['congan.phuongbadinh'] ?? null, { ...byId(id, change.variables), query: change.query }));
    expect(await registeredNumber(change.number)).toBeNull();
    const [event] = await untrustedEvents('congan.phuongbadinh');
    expect(event?.detail).toMatchObject({ reason: 'registered id with another text', registeredId: id });
  });

  it('gets a typed error for an id nobody registered, and for a malformed persistedQuery extension', async () => {
    const unknown = await post(tokens['congan.phuongbadinh'] ?? null, byId('0'.repeat(64)));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({
      code: 'PERSISTED_QUERY_NOT_FOUND',
      i18n: { vi: 'Không tìm thấy thao tác đã đăng ký với mã này', en: 'No registered operation has this id' },
    });
    const malformed = await post(tokens['congan.phuongbadinh'] ?? null, {
      extensions: { persistedQuery: { version: 2, sha256Hash: 1 } },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const byGet = await fetch(
      new URL(
        `graphql?extensions=${encodeURIComponent(JSON.stringify(byId(registered('SearchUnits').id).extensions))}`,
        system.url,
      ),
      {
        headers: { authorization: `Bearer ${tokens['congan.phuongbadinh']}`, 'apollo-require-preflight': 'true' },
      },
    );
    expect(byGet.status).toBe(400);
    expect(((await byGet.json()) as Reply['body']).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('without a token is told to log in (401), not about documents; login itself is unaffected', async () => {
    const reply = await post(null, { query: '{ __typename }' });
    expect(reply.status).toBe(401);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await system.login('congan.phuongngocha')).toEqual(expect.any(String));
  });
});

describe('analysts and supervisors', () => {
  it('keep ad-hoc queries, and run registered ids too', async () => {
    const analyst = await post(tokens['phantich.hanoi'] ?? null, { query: '{ indicatorDefinitions { code } }' });
    expect(analyst.status).toBe(200);
    expect(analyst.body.errors).toBeUndefined();
    expect((analyst.body.data as { indicatorDefinitions: unknown[] }).indicatorDefinitions.length).toBeGreaterThan(0);
    const introspection = await post(tokens['phantich.hanoi'] ?? null, { query: '{ __schema { queryType { name } } }' });
    expect(introspection.body.errors).toBeUndefined();
    const supervisor = await post(tokens['giamsat.hanoi'] ?? null, {
      query: 'query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { fullName } }',
      variables: { n: subject.identificationNumber },
    });
    expect(supervisor.body.errors).toBeUndefined();
    expect(supervisor.body.data).toEqual({ personByIdentificationNumber: { fullName: subject.fullName } });
    const plans = await post(tokens['phantich.hanoi'] ?? null, byId(registered('DashboardPlans').id, { year: 2026 }));
    expect(plans.body.errors).toBeUndefined();
  });

  it('stay under the query limits', async () => {
    const deep = `{ administrativeUnit(code: "00004") { ${'parent { '.repeat(13)}code${' }'.repeat(13)} } }`;
    const reply = await post(tokens['phantich.hanoi'] ?? null, { query: deep });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(reply.body.errors?.[0]?.extensions?.i18n?.en).toMatch(/nested too deeply/);
  });

  it('are refused a registered id sent with another document', async () => {
    const reply = await post(tokens['phantich.hanoi'] ?? null, {
      ...byId(registered('DashboardPlans').id),
      query: '{ indicatorDefinitions { code } }',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});
