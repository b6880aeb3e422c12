import type { InProcessSystem } from '@rehab/ops';
import { startGateway, type RunningGateway } from '@rehab/gateway';
import { CONTEXT_HEADER, signCallerContext, testCaller, noticePrivateKeyOf } from '@rehab/server-kit';
import { SUPERGRAPH_FILE } from '@rehab/shared-schema';
import { population, startTestSystem } from './fixtures';

let system: InProcessSystem;
/** A gateway over the same subgraphs that trusts the loopback proxy (X-Forwarded-For gives the client). */
let proxied: RunningGateway;
const PASSWORD = 'CaiNghien@2026';

beforeAll(async () => {
  system = await startTestSystem();
  proxied = await startGateway(
    {
      identityDb: system.dbs.identity,
      subgraphUrls: Object.fromEntries([...system.subgraphs].map(([name, running]) => [name, running.url])),
      supergraphPath: SUPERGRAPH_FILE,
      contextPrivateKey: system.trust.contextPrivateKey,
      accessTokenSecret: system.accessTokenSecret,
      webDir: null,
      log: () => undefined,
      trustProxy: 'loopback',
      trustedDocuments: { mode: 'off', manifestPath: null },
      // Failures per IP are not what this gateway tests.
      rateLimits: { perUser: { ratePerSecond: 100, burst: 100 }, loginPerIp: { ratePerSecond: 100, burst: 1000 } },
    },
    { port: 0 },
  );
}, 240_000);

afterAll(async () => {
  await proxied.stop();
  await system.stop();
});

async function login(base: string, username: string, password: string, ip: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await fetch(new URL('auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ username, password }),
  });
  await response.text();
  return { status: response.status, ms: Date.now() - started };
}

describe('gateway → subgraph contexts: Ed25519, bound to one request, used once', () => {
  const body = { query: 'query($id: ID!) { person(id: $id) { id } }', variables: { id: population[0]?.id } };

  it('a context is refused on its second use and for any other request', async () => {
    const url = system.subgraphs.get('police')?.url as string;
    const headers = await system.signedHeaders(testCaller('supervisor'), 'police', body);
    const first = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    expect(first.status).toBe(200);
    const replay = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    expect(replay.status).toBe(401);
    const other = await system.signedHeaders(testCaller('supervisor'), 'police', body);
    const swapped = { ...body, variables: { id: population[1]?.id } };
    expect((await fetch(url, { method: 'POST', headers: other, body: JSON.stringify(swapped) })).status).toBe(401);
    const renamed = { ...body, operationName: 'Other' };
    const third = await system.signedHeaders(testCaller('supervisor'), 'police', body);
    expect((await fetch(url, { method: 'POST', headers: third, body: JSON.stringify(renamed) })).status).toBe(401);
  });

  it("a subgraph's own (notice) key cannot sign a context another subgraph accepts", async () => {
    const token = await signCallerContext(testCaller('supervisor'), 'health', noticePrivateKeyOf(system.trust, 'police'), body);
    const response = await fetch(system.subgraphs.get('health')?.url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: token },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(401);
  });
});

