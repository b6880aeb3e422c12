import { addDays, generateDemoPopulation, todayInHanoi } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import { COMMUNE, M, VOLUNTARY_ONLY_FACILITY, fails, ok, resident, type Actor, type Row } from './legal-path-support';

let h: Harness;

const PRIVATE = 'CSCNTN1';
const TODAY = todayInHanoi();
/** Hà Nội's police: the licensing authority from 1 March 2025. */
const PROVINCIAL_POLICE: Actor = { role: 'police_officer', unit: '01' };
const PRIVATE_STAFF: Actor = { role: 'facility_staff', unit: PRIVATE };

const LICENCE_FIELDS =
  'id licenceNumber grantedOn validUntil licensedCapacity revokedOn revocationReason status version renewals { renewedOn previousValidUntil validUntil }';
const REGISTER = `mutation($code: ID!, $input: RegisterFacilityInput!) { registerFacility(code: $code, input: $input) { code name kind capacity licenceState } }`;
const GRANT = `mutation($f: ID!, $input: GrantFacilityLicenceInput!) { grantFacilityLicence(facilityCode: $f, input: $input) { ${LICENCE_FIELDS} } }`;
const RENEW = `mutation($id: ID!, $v: Int!, $on: Date!, $until: Date!) {
  renewFacilityLicence(id: $id, expectedVersion: $v, renewedOn: $on, validUntil: $until) { ${LICENCE_FIELDS} } }`;
const REVOKE = `mutation($id: ID!, $v: Int!, $on: Date!, $reason: String!) {
  revokeFacilityLicence(id: $id, expectedVersion: $v, revokedOn: $on, reason: $reason) { ${LICENCE_FIELDS} } }`;
const STATE = 'query($c: ID!, $on: Date) { facility(code: $c) { licenceState(on: $on) licences { id } } }';
const LIST =
  'query($p: ID!) { facilityLicenceRegister(provinceCode: $p) { code licenceState licences { licenceNumber status } } }';

const facilityInput = { kind: 'PRIVATE_VOLUNTARY', capacity: 120, staffCount: 20, managerCount: 4 };
let serial = 0;
const licence = (grantedOn: string, validUntil: string) => ({
  licenceNumber: `${++serial}/GP-CAHN`,
  grantedOn,
  validUntil,
  licensedCapacity: 100,
});

/** Admits a new person of the commune to `facility` on `on` (24 months from Law 120/2025, else 6). */
async function admit(facility: string, on: string): Promise<Row | string> {
  const input = {
    personId: await resident(h),
    residenceUnitCode: COMMUNE,
    facilityCode: facility,
    admittedOn: on,
    termMonths: on >= '2026-07-01' ? 24 : 6,
  };
  const result = await h.run(M.admitVoluntary, { input }, 'facility_staff', facility);
  const field = result.errors?.[0]?.extensions?.field;
  return typeof field === 'string' ? field : (result.data?.admitVoluntary as Row);
}

const state = async (on: string) => (await ok(h, PRIVATE_STAFF, STATE, { c: PRIVATE, on })).licenceState;

async function notices(topic: string): Promise<{ audience: string[]; unit_path: string; occurred_on: string }[]> {
  return h.database.db.query(
    'SELECT audience, unit_path, occurred_on::text FROM officer_notification WHERE topic = $1 ORDER BY occurred_on',
    [topic],
  );
}

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
  // The demo's private facility, as if its unit had just entered the tree: no record, no licence.
  for (const table of ['facility_licence', 'facility_area', 'facility'])
    await h.database.db.query(`DELETE FROM ${table} WHERE ${table === 'facility' ? 'code' : 'facility_code'} = $1`, [PRIVATE]);
});
afterAll(async () => {
  await h.close();
});

