import { generateDemoPopulation } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import {
  COMMUNE_OFFICIAL,
  FACILITY,
  M,
  OTHER_FACILITY,
  POLICE,
  STAFF,
  admitted,
  fails,
  ok,
  type Actor,
  type Row,
} from './legal-path-support';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

const AREAS = `query($code: ID!) { facility(code: $code) { residentsWithoutArea areas { id name kind capacity occupancy overCapacity version } } }`;
const ADD = `mutation($code: ID!, $input: FacilityAreaInput!) { addFacilityArea(facilityCode: $code, input: $input) { id name kind capacity occupancy version } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $name: String!, $capacity: Int!) {
  updateFacilityArea(id: $id, expectedVersion: $v, name: $name, capacity: $capacity) { id name capacity occupancy overCapacity version } }`;
const PLACE = `mutation($id: ID!, $v: Int!, $area: ID!, $on: Date) {
  placeResidentInArea(id: $id, expectedVersion: $v, areaId: $area, placedOn: $on) { id version area { id name } events { action } } }`;

interface Area {
  id: string;
  name: string;
  kind: string;
  capacity: number;
  occupancy: number;
  overCapacity: boolean;
  version: number;
}

async function areas(code = FACILITY): Promise<{ residentsWithoutArea: number; areas: Area[] }> {
  return (await ok(h, STAFF, AREAS, { code })) as unknown as { residentsWithoutArea: number; areas: Area[] };
}
const named = (list: Area[], name: string): Area => {
  const area = list.find((a) => a.name === name);
  if (!area) throw new Error(`no area ${name}`);
  return area;
};

describe('areas of a facility, and residents placed in them', () => {
  it('places an adult in an adults’ area, counts the area, and clears the place on a transfer', async () => {
    const before = await areas();
    expect(before.areas.map((a) => [a.name, a.kind])).toEqual([
      ['Khu nam', 'MEN'],
      ['Khu nữ', 'WOMEN'],
    ]);
    const e = await admitted(h, '2025-04-01');
    const men = named(before.areas, 'Khu nam');
    const placed = await ok(h, STAFF, PLACE, { id: e.id, v: e.version, area: men.id, on: '2025-04-02' });
    expect(placed).toMatchObject({ area: { id: men.id, name: 'Khu nam' }, version: (e.version as number) + 1 });
    expect((placed.events as Row[]).at(-1)).toEqual({ action: 'PLACE_IN_AREA' });
    const after = await areas();
    expect(named(after.areas, 'Khu nam').occupancy).toBe(men.occupancy + 1);
    expect(after.residentsWithoutArea).toBe(before.residentsWithoutArea);
    const again = await fails(h, STAFF, PLACE, { id: e.id, v: placed.version, area: men.id });
    expect(again.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'areaId' });
    // Another facility's area is not this resident's.
    const other = named((await areas(OTHER_FACILITY)).areas, 'Khu nữ');
    expect((await fails(h, STAFF, PLACE, { id: e.id, v: placed.version, area: other.id })).extensions?.field).toBe('areaId');
    // Over capacity is shown, never refused.
    const shrunk = await ok(h, STAFF, UPDATE, { id: men.id, v: men.version, name: 'Khu nam A', capacity: 0 });
    expect(shrunk).toMatchObject({ name: 'Khu nam A', capacity: 0, overCapacity: true });
    // A transfer to another facility clears the place.
    const moved = await ok(h, STAFF, M.transfer, { id: e.id, v: placed.version, to: OTHER_FACILITY, on: '2025-05-01' });
    const read = await ok(
      h,
      { role: 'facility_staff', unit: OTHER_FACILITY },
      `query($id: ID!) { rehabEpisode(id: $id) { area { id } } }`,
      {
        id: moved.id,
      },
    );
    expect(read).toEqual({ area: null });
  });

  it("puts a minor in a minors' area only, where the facility admits minors", async () => {
    const minor = await admitted(h, '2025-04-01', { dateOfBirth: '2010-06-01' });
    const list = await areas();
    const refused = await fails(h, STAFF, PLACE, { id: minor.id, v: minor.version, area: named(list.areas, 'Khu nữ').id });
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'areaId' });
    const notHere = await fails(h, STAFF, ADD, {
      code: FACILITY,
      input: { name: 'Khu thiếu niên nam', kind: 'MINOR_BOYS', capacity: 40 },
    });
    expect(notHere.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    await h.database.db.query(`UPDATE facility SET admits_minors = true WHERE code = $1`, [FACILITY]);
    const boys = await ok(h, STAFF, ADD, {
      code: FACILITY,
      input: { name: 'Khu thiếu niên nam', kind: 'MINOR_BOYS', capacity: 40 },
    });
    expect(boys).toMatchObject({ kind: 'MINOR_BOYS', capacity: 40, occupancy: 0, version: 1 });
    const placed = await ok(h, STAFF, PLACE, { id: minor.id, v: minor.version, area: boys.id });
    expect(placed.area).toEqual({ id: boys.id, name: 'Khu thiếu niên nam' });
    const adult = await admitted(h, '2025-04-01');
    const wrong = await fails(h, STAFF, PLACE, { id: adult.id, v: adult.version, area: boys.id });
    expect(wrong.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'areaId' });
    const twice = await fails(h, STAFF, ADD, {
      code: FACILITY,
      input: { name: 'khu thiếu niên nam', kind: 'MINOR_BOYS', capacity: 1 },
    });
    expect(twice.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    for (const capacity of [-1, 100_001]) {
      const bad = await fails(h, STAFF, ADD, { code: FACILITY, input: { name: `Khu ${capacity}`, kind: 'MEN', capacity } });
      expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.capacity' });
    }
  });
});

describe('who arranges areas and places residents', () => {
  it('the facility places its residents; the commune does not; another facility neither finds the resident nor edits the areas', async () => {
    const e = await admitted(h, '2025-04-01');
    const women = named((await areas()).areas, 'Khu nữ');
    for (const actor of [POLICE, COMMUNE_OFFICIAL, { role: 'labour_officer', unit: '01' } as Actor]) {
      const error = await fails(h, actor, PLACE, { id: e.id, v: e.version, area: women.id });
      expect([actor.role, error.extensions?.code]).toEqual([actor.role, 'FORBIDDEN']);
    }
    const elsewhere = await fails(h, { role: 'facility_staff', unit: OTHER_FACILITY }, PLACE, {
      id: e.id,
      v: e.version,
      area: women.id,
    });
    expect(elsewhere.extensions?.code).toBe('NOT_FOUND');
    const foreign = await fails(h, { role: 'facility_staff', unit: OTHER_FACILITY }, UPDATE, {
      id: women.id,
      v: women.version,
      name: 'Khu nữ',
      capacity: 1,
    });
    expect(foreign.extensions?.code).toBe('FORBIDDEN');
    const add = await fails(h, { role: 'facility_staff', unit: OTHER_FACILITY }, ADD, {
      code: FACILITY,
      input: { name: 'Khu mới', kind: 'MEN', capacity: 10 },
    });
    expect(add.extensions?.code).toBe('FORBIDDEN');
    for (const role of ['commune_official', 'volunteer', 'health_worker'] as const) {
      const error = await fails(h, { role, unit: '00004' }, ADD, {
        code: FACILITY,
        input: { name: 'Khu x', kind: 'MEN', capacity: 10 },
      });
      expect([role, error.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
    // Areas and their counts are public administration: a commune officer reads them.
    const read = await h.run(AREAS, { code: FACILITY }, 'commune_official', '00004');
    expect(read.errors).toBeUndefined();
  });
});
