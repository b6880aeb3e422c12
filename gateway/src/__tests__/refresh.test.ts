import { createHash } from 'node:crypto';
import { openAuthHarness, type AuthHarness } from './auth-harness';

let h: AuthHarness;

beforeAll(async () => {
  h = await openAuthHarness();
});

afterAll(async () => {
  await h.close();
});

interface Tokens {
  accessToken: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
  officer: { username: string; unitCode: string; unitName: string };
}

interface ErrorBody {
  code: string;
  message: string;
  messageEn: string;
}

async function sessionRow(refreshToken: string) {
  const [row] = await h.database.db.query<
    {
      id: string;
      refresh_token_hash: string;
      rotated_refresh_hashes: string[];
      revoked_at: Date | null;
      revoked_reason: string | null;
    }[]
  >('SELECT id, refresh_token_hash, rotated_refresh_hashes, revoked_at, revoked_reason FROM officer_session WHERE id = $1', [
    refreshToken.split('.')[0],
  ]);
  if (!row) throw new Error('no session');
  return row;
}

const refresh = (refreshToken: unknown) => h.post<Tokens & ErrorBody>('/auth/refresh', { refreshToken });

describe('refresh tokens', () => {
  it('come with the login, opaque, and are stored only as a SHA-256 hash', async () => {
    const login = await h.post<Tokens>('/auth/login', { username: 'congan.phuongbadinh', password: 'CaiNghien@2026' });
    expect(login.status).toBe(200);
    const { refreshToken, refreshExpiresAt } = login.body;
    expect(refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(refreshExpiresAt)).toBeGreaterThan(Date.parse(login.body.expiresAt));
    const row = await sessionRow(refreshToken);
    const secret = refreshToken.split('.')[1] as string;
    expect(row.refresh_token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    const stored = JSON.stringify(await h.database.db.query('SELECT * FROM officer_session WHERE id = $1', [row.id]));
    expect(stored).not.toContain(secret);
  });

  it('are exchanged for a new access token and a new refresh token, the old one being spent', async () => {
    const first = await h.login('laodong.badinh');
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.accessToken).not.toBe(first.accessToken);
    expect(second.body.officer).toMatchObject({ username: 'laodong.badinh', unitCode: '001' });
    expect(await h.identity.authenticate(second.body.accessToken)).toMatchObject({ username: 'laodong.badinh' });
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    const row = await sessionRow(third.body.refreshToken);
    expect(row.rotated_refresh_hashes).toHaveLength(2);
    expect(row.revoked_at).toBeNull();
  });

  it('revoke the whole session when an already rotated token is presented again (theft detection)', async () => {
    const stolen = await h.login('yte.mmt001');
    const legitimate = await refresh(stolen.refreshToken);
    expect(legitimate.status).toBe(200);
    // The thief replays the token the officer has already exchanged.
    const replay = await refresh(stolen.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(replay.body.messageEn).toMatch(/already been used.*revoked/);
    expect(replay.body.message).toMatch(/thu hồi/);
    // Neither the officer's newest refresh token nor any access token of the session works any more.
    expect((await refresh(legitimate.body.refreshToken)).status).toBe(401);
    expect(await h.identity.authenticate(legitimate.body.accessToken)).toBeNull();
    expect(await h.identity.authenticate(stolen.accessToken)).toBeNull();
    expect((await sessionRow(stolen.refreshToken)).revoked_reason).toBe('refresh-reuse');
  });

  it('are refused after logout, whether logout used the access token or the refresh token', async () => {
    const a = await h.login('cscn1');
    const out = await h.post('/auth/logout', {}, a.accessToken);
    expect(out.status).toBe(204);
    expect((await refresh(a.refreshToken)).status).toBe(401);
    expect((await sessionRow(a.refreshToken)).revoked_reason).toBe('logout');

    const b = await h.login('cscn1');
    expect((await h.post('/auth/logout', { refreshToken: b.refreshToken })).status).toBe(204);
    expect(await h.identity.authenticate(b.accessToken)).toBeNull();
    expect((await refresh(b.refreshToken)).status).toBe(401);
  });

  it('refuse malformed and unknown tokens without ending the session they name', async () => {
    const a = await h.login('ubnd.phuongbadinh');
    const [sessionId] = a.refreshToken.split('.') as [string];
    for (const bad of [undefined, 42, '', 'nonsense', `${sessionId}.${'A'.repeat(43)}`, `${sessionId}.${'A'.repeat(10)}`]) {
      const response = await refresh(bad);
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    }
    // A guessed token naming a real session is no evidence of theft: the session lives on.
    expect((await sessionRow(a.refreshToken)).revoked_at).toBeNull();
    expect((await refresh(a.refreshToken)).status).toBe(200);
  });

  it("carry the account's current unit and stop working when the account is deactivated", async () => {
    const a = await h.login('congan.phuongbadinh');
    await h.database.db.query("UPDATE officer_account SET unit_code = '00008' WHERE username = 'congan.phuongbadinh'");
    const moved = await refresh(a.refreshToken);
    expect(moved.status).toBe(200);
    expect(moved.body.officer).toMatchObject({ unitCode: '00008', unitName: 'Phường Ngọc Hà' });
    expect(await h.identity.authenticate(moved.body.accessToken)).toMatchObject({ unitCode: '00008' });
    await h.database.db.query("UPDATE officer_account SET active = false WHERE username = 'congan.phuongbadinh'");
    expect((await refresh(moved.body.refreshToken)).status).toBe(401);
    expect((await sessionRow(a.refreshToken)).revoked_reason).toBe('inactive');
  });
});
