import { ACCESS_MATRIX, ROLES, addDays, canRead, generateDemoPopulation, todayInHanoi, type Role } from '@rehab/shared-schema';
import { COMMUNE, NEIGHBOUR_COMMUNE, dataOf, errorOf, openHarness, type Harness } from './harness';

let h: Harness;
const TODAY = todayInHanoi();

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 20 }));
});
afterAll(async () => {
  await h.close();
});

type Row = Record<string, unknown>;
const HOTSPOT = 'id description identifiedOn clearedOn clearanceNote version commune { code }';
const RECORD = `mutation($input: DrugHotspotInput!) { recordDrugHotspot(input: $input) { ${HOTSPOT} } }`;
const CLEAR = `mutation($id: ID!, $v: Int!, $on: Date!, $n: String!) { clearDrugHotspot(id: $id, expectedVersion: $v, clearedOn: $on, note: $n) { ${HOTSPOT} } }`;
const HOTSPOTS = 'query($u: ID!, $on: Date, $all: Boolean) { drugHotspots(unitCode: $u, on: $on, includeCleared: $all) { id } }';
const RECOGNITION = 'id recognisedOn decisionNumber withdrawnOn withdrawalReason version commune { code }';
const RECOGNIZE = `mutation($input: DrugFreeRecognitionInput!) { recognizeDrugFreeCommune(input: $input) { ${RECOGNITION} } }`;
const WITHDRAW = `mutation($id: ID!, $v: Int!, $on: Date!, $r: String!) { withdrawDrugFreeRecognition(id: $id, expectedVersion: $v, withdrawnOn: $on, reason: $r) { ${RECOGNITION} } }`;
const RECOGNITIONS = 'query($u: ID!) { drugFreeRecognitions(unitCode: $u) { id withdrawnOn } }';

const first = <T>(result: Parameters<typeof dataOf>[0]): T => Object.values(dataOf<Record<string, T>>(result))[0] as T;
const ids = (rows: Row[]) => rows.map((r) => r.id);

describe("a commune's drug hotspots", () => {
  it('are identified by the police, listed while active and cleared once', async () => {
    const input = {
      communeCode: COMMUNE,
      description: 'Khu vực gầm cầu, tụ tập sử dụng ma túy',
      identifiedOn: addDays(TODAY, -90),
    };
    const spot = first<Row>(await h.run(RECORD, { input }, 'police_officer', COMMUNE));
    expect(spot).toMatchObject({ clearedOn: null, version: 1, commune: { code: COMMUNE } });
    const early = await h.run(CLEAR, { id: spot.id, v: 1, on: addDays(TODAY, -91), n: 'x' }, 'police_officer', COMMUNE);
    expect(errorOf(early)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clearedOn' });
    const cleared = first<Row>(
      await h.run(CLEAR, { id: spot.id, v: 1, on: addDays(TODAY, -10), n: 'Đã giải tỏa, lắp camera' }, 'police_officer', COMMUNE),
    );
    expect(cleared).toMatchObject({ clearedOn: addDays(TODAY, -10), version: 2 });
    const again = await h.run(CLEAR, { id: spot.id, v: 2, on: TODAY, n: 'x' }, 'police_officer', COMMUNE);
    expect(errorOf(again).code).toBe('ILLEGAL_TRANSITION');
    expect(ids(first<Row[]>(await h.run(HOTSPOTS, { u: '01' }, 'front_officer', COMMUNE)))).not.toContain(spot.id);
    const then = first<Row[]>(await h.run(HOTSPOTS, { u: '01', on: addDays(TODAY, -30) }, 'commune_official', COMMUNE));
    expect(ids(then)).toContain(spot.id);
    // Another commune's officers do not see it.
    const neighbour = first<Row[]>(await h.run(HOTSPOTS, { u: '01', all: true }, 'police_officer', NEIGHBOUR_COMMUNE));
    expect(ids(neighbour)).not.toContain(spot.id);
  });

  it('refuses bad input and communes the officer does not act for, and roles without the right', async () => {
    const input = (over: Row = {}) => ({ communeCode: COMMUNE, description: 'Quán karaoke', identifiedOn: TODAY, ...over });
    expect(errorOf(await h.run(RECORD, { input: input({ description: ' ' }) }, 'police_officer', COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.description',
    });
    expect(
      errorOf(await h.run(RECORD, { input: input({ identifiedOn: addDays(TODAY, 1) }) }, 'police_officer', COMMUNE)),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.identifiedOn',
    });
    expect(errorOf(await h.run(RECORD, { input: input() }, 'police_officer', NEIGHBOUR_COMMUNE)).code).toBe('FORBIDDEN');
    const unitOf = (role: Role) => (role === 'court_clerk' ? 'TAKV-HN01' : role === 'facility_staff' ? 'CSCN1' : COMMUNE);
    for (const role of ROLES) {
      const read = await h.run(HOTSPOTS, { u: COMMUNE }, role, unitOf(role));
      const made = await h.run(RECORD, { input: input() }, role, unitOf(role));
      expect([role, read.errors?.[0]?.extensions?.code]).toEqual([
        role,
        canRead(ACCESS_MATRIX, role, 'DrugHotspot.description') ? undefined : 'FORBIDDEN',
      ]);
      expect([role, made.errors?.[0]?.extensions?.code]).toEqual([
        role,
        canRead(ACCESS_MATRIX, role, 'Mutation.recordDrugHotspot') ? undefined : 'FORBIDDEN',
      ]);
    }
  });
});

describe('communes recognised drug-free', () => {
  it("are recognised by the province's officers, one recognition in force at a time, and withdrawn", async () => {
    // (The demo recognises Phường Ngọc Hà: this test recognises Phường Ba Đình.)
    const input = { communeCode: COMMUNE, recognisedOn: addDays(TODAY, -200), decisionNumber: '1234/QĐ-UBND' };
    const commune = await h.run(RECOGNIZE, { input }, 'police_officer', COMMUNE);
    expect(errorOf(commune).code).toBe('FORBIDDEN');
    const made = first<Row>(await h.run(RECOGNIZE, { input }, 'police_officer', '01'));
    expect(made).toMatchObject({ decisionNumber: '1234/QĐ-UBND', withdrawnOn: null, version: 1 });
    const twice = await h.run(RECOGNIZE, { input }, 'supervisor', '01');
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', field: 'input.communeCode' });
    // Published decisions: anyone reads them.
    expect(ids(first<Row[]>(await h.run(RECOGNITIONS, { u: '01' }, 'analyst', '01')))).toContain(made.id);
    const withdrawn = first<Row>(
      await h.run(WITHDRAW, { id: made.id, v: 1, on: TODAY, r: 'Phát hiện điểm tụ tập mới' }, 'police_officer', '01'),
    );
    expect(withdrawn).toMatchObject({ withdrawnOn: TODAY, version: 2 });
    const anew = first<Row>(await h.run(RECOGNIZE, { input: { ...input, recognisedOn: TODAY } }, 'police_officer', '01'));
    expect(anew.id).not.toBe(made.id);
  });
});