describe('a private facility: its record, then its licence', () => {
  it('is registered by the province licensing it, once, and takes no minors', async () => {
    for (const actor of [
      { role: 'commune_official', unit: COMMUNE },
      PRIVATE_STAFF,
      { role: 'labour_officer', unit: '01' },
    ] as Actor[]) {
      const error = await fails(h, actor, REGISTER, { code: PRIVATE, input: facilityInput });
      expect([actor.role, error.extensions?.code]).toEqual([actor.role, 'FORBIDDEN']);
    }
    expect(
      (await fails(h, { role: 'police_officer', unit: '15' }, REGISTER, { code: PRIVATE, input: facilityInput })).extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect((await fails(h, PROVINCIAL_POLICE, REGISTER, { code: COMMUNE, input: facilityInput })).extensions?.field).toBe('code');
    const minors = await fails(h, PROVINCIAL_POLICE, REGISTER, {
      code: PRIVATE,
      input: { ...facilityInput, admitsMinors: true },
    });
    expect(minors.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.admitsMinors' });
    const made = await ok(h, PROVINCIAL_POLICE, REGISTER, { code: PRIVATE, input: facilityInput });
    expect(made).toEqual({
      code: PRIVATE,
      name: 'Cơ sở cai nghiện ma túy tự nguyện ngoài công lập Hà Nội',
      kind: 'PRIVATE_VOLUNTARY',
      capacity: 120,
      licenceState: 'UNLICENSED',
    });
    expect((await fails(h, PROVINCIAL_POLICE, REGISTER, { code: PRIVATE, input: facilityInput })).extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'code',
    });
  });

  it('admits only while a licence is in force: granted, renewed, revoked, granted anew', async () => {
    expect(await admit(PRIVATE, addDays(TODAY, -20))).toBe('input.facilityCode');
    // Who grants: the police of the province, not the labour department since 1 March 2025, not another province.
    const first = licence(addDays(TODAY, -400), addDays(TODAY, 30));
    for (const actor of [
      { role: 'labour_officer', unit: '01' },
      { role: 'police_officer', unit: COMMUNE },
      PRIVATE_STAFF,
    ] as Actor[]) {
      const error = await fails(h, actor, GRANT, { f: PRIVATE, input: first });
      expect([actor.role, error.extensions?.code]).toEqual([actor.role, 'FORBIDDEN']);
    }
    expect((await fails(h, { role: 'police_officer', unit: '15' }, GRANT, { f: PRIVATE, input: first })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await fails(h, PROVINCIAL_POLICE, GRANT, { f: 'CSCN1', input: first })).extensions?.field).toBe('facilityCode');
    const backwards = licence(addDays(TODAY, -10), addDays(TODAY, -10));
    expect((await fails(h, PROVINCIAL_POLICE, GRANT, { f: PRIVATE, input: backwards })).extensions?.field).toBe(
      'input.validUntil',
    );

    const granted = await ok(h, PROVINCIAL_POLICE, GRANT, { f: PRIVATE, input: first });
    expect(granted).toMatchObject({
      grantedOn: first.grantedOn,
      validUntil: first.validUntil,
      status: 'EXPIRING',
      renewals: [],
      version: 1,
    });
    expect(await state(TODAY)).toBe('EXPIRING');
    expect(await state(addDays(TODAY, -401))).toBe('UNLICENSED');
    expect(await state(addDays(TODAY, 31))).toBe('EXPIRED');
    const overlapping = await fails(h, PROVINCIAL_POLICE, GRANT, {
      f: PRIVATE,
      input: licence(addDays(TODAY, -5), addDays(TODAY, 900)),
    });
    expect(overlapping.extensions?.code).toBe('ILLEGAL_TRANSITION');
    expect(await admit(PRIVATE, addDays(TODAY, -401))).toBe('input.facilityCode');
    expect(await admit(PRIVATE, addDays(TODAY, -20))).toMatchObject({ kind: 'VOLUNTARY_FACILITY' });

    // Renewal (gia hạn) moves the end on; an earlier end or a stale version is refused.
    const later = addDays(TODAY, 1800);
    expect(
      (await fails(h, PROVINCIAL_POLICE, RENEW, { id: granted.id, v: 1, on: addDays(TODAY, -5), until: addDays(TODAY, 10) }))
        .extensions?.field,
    ).toBe('validUntil');
    expect(
      (await fails(h, PROVINCIAL_POLICE, RENEW, { id: granted.id, v: 7, on: addDays(TODAY, -5), until: later })).extensions?.code,
    ).toBe('CONFLICT');
    const renewed = await ok(h, PROVINCIAL_POLICE, RENEW, { id: granted.id, v: 1, on: addDays(TODAY, -5), until: later });
    expect(renewed).toMatchObject({
      validUntil: later,
      status: 'IN_FORCE',
      version: 2,
      renewals: [{ renewedOn: addDays(TODAY, -5), previousValidUntil: first.validUntil, validUntil: later }],
    });

    // Revocation (thu hồi): from that day the facility admits no one, and nothing more is done with the licence.
    expect(
      (await fails(h, PROVINCIAL_POLICE, REVOKE, { id: granted.id, v: 2, on: addDays(TODAY, -6), reason: 'Vi phạm' })).extensions
        ?.field,
    ).toBe('revokedOn');
    expect(
      (await fails(h, PROVINCIAL_POLICE, REVOKE, { id: granted.id, v: 2, on: addDays(TODAY, -2), reason: ' ' })).extensions
        ?.field,
    ).toBe('reason');
    const revoked = await ok(h, PROVINCIAL_POLICE, REVOKE, {
      id: granted.id,
      v: 2,
      on: addDays(TODAY, -2),
      reason: 'Không bảo đảm điều kiện về nhân sự y tế',
    });
    expect(revoked).toMatchObject({ revokedOn: addDays(TODAY, -2), status: 'REVOKED', version: 3 });
    expect(await state(TODAY)).toBe('REVOKED');
    expect(await admit(PRIVATE, addDays(TODAY, -1))).toBe('input.facilityCode');
    expect(await admit(PRIVATE, addDays(TODAY, -3))).toMatchObject({ kind: 'VOLUNTARY_FACILITY' });
    for (const [query, vars] of [
      [REVOKE, { id: granted.id, v: 3, on: TODAY, reason: 'Lần nữa' }],
      [RENEW, { id: granted.id, v: 3, on: TODAY, until: addDays(later, 10) }],
    ] as const) {
      expect((await fails(h, PROVINCIAL_POLICE, query, vars)).extensions?.code).toBe('ILLEGAL_TRANSITION');
    }

    // A transfer into the facility is refused while it has no licence in force.
    const elsewhere = await admit(VOLUNTARY_ONLY_FACILITY, addDays(TODAY, -30));
    const moved = await fails(h, { role: 'facility_staff', unit: VOLUNTARY_ONLY_FACILITY }, M.transfer, {
      id: (elsewhere as Row).id,
      v: (elsewhere as Row).version,
      to: PRIVATE,
      on: TODAY,
    });
    expect(moved.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toFacilityCode' });

    // A new licence from the day after the revoked one's last day; the register shows both, newest first.
    const second = await ok(h, PROVINCIAL_POLICE, GRANT, {
      f: PRIVATE,
      input: licence(addDays(TODAY, -1), addDays(TODAY, 1500)),
    });
    expect(second).toMatchObject({ status: 'IN_FORCE', version: 1 });
    expect(await admit(PRIVATE, TODAY)).toMatchObject({ kind: 'VOLUNTARY_FACILITY' });
    const register = (await ok(h, { role: 'volunteer', unit: COMMUNE }, LIST, { p: '01' })) as unknown as Row[];
    expect(register).toEqual([
      {
        code: PRIVATE,
        licenceState: 'IN_FORCE',
        licences: [
          { licenceNumber: second.licenceNumber, status: 'IN_FORCE' },
          { licenceNumber: granted.licenceNumber, status: 'REVOKED' },
        ],
      },
    ]);
    expect(((await ok(h, PROVINCIAL_POLICE, LIST, { p: '15' })) as unknown as Row[]).length).toBe(0);

    // The facility's staff were told of each act, once.
    const path = `01.${PRIVATE}`;
    expect(await notices('facility.licence-granted')).toEqual([
      { audience: ['facility_staff'], unit_path: path, occurred_on: first.grantedOn },
      { audience: ['facility_staff'], unit_path: path, occurred_on: addDays(TODAY, -1) },
    ]);
    expect((await notices('facility.licence-renewed')).map((n) => n.occurred_on)).toEqual([addDays(TODAY, -5)]);
    expect((await notices('facility.licence-revoked')).map((n) => n.occurred_on)).toEqual([addDays(TODAY, -2)]);
  });

  it('before 1 March 2025 the labour department granted licences; the police did not', async () => {
    const code = PRIVATE;
    const old = licence('2023-01-10', '2023-12-31');
    expect((await fails(h, PROVINCIAL_POLICE, GRANT, { f: code, input: old })).extensions?.code).toBe('FORBIDDEN');
    const granted = await ok(h, { role: 'labour_officer', unit: '01' }, GRANT, { f: code, input: old });
    expect(granted).toMatchObject({ grantedOn: '2023-01-10', status: 'EXPIRED' });
    // Expired: it cannot be renewed (a new licence is granted instead).
    const late = await fails(h, { role: 'labour_officer', unit: '01' }, RENEW, {
      id: granted.id,
      v: 1,
      on: '2024-02-01',
      until: '2028-12-31',
    });
    expect(late.extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', field: 'renewedOn' });
  });
});
