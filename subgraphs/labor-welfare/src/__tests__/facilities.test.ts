import { generateDemoPopulation, ROLES } from '@rehab/shared-schema';
import { demoProviderId } from '../seed';
import { openHarness, type Harness } from './harness';
import {
  COMMUNE,
  FACILITY,
  OTHER_COMMUNE,
  OTHER_FACILITY,
  admitted,
  fails,
  ok,
  runAs,
  type Actor,
  type Row,
} from './legal-path-support';

const population = generateDemoPopulation({ persons: 300 });
let h: Harness;

beforeAll(async () => {
  h = await openHarness(population);
});
afterAll(async () => {
  await h.close();
});

const FACILITY_QUERY = `query($c: ID!) { facility(code: $c) { code capacity staffCount managerCount version
  occupancy { compulsory voluntary total } staffing { compulsoryResidents voluntaryResidents careStaff requiredStaff overRatio } } }`;
const UPDATE = `mutation($c: ID!, $v: Int!, $input: UpdateFacilityStaffingInput!) { updateFacilityStaffing(code: $c, expectedVersion: $v, input: $input) {
  staffCount managerCount version staffing { careStaff requiredStaff overRatio } } }`;
const OVER = '{ facilitiesOverStaffingRatio { code } }';
const LABOUR_HANOI: Actor = { role: 'labour_officer', unit: '01' };

describe('facility occupancy and the staffing check', () => {
  it('counts open episodes by kind as the demo population says', async () => {
    for (const code of [FACILITY, 'CSCN5']) {
      const open = population.filter((p) => p.rehab?.facilityCode === code && p.rehab.endedOn === null);
      const f = await ok(h, { role: 'analyst', unit: '01' }, FACILITY_QUERY, { c: code });
      const compulsory = open.filter((p) => p.rehab?.kind === 'COMPULSORY').length;
      expect(f.occupancy).toEqual({ compulsory, voluntary: open.length - compulsory, total: open.length });
      expect(open.length).toBeGreaterThan(0);
    }
  });

  it('is within the ratio as seeded (care staff for a full facility) and flags a facility once its care staff are too few', async () => {
    expect(await ok(h, LABOUR_HANOI, OVER)).toEqual([]);
    const f = await ok(h, LABOUR_HANOI, FACILITY_QUERY, { c: FACILITY });
    const staffing = f.staffing as Row;
    expect(staffing.careStaff).toBe((f.staffCount as number) - (f.managerCount as number));
    expect(staffing.overRatio).toBe(false);
    const required = staffing.requiredStaff as number;
    expect(required).toBe(Math.ceil((staffing.compulsoryResidents as number) / 7 + (staffing.voluntaryResidents as number) / 9));
    // Exactly the required care staff is within the ratio; one fewer is over it.
    const exact = await ok(h, LABOUR_HANOI, UPDATE, {
      c: FACILITY,
      v: f.version,
      input: { capacity: f.capacity, staffCount: required + 3, managerCount: 3 },
    });
    expect(exact.staffing).toEqual({ careStaff: required, requiredStaff: required, overRatio: false });
    const short = await ok(h, { role: 'facility_staff', unit: FACILITY }, UPDATE, {
      c: FACILITY,
      v: exact.version,
      input: { capacity: f.capacity, staffCount: required + 2, managerCount: 3 },
    });
    expect(short.staffing).toMatchObject({ careStaff: required - 1, overRatio: true });
    expect(await ok(h, { role: 'volunteer', unit: COMMUNE }, OVER)).toEqual([{ code: FACILITY }]);
    // One more resident raises what is required.
    await admitted(h, '2025-04-01');
    const after = await ok(h, LABOUR_HANOI, FACILITY_QUERY, { c: FACILITY });
    expect((after.staffing as Row).compulsoryResidents).toBe((staffing.compulsoryResidents as number) + 1);
  });

  it("refuses a stale version, another facility's staff and impossible figures", async () => {
    const f = await ok(h, LABOUR_HANOI, FACILITY_QUERY, { c: OTHER_FACILITY });
    const input = { capacity: f.capacity, staffCount: f.staffCount, managerCount: f.managerCount };
    expect(
      (await fails(h, LABOUR_HANOI, UPDATE, { c: OTHER_FACILITY, v: (f.version as number) + 1, input })).extensions,
    ).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    expect(
      (await fails(h, { role: 'facility_staff', unit: FACILITY }, UPDATE, { c: OTHER_FACILITY, v: f.version, input })).extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await fails(h, { role: 'labour_officer', unit: '001' }, UPDATE, { c: OTHER_FACILITY, v: f.version, input })).extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await fails(h, LABOUR_HANOI, UPDATE, {
          c: OTHER_FACILITY,
          v: f.version,
          input: { ...input, managerCount: (f.staffCount as number) + 1 },
        })
      ).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.managerCount' });
    expect((await fails(h, LABOUR_HANOI, UPDATE, { c: COMMUNE, v: 1, input })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'code',
    });
  });

  it.each(ROLES)('lets %s read occupancy and staffing (aggregates, not personal data)', async (role) => {
    const result = await runAs(h, { role, unit: '01' }, FACILITY_QUERY, { c: 'CSCN3' });
    expect(result.errors).toBeUndefined();
  });
});

