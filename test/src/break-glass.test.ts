import type { InProcessSystem } from '@rehab/ops';
import { isInUnitScope, pathScope, signCallerContext, testCaller, verifyCallerContext } from '@rehab/server-kit';
import { unitAt, units, type BreakGlassGrant } from '@rehab/shared-schema';
import { outsiderOfBaDinh, startTestSystem } from './fixtures';

/**
 * Break the glass (docs/domain.md): access outside one's unit needs a stated reason, is
 * time-limited, and is flagged for review. Through the whole system: gateway grant,
 * signed context, widened scope in the subgraphs, BREAK_GLASS audit rows, expiry.
 */
let system: InProcessSystem;
let officer: string;

const outsider = outsiderOfBaDinh;
const outsiderWard = unitAt(outsider?.home.unitCode ?? '');
const REASON = 'Truy tìm đối tượng bỏ trốn, phối hợp với công an phường bạn';

const PERSON = `query($id: ID!) { person(id: $id) { id fullName rehabEpisodes { status } } }`;

interface PersonAnswer {
  person: { id: string; fullName: string; rehabEpisodes: { status: string }[] | null } | null;
}

async function post(path: string, token: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL(path, system.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function get(path: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL(path, system.url), { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  system = await startTestSystem();
  officer = await system.login('congan.phuongbadinh');
});

afterAll(async () => {
  await system.stop();
});

describe('break the glass through the system', () => {
  let grantId: string;

  it("has a person outside the officer's ward to look for", () => {
    expect(outsider).toBeDefined();
    expect(outsiderWard?.level).toBe('COMMUNE');
  });

  it('a ward police officer cannot see a person of another ward, and is told which ward to break the glass into', async () => {
    const response = await system.graphql<PersonAnswer>(officer, PERSON, { id: outsider?.id });
    expect(response.data?.person).toBeNull();
    expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.breakGlassUnit])).toEqual([
      ['FORBIDDEN', outsiderWard?.code],
    ]);
  });

  it('after breaking the glass with a reason they can, and the subgraphs audit it as BREAK_GLASS', async () => {
    const grant = await post('auth/break-glass', officer, { unitCode: outsiderWard?.code, reason: REASON, durationMinutes: 20 });
    expect(grant.status).toBe(201);
    grantId = grant.body.grantId as string;

    const response = await system.graphql<PersonAnswer>(officer, PERSON, { id: outsider?.id });
    expect(response.errors).toBeUndefined();
    expect(response.data?.person).toMatchObject({ id: outsider?.id, fullName: outsider?.fullName });
    expect(response.data?.person?.rehabEpisodes?.length).toBeGreaterThan(0);

    for (const name of ['police', 'labor-welfare'] as const) {
      const rows = await system.dbs
        .subgraph(name)
        .db.query<{ action: string; purpose: string; fields: string[] }[]>(
          `SELECT action, purpose, fields FROM audit_log WHERE username = 'congan.phuongbadinh' AND person_id = $1`,
          [outsider?.id],
        );
      // Before the grant, only the record's existence was told (police, audited as a plain read).
      const before = rows.filter((row) => row.action !== 'BREAK_GLASS');
      expect(before.map((row) => [row.action, row.fields])).toEqual(name === 'police' ? [['READ', ['existence']]] : []);
      const under = rows.filter((row) => row.action === 'BREAK_GLASS');
      expect(under.length).toBeGreaterThan(0);
      for (const row of under) {
        expect(row.purpose).toContain(grantId);
        expect(row.purpose).toContain(REASON);
      }
    }
  });

  it("the grant is flagged for a supervisor's review, which only a supervisor may do", async () => {
    const refused = await get('auth/break-glass?status=pending', officer);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/giám sát/),
      messageEn: expect.stringMatching(/supervisors/),
    });
    expect((await post(`auth/break-glass/${grantId}/review`, officer, {})).status).toBe(403);

    const supervisor = await system.login('giamsat.hanoi');
    const pending = await get('auth/break-glass?status=pending', supervisor);
    expect(pending.status).toBe(200);
    expect(pending.body.grants).toEqual(
      expect.arrayContaining([expect.objectContaining({ grantId, username: 'congan.phuongbadinh', reason: REASON })]),
    );
    const reviewed = await post(`auth/break-glass/${grantId}/review`, supervisor, { note: 'Đúng quy trình' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ grantId, reviewedBy: 'giamsat.hanoi' });
  });

  it('after expiry they cannot see the person any more', async () => {
    await system.dbs.identity.query(
      `UPDATE break_glass_grant SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'
      WHERE id = $1`,
      [grantId],
    );
    const response = await system.graphql<PersonAnswer>(officer, PERSON, { id: outsider?.id });
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(response.data?.person).toBeNull();
  });
});

