/**
 * An open session is remembered for a few seconds, so an officer's burst of requests asks
 * the identity database once; every change of the session or its grants, made here or by
 * another gateway (a plain SQL statement on another connection), is seen at once or within
 * the time its notice takes.
 */
import type { DataSource } from 'typeorm';
import { openDatabase } from '@rehab/server-kit';
import { createIdentityDataSource } from '../identity/datasource';
import { openAuthHarness, type AuthHarness } from './auth-harness';

let h: AuthHarness;
/** Another gateway's own pool on the same identity database. */
let other: DataSource;

beforeAll(async () => {
  h = await openAuthHarness();
  other = await openDatabase(createIdentityDataSource(h.database.env), 'identity', h.database.env);
});

afterAll(async () => {
  await other.destroy();
  await h.close();
});

/** Waits until `check` holds (a notice travels through PostgreSQL), at most 5 s. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Statements the gateway's pool sends while `run` runs. */
async function statementsDuring(run: () => Promise<unknown>): Promise<number> {
  const spy = jest.spyOn(h.database.db, 'query');
  try {
    await run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

const sessionOf = async (token: string) => (await h.identity.authenticateRequest(token))?.claims.sessionId ?? null;

describe('session cache', () => {
  it('asks the database once for a burst of requests of an open session', async () => {
    const { accessToken } = await h.login('congan.phuongbadinh');
    // The first request asks; once this gateway listens for changes, the session is remembered.
    await eventually(async () => (await statementsDuring(() => sessionOf(accessToken))) === 0);
    expect(await statementsDuring(() => Promise.all(Array.from({ length: 20 }, () => sessionOf(accessToken))))).toBe(0);
  });

  it('refuses a session revoked by another gateway once its notice arrives, and one logged out here at once', async () => {
    const first = await h.login('congan.phuongbadinh');
    const sessionId = await sessionOf(first.accessToken);
    await eventually(async () => (await statementsDuring(() => sessionOf(first.accessToken))) === 0);
    await other.query(`UPDATE officer_session SET revoked_at = now(), revoked_reason = 'test' WHERE id = $1`, [sessionId]);
    await eventually(async () => (await sessionOf(first.accessToken)) === null);

    const second = await h.login('congan.phuongbadinh');
    await eventually(async () => (await statementsDuring(() => sessionOf(second.accessToken))) === 0);
    expect((await h.post('/auth/logout', {}, second.accessToken)).status).toBeLessThan(300);
    expect(await sessionOf(second.accessToken)).toBeNull();
  });

  it('reads a session’s grants on every request once it has one, whoever opened it', async () => {
    const { accessToken } = await h.login('congan.phuongbadinh');
    const sessionId = await sessionOf(accessToken);
    await eventually(async () => (await statementsDuring(() => sessionOf(accessToken))) === 0);
    const [account] = await other.query<{ account_id: string }[]>('SELECT account_id FROM officer_session WHERE id = $1', [
      sessionId,
    ]);
    await other.query(
      `INSERT INTO break_glass_grant (id, account_id, session_id, username, agency, role, unit_code, unit_path,
         target_unit_code, target_unit_path, reason, created_at, expires_at, status, duration_minutes)
       VALUES (gen_random_uuid(), $1, $2, 'congan.phuongbadinh', 'police', 'police_officer', '00004', '01.00004',
         '00070', '01.00070', 'Người bị nạn cần cấp cứu', now(), now() + interval '1 hour', 'OPEN', 60)`,
      [account?.account_id, sessionId],
    );
    await eventually(async () => ((await h.identity.authenticateRequest(accessToken))?.grants.length ?? 0) === 1);
    // With a grant the session is asked every time (its grants can end at any moment).
    expect(await statementsDuring(() => h.identity.authenticateRequest(accessToken))).toBe(1);
  });
});