describe('community service providers', () => {
  const LIST = 'query($u: ID!) { serviceProviders(unitCode: $u) { id name unit { code } registrationNumber } }';
  const REGISTER = `mutation($input: RegisterServiceProviderInput!) { registerServiceProvider(input: $input) { id unit { code } } }`;

  it('lists the providers serving a commune: registered above it or at it, not in other provinces', async () => {
    // Today's Phường Ba Đình is served by the provider Hà Nội's police registered after the reform.
    const list = (await ok(h, { role: 'volunteer', unit: COMMUNE }, LIST, { u: COMMUNE })) as unknown as Row[];
    expect(list.map((p) => p.id)).toEqual([demoProviderId('01')]);
    const registered = await ok(h, { role: 'police_officer', unit: '01' }, REGISTER, {
      input: {
        unitCode: COMMUNE,
        name: 'Điểm tư vấn cộng đồng phường Ba Đình',
        registrationNumber: '00004/ĐK-1',
        registeredOn: '2025-09-02',
        conditionsMet: ['PREMISES', 'MEDICAL_STAFF', 'COUNSELLING_STAFF', 'OPERATING_RULES'],
      },
    });
    const after = (await ok(h, { role: 'volunteer', unit: COMMUNE }, LIST, { u: COMMUNE })) as unknown as Row[];
    expect(after.map((p) => p.id).sort()).toEqual([demoProviderId('01'), registered.id].sort());
    // Quận Ba Đình's providers of before the reform, as its ended account reads them.
    const district = (await ok(h, { role: 'labour_officer', unit: '001' }, LIST, { u: '001' })) as unknown as Row[];
    expect(district.map((p) => p.id)).toContain(demoProviderId('001'));
    const other = (await ok(h, { role: 'police_officer', unit: '15' }, LIST, { u: OTHER_COMMUNE })) as unknown as Row[];
    expect(other.map((p) => p.id)).toEqual([demoProviderId('15')]);
  });

  it('registers providers by the arrangement of the registration date: the district labour office, then the provincial police', async () => {
    const before = { unitCode: '001', name: 'Y', registrationNumber: 'D-1', registeredOn: '2025-01-02' };
    expect(await ok(h, { role: 'labour_officer', unit: '001' }, REGISTER, { input: before })).toMatchObject({
      unit: { code: '001' },
    });
    // From 1 July 2025 (Decree 184/2025) the provincial police director registers them; the district office no longer exists.
    const after = {
      unitCode: COMMUNE,
      name: 'Z',
      registrationNumber: 'P-1',
      registeredOn: '2025-08-01',
      conditionsMet: ['PREMISES', 'MEDICAL_STAFF', 'COUNSELLING_STAFF', 'OPERATING_RULES'],
    };
    expect((await fails(h, { role: 'labour_officer', unit: '01' }, REGISTER, { input: after })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await fails(h, { role: 'labour_officer', unit: '001' }, REGISTER, { input: after })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(await ok(h, { role: 'police_officer', unit: '01' }, REGISTER, { input: after })).toMatchObject({
      unit: { code: COMMUNE },
    });
  });

  it("refuses a duplicate registration number and registration outside the caller's unit", async () => {
    const input = {
      unitCode: COMMUNE,
      name: 'X',
      registrationNumber: '01/2025/ĐK-CNCĐ-CAT',
      registeredOn: '2025-09-02',
      conditionsMet: ['PREMISES', 'MEDICAL_STAFF', 'COUNSELLING_STAFF', 'OPERATING_RULES'],
    };
    expect((await fails(h, { role: 'police_officer', unit: '01' }, REGISTER, { input })).extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'registrationNumber',
    });
    expect(
      (await fails(h, { role: 'police_officer', unit: '15' }, REGISTER, { input: { ...input, registrationNumber: 'new' } }))
        .extensions?.code,
    ).toBe('FORBIDDEN');
  });
});