describe('login', () => {
  it('counts every one of 12 concurrent failures and locks the account', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(proxied.url, 'congan.phuongngocha', 'sai-mat-khau', `10.1.0.${i + 1}`)),
    );
    expect(results.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    const [row] = await system.dbs.identity.query<{ failed_attempts: number; locked: boolean }[]>(
      `SELECT failed_attempts, locked_until > now() AS locked FROM officer_account WHERE username = 'congan.phuongngocha'`,
    );
    expect(row?.locked).toBe(true);
    expect(row?.failed_attempts).toBeGreaterThanOrEqual(5);
    expect((await login(proxied.url, 'congan.phuongngocha', PASSWORD, '10.1.0.99')).status).toBe(423);
    const events = await system.dbs.identity.query<{ kind: string; n: number }[]>(
      `SELECT kind, count(*)::int AS n FROM security_event WHERE username = 'congan.phuongngocha' GROUP BY kind`,
    );
    expect(events).toEqual(
      expect.arrayContaining([
        { kind: 'LOGIN_FAILED', n: 13 },
        { kind: 'LOCKOUT', n: 1 },
      ]),
    );
  });

  it("20 concurrent bad logins from one address do not queue another officer's valid login behind them", async () => {
    // Fairness, not speed (the time is machine-dependent; it is printed for the record): the
    // attacker's hashes run one at a time per address, so the officer's login takes the next
    // free slot instead of waiting for the flood to drain.
    const alone = await login(proxied.url, 'congan.phuongbadinh', PASSWORD, '10.2.2.2');
    let finished = 0;
    const attack = Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const result = await login(proxied.url, i % 2 ? 'khong.ton.tai' : 'yte.mmt001', 'sai', '10.9.9.9');
        if (result.status === 401) finished += 1;
        return result;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const valid = await login(proxied.url, 'congan.phuongbadinh', PASSWORD, '10.2.2.2');
    const finishedBeforeValid = finished;
    const refused = await attack;
    const hashed = refused.filter((r) => r.status === 401).length;
    console.log(
      `valid login alone: ${alone.ms} ms; during 20 concurrent bad logins: ${valid.ms} ms; ` +
        `${finishedBeforeValid} of ${hashed} hashed bad logins finished first; statuses ${JSON.stringify(refused.map((r) => r.status))}`,
    );
    expect(valid.status).toBe(200);
    expect(hashed).toBeGreaterThan(4);
    // At most the attacker's hashes already running or next in the fair rotation finished first.
    expect(finishedBeforeValid).toBeLessThanOrEqual(3);
    // Beyond the per-address waiting room the flood is refused at once.
    expect(refused.some((r) => r.status === 429)).toBe(true);
  }, 120_000);

  it('security events are appended only, and visible to supervisors alone', async () => {
    await expect(system.dbs.identity.query(`UPDATE security_event SET username = 'x'`)).rejects.toThrow(/append-only/);
    await expect(system.dbs.identity.query('DELETE FROM security_event')).rejects.toThrow(/append-only/);
    const supervisor = await system.login('giamsat.hanoi');
    const officer = await system.login('congan.hanoi');
    const get = async (token: string, query = '') =>
      fetch(new URL(`auth/security-events${query}`, system.url), { headers: { authorization: `Bearer ${token}` } });
    const listed = (await (await get(supervisor, '?kind=LOCKOUT')).json()) as { events: { username: string; kind: string }[] };
    expect(listed.events).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: 'congan.phuongngocha', kind: 'LOCKOUT' })]),
    );
    expect((await get(officer)).status).toBe(403);
    expect((await get(supervisor, '?limit=0')).status).toBe(400);
  });
});

describe('break the glass beyond one commune', () => {
  const REASON = 'Truy tìm đối tượng theo yêu cầu phối hợp của tỉnh bạn';
  const auth = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });

  it('waits PENDING until a supervisor approves; a commune opens at once', async () => {
    const officer = await system.login('congan.phuongbadinh');
    const supervisor = await system.login('giamsat.hanoi');
    const ask = async (unitCode: string) =>
      (
        await fetch(new URL('auth/break-glass', system.url), {
          method: 'POST',
          headers: auth(officer),
          body: JSON.stringify({ unitCode, reason: REASON, durationMinutes: 30 }),
        })
      ).json() as Promise<{ grantId: string; status: string; active: boolean }>;
    const commune = await ask('00070');
    expect(commune).toMatchObject({ status: 'OPEN', active: true });
    const province = await ask('15');
    expect(province).toMatchObject({ status: 'PENDING', active: false });
    const [session] = await system.dbs.identity.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM break_glass_grant WHERE id = $1 AND status = 'PENDING'`,
      [province.grantId],
    );
    expect(session?.n).toBe(1);
    const decide = async (token: string) =>
      fetch(new URL(`auth/break-glass/${province.grantId}/decide`, system.url), {
        method: 'POST',
        headers: auth(token),
        body: JSON.stringify({ approve: true, note: 'Đồng ý' }),
      });
    expect((await decide(officer)).status).toBe(403);
    const approved = await decide(supervisor);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'OPEN', active: true, decidedBy: 'giamsat.hanoi' });
    const events = await system.dbs.identity.query<{ kind: string }[]>(
      `SELECT kind FROM security_event WHERE detail->>'grantId' = $1 ORDER BY id`,
      [province.grantId],
    );
    expect(events.map((e) => e.kind)).toEqual(['BREAK_GLASS_REQUEST', 'BREAK_GLASS_GRANT']);
  });
});
