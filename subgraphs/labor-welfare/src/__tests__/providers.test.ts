import { addDays, generateDemoPopulation, todayInHanoi } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import { COMMUNE, COMMUNE_OFFICIAL, fails, ok, resident, type Actor, type Row } from './legal-path-support';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

/** Hà Nội's police, who register and publish providers from 1 July 2025 (Decree 184/2025). */
const PROVINCIAL_POLICE: Actor = { role: 'police_officer', unit: '01' };
const TODAY = todayInHanoi();
const ALL = ['PREMISES', 'MEDICAL_STAFF', 'COUNSELLING_STAFF', 'OPERATING_RULES'];

const FIELDS = 'id name version conditionsMet publishedOn withdrawnOn withdrawalReason';
const REGISTER = `mutation($input: RegisterServiceProviderInput!) { registerServiceProvider(input: $input) { ${FIELDS} } }`;
const PUBLISH = `mutation($id: ID!, $v: Int!, $on: Date!) { publishServiceProvider(id: $id, expectedVersion: $v, publishedOn: $on) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $v: Int!, $on: Date!, $reason: String!) {
  withdrawServiceProvider(id: $id, expectedVersion: $v, withdrawnOn: $on, reason: $reason) { ${FIELDS} } }`;
const USABLE = 'query($u: ID!, $on: Date) { serviceProviders(unitCode: $u, usableOn: $on) { id } }';
const REGISTER_LIST = 'query($p: ID!) { providerRegister(provinceCode: $p) { id publishedOn withdrawnOn } }';

let serial = 0;
const input = (over: Record<string, unknown> = {}) => ({
  unitCode: COMMUNE,
  name: `Điểm cai nghiện cộng đồng ${++serial}`,
  registrationNumber: `TEST-${serial}/ĐK`,
  registeredOn: addDays(TODAY, -30),
  conditionsMet: ALL,
  ...over,
});

async function startRehab(providerId: unknown, startedOn: string): Promise<Row | string> {
  const personId = await resident(h);
  const result = await h.run(
    `mutation($input: RegisterCommunityRehabInput!) { registerCommunityRehab(input: $input) { id } }`,
    { input: { personId, residenceUnitCode: COMMUNE, serviceProviderId: providerId, startedOn, termMonths: 24 } },
    COMMUNE_OFFICIAL.role,
    COMMUNE_OFFICIAL.unit,
  );
  const field = result.errors?.[0]?.extensions?.field;
  return typeof field === 'string' ? field : (result.data?.registerCommunityRehab as Row);
}

