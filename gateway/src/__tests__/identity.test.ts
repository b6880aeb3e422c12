import { openTestDatabase, type TestDatabase } from '@rehab/server-kit';
import { IdentityService, MAX_FAILED_ATTEMPTS } from '../identity/accounts';
import { createIdentityDataSource } from '../identity/datasource';
import { hashPassword, verifyPassword } from '../identity/passwords';
import { DEMO_PASSWORD, seedIdentity } from '../identity/seed';
import { signAccessToken, verifyAccessToken } from '../identity/tokens';

const SECRET = 's'.repeat(40);
let database: TestDatabase;
let identity: IdentityService;

beforeAll(async () => {
  database = await openTestDatabase('identity', createIdentityDataSource);
  await seedIdentity(database.db);
  identity = new IdentityService(database.db, { accessTokenSecret: SECRET, accessTokenTtlSeconds: 60, sessionTtlSeconds: 3600 });
});

afterAll(async () => {
  await database.close();
});

describe('passwords', () => {
  it('are stored as salted scrypt hashes that verify only the right password', async () => {
    const hash = await hashPassword('mật khẩu đúng', { N: 1024, r: 8, p: 1 });
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain('mật khẩu');
    expect(await verifyPassword('mật khẩu đúng', hash)).toBe(true);
    expect(await verifyPassword('mat khau dung', hash)).toBe(false);
    expect(await hashPassword('x', { N: 1024, r: 8, p: 1 })).not.toBe(await hashPassword('x', { N: 1024, r: 8, p: 1 }));
  });
});

describe('access tokens', () => {
  const claims = {
    accountId: 'a',
    sessionId: 's',
    username: 'u',
    agency: 'police' as const,
    role: 'police_officer' as const,
    unitCode: '001',
  };

  it('round-trip, and are refused when expired, tampered with or signed with another key', async () => {
    const { token } = await signAccessToken(claims, SECRET, 60);
    expect(await verifyAccessToken(token, SECRET)).toEqual(claims);
    expect(await verifyAccessToken((await signAccessToken(claims, SECRET, -5)).token, SECRET)).toBeNull();
    expect(await verifyAccessToken(token, 't'.repeat(40))).toBeNull();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'supervisor' })).toString('base64url');
    expect(await verifyAccessToken(`${header}.${forged}.${signature}`, SECRET)).toBeNull();
  });
});

describe('login', () => {
  it("returns a token and the officer's agency, role and unit", async () => {
    const result = await identity.login('ubnd.phuongbadinh', DEMO_PASSWORD);
    expect(result.officer).toMatchObject({
      agency: 'commune',
      role: 'commune_official',
      unitCode: '00004',
      unitName: 'Phường Ba Đình',
    });
    expect(await identity.authenticate(result.accessToken)).toMatchObject({ username: 'ubnd.phuongbadinh', unitCode: '00004' });
    // Lào Cai, the second demo province: the ward of today.
    expect((await identity.login('ubnd.phuonglaocai', DEMO_PASSWORD)).officer).toMatchObject({
      unitCode: '02647',
      unitName: 'Phường Lào Cai',
    });
  });

  it('names the unit of an account whose unit ended by its last version (Quận Ba Đình, until 30 June 2025)', async () => {
    const result = await identity.login('laodong.badinh', DEMO_PASSWORD);
    expect(result.officer).toMatchObject({
      agency: 'labor-welfare',
      role: 'labour_officer',
      unitCode: '001',
      unitName: 'Quận Ba Đình',
    });
  });

  it(`locks the account after ${MAX_FAILED_ATTEMPTS} failures, even for the right password`, async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) {
      await expect(identity.login('tnv.phuongbadinh', 'sai')).rejects.toMatchObject({ status: 401 });
    }
    await expect(identity.login('tnv.phuongbadinh', 'sai')).rejects.toMatchObject({ status: 423 });
    await expect(identity.login('tnv.phuongbadinh', DEMO_PASSWORD)).rejects.toMatchObject({ status: 423 });
  });

  it('refuses inactive accounts and revoked sessions', async () => {
    await database.db.query("UPDATE officer_account SET active = false WHERE username = 'toaan.badinh'");
    await expect(identity.login('toaan.badinh', DEMO_PASSWORD)).rejects.toMatchObject({ status: 401 });
    const { accessToken } = await identity.login('yte.hanoi', DEMO_PASSWORD);
    const claims = await identity.authenticate(accessToken);
    expect(claims).not.toBeNull();
    if (claims) await identity.logout(claims);
    expect(await identity.authenticate(accessToken)).toBeNull();
  });
});