describe('grants in the signed context', () => {
  /** A grant to Phường Hoàn Kiếm (01.00070), for an officer of Phường Ba Đình (01.00004). */
  const grant = (expiresAt: string): BreakGlassGrant => ({ grantId: 'g-1', unitPath: '01.00070', reason: REASON, expiresAt });

  it('survive signing and verification, and malformed ones are refused', async () => {
    const { contextPrivateKey, contextPublicKey } = system.trust;
    const request = { query: '{ __typename }' };
    const caller = testCaller('police_officer', '00004', { grants: [grant('2099-01-01T00:00:00.000Z')] });
    expect(
      (
        await verifyCallerContext(
          await signCallerContext(caller, 'police', contextPrivateKey, request),
          'police',
          contextPublicKey,
        )
      ).caller,
    ).toEqual(caller);
    const forgedShape = {
      ...testCaller('police_officer', '00004'),
      grants: [{ grantId: 'g', unitPath: 7 }],
    } as unknown as typeof caller;
    await expect(
      verifyCallerContext(await signCallerContext(forgedShape, 'police', contextPrivateKey, request), 'police', contextPublicKey),
    ).rejects.toThrow();
  });

  it('widen the SQL scope only while active', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const own = units().scopeRoots('01.00004');
    const active = pathScope('p.path', testCaller('police_officer', '00004', { grants: [grant('2030-01-01T00:10:00Z')] }), {
      now,
    });
    expect(Object.values(active.params)).toEqual(expect.arrayContaining([...own, '01.00070', '01.00070.%']));
    const expired = pathScope('p.path', testCaller('police_officer', '00004', { grants: [grant('2029-12-31T23:59:59Z')] }), {
      now,
    });
    expect(Object.values(expired.params)).toEqual(own.flatMap((root) => [root, `${root}.%`]));
    const caller = testCaller('police_officer', '00004', { grants: [grant('2030-01-01T00:10:00Z')] });
    expect(isInUnitScope('01.00070', caller, now)).toBe(true);
    // The grant opens Hoàn Kiếm's whole old wards too (the grant's unit owns them).
    expect(
      isInUnitScope(
        units()
          .scopeRoots('01.00070')
          .find((r) => r !== '01.00070') as string,
        caller,
        now,
      ),
    ).toBe(true);
    expect(isInUnitScope('01.000701', caller, now)).toBe(false);
    expect(isInUnitScope('01.00070', caller, new Date('2030-01-01T00:10:00Z'))).toBe(false);
    expect(isInUnitScope('01.001.00004', caller, new Date('2030-01-01T00:10:00Z'))).toBe(true);
  });

  it('a subgraph ignores a validly signed grant that has expired', async () => {
    const url = system.subgraphs.get('police')?.url as string;
    const ward = outsiderWard?.path as string;
    const ask = async (expiresAt: string) => {
      const caller = testCaller('police_officer', '00004', {
        grants: [{ grantId: 'g-2', unitPath: ward, reason: REASON, expiresAt }],
      });
      const body = { query: 'query($id: ID!) { person(id: $id) { id } }', variables: { id: outsider?.id } };
      const response = await fetch(url, {
        method: 'POST',
        headers: await system.signedHeaders(caller, 'police', body),
        body: JSON.stringify(body),
      });
      return ((await response.json()) as { data: { person: { id: string } | null } }).data.person;
    };
    expect(await ask(new Date(Date.now() + 600_000).toISOString())).toEqual({ id: outsider?.id });
    expect(await ask(new Date(Date.now() - 1_000).toISOString())).toBeNull();
  });
});