describe('community-rehab providers registered, published and withdrawn by the provincial police', () => {
  it('registers a provider that meets every condition; a commune uses it only once published, and not after its withdrawal', async () => {
    const missing = await fails(h, PROVINCIAL_POLICE, REGISTER, {
      input: input({ conditionsMet: ['PREMISES', 'MEDICAL_STAFF'] }),
    });
    expect(missing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.conditionsMet' });
    expect((missing.extensions?.i18n as { vi: string }).vi).toContain('người làm công tác tư vấn');
    const p = await ok(h, PROVINCIAL_POLICE, REGISTER, { input: input() });
    expect(p).toMatchObject({ conditionsMet: ALL, publishedOn: null, withdrawnOn: null, version: 1 });
    // Registered, not published: not offered to the commune, and refused if named.
    expect(
      ((await ok(h, COMMUNE_OFFICIAL, USABLE, { u: COMMUNE, on: TODAY })) as unknown as Row[]).map((r) => r.id),
    ).not.toContain(p.id);
    expect(await startRehab(p.id, addDays(TODAY, -5))).toBe('input.serviceProviderId');
    const early = await fails(h, PROVINCIAL_POLICE, PUBLISH, { id: p.id, v: 1, on: addDays(TODAY, -31) });
    expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'publishedOn' });
    const published = await ok(h, PROVINCIAL_POLICE, PUBLISH, { id: p.id, v: 1, on: addDays(TODAY, -20) });
    expect(published).toMatchObject({ publishedOn: addDays(TODAY, -20), version: 2 });
    expect((await fails(h, PROVINCIAL_POLICE, PUBLISH, { id: p.id, v: 2, on: TODAY })).extensions?.code).toBe(
      'ILLEGAL_TRANSITION',
    );
    // Usable from its publication: a rehab started the day before is refused, one after is registered.
    expect(await startRehab(p.id, addDays(TODAY, -21))).toBe('input.serviceProviderId');
    expect(await startRehab(p.id, addDays(TODAY, -10))).toMatchObject({ id: expect.any(String) });
    const withdrawn = await ok(h, PROVINCIAL_POLICE, WITHDRAW, {
      id: p.id,
      v: 2,
      on: addDays(TODAY, -3),
      reason: 'Không còn người có chuyên môn y tế',
    });
    expect(withdrawn).toMatchObject({ withdrawnOn: addDays(TODAY, -3), withdrawalReason: 'Không còn người có chuyên môn y tế' });
    expect(await startRehab(p.id, addDays(TODAY, -2))).toBe('input.serviceProviderId');
    expect(await startRehab(p.id, addDays(TODAY, -4))).toMatchObject({ id: expect.any(String) });
    const usable = (await ok(h, COMMUNE_OFFICIAL, USABLE, { u: COMMUNE, on: TODAY })) as unknown as Row[];
    expect(usable.map((r) => r.id)).not.toContain(p.id);
    const usableBefore = (await ok(h, COMMUNE_OFFICIAL, USABLE, { u: COMMUNE, on: addDays(TODAY, -4) })) as unknown as Row[];
    expect(usableBefore.map((r) => r.id)).toContain(p.id);
    // The province's register lists it with its state; the seeded provider is published.
    const register = (await ok(h, COMMUNE_OFFICIAL, REGISTER_LIST, { p: '01' })) as unknown as Row[];
    expect(register.find((r) => r.id === p.id)).toMatchObject({ withdrawnOn: addDays(TODAY, -3) });
    expect((await fails(h, PROVINCIAL_POLICE, WITHDRAW, { id: p.id, v: 3, on: TODAY, reason: 'x' })).extensions?.code).toBe(
      'ILLEGAL_TRANSITION',
    );
  });

  it('is published and withdrawn only by the police of its province, with a stale version refused', async () => {
    const p = await ok(h, PROVINCIAL_POLICE, REGISTER, { input: input() });
    for (const actor of [
      COMMUNE_OFFICIAL,
      { role: 'facility_staff', unit: 'CSCN1' } as Actor,
      { role: 'volunteer', unit: COMMUNE } as Actor,
    ]) {
      const error = await fails(h, actor, PUBLISH, { id: p.id, v: 1, on: TODAY });
      expect([actor.role, error.extensions?.code]).toEqual([actor.role, 'FORBIDDEN']);
    }
    // The labour office no longer registers or publishes them (from 1 July 2025); another province's police do not find it.
    expect(
      (await fails(h, { role: 'labour_officer', unit: '01' }, PUBLISH, { id: p.id, v: 1, on: TODAY })).extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await fails(h, { role: 'police_officer', unit: '15' }, PUBLISH, { id: p.id, v: 1, on: TODAY })).extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await fails(h, PROVINCIAL_POLICE, PUBLISH, { id: p.id, v: 9, on: TODAY })).extensions?.code).toBe('CONFLICT');
    expect((await fails(h, PROVINCIAL_POLICE, WITHDRAW, { id: p.id, v: 1, on: TODAY, reason: ' ' })).extensions?.field).toBe(
      'reason',
    );
    const [row] = await h.database.db.query<[{ version: number; published_on: string | null }]>(
      'SELECT version, published_on FROM service_provider WHERE id = $1',
      [p.id],
    );
    expect(row).toEqual({ version: 1, published_on: null });
  });
});
