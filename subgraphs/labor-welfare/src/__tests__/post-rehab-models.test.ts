import {
  ACCESS_MATRIX,
  ROLES,
  addDays,
  canRead,
  generateDemoPopulation,
  isWithin,
  todayInHanoi,
  units,
} from '@rehab/shared-schema';
import { demoModelRows } from '../seed-models';
import { openHarness, type Harness, type Result } from './harness';

let h: Harness;
const today = todayInHanoi();

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});

afterAll(async () => {
  await h.close();
});

const LIST = `query($u: ID, $all: Boolean, $first: Int, $after: String) { postRehabModels(unitCode: $u, includeEnded: $all, first: $first, after: $after) {
  totalCount pageInfo { endCursor hasNextPage } nodes { id name kind unit { code } establishedOn endedOn version } } }`;
const RECORD = `mutation($i: PostRehabModelInput!) { recordPostRehabModel(input: $i) { id name kind unit { code } establishedOn endedOn version } }`;
const END = `mutation($id: ID!, $v: Int!, $on: Date!) { endPostRehabModel(id: $id, expectedVersion: $v, endedOn: $on) { id endedOn version } }`;

interface Model {
  id: string;
  name: string;
  unit: { code: string };
  establishedOn: string;
  endedOn: string | null;
  version: number;
}
interface Page {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: Model[];
}

const failure = (r: Result) => ({ code: r.errors?.[0]?.extensions?.code, field: r.errors?.[0]?.extensions?.field });
function ok<T>(r: Result, field: string): T {
  expect(r.errors).toBeUndefined();
  return (r.data as Record<string, T>)[field] as T;
}
const list = async (vars: Record<string, unknown>, unit = '001') =>
  ok<Page>(await h.run(LIST, vars, 'labour_officer', unit), 'postRehabModels');

describe('post-rehab models', () => {
  it("lists the seeded models of the caller's unit, oldest first, in pages, running ones unless asked", async () => {
    const seeded = demoModelRows().filter((r) => String(r[4]).startsWith('01.001.'));
    const running = seeded.filter((r) => r[6] === null);
    const all = await list({ all: true, first: 200 });
    expect(all.totalCount).toBe(seeded.length);
    expect((await list({ first: 200 })).totalCount).toBe(running.length);
    const dates = all.nodes.map((m) => m.establishedOn);
    expect(dates).toEqual([...dates].sort());
    const first = await list({ all: true, first: 2 });
    const next = await list({ all: true, first: 2, after: first.pageInfo.endCursor });
    expect([...first.nodes, ...next.nodes].map((m) => m.id)).toEqual(all.nodes.slice(0, 4).map((m) => m.id));
    // A ward of today: the models of the old wards merged into it whole (as the old district's account sees them).
    const ofWard = (path: string) =>
      seeded.filter((r) =>
        units()
          .scopeRoots(path)
          .some((root) => isWithin(String(r[4]), root)),
      );
    const ward = units()
      .childrenOf('01', undefined, ['COMMUNE'])
      .find((c) => ofWard(c.path).length > 0);
    if (!ward) throw new Error('no ward of today with a model of an old ward of Ba Đình');
    const commune = await list({ u: ward.code, all: true, first: 200 });
    expect(commune.nodes.map((m) => m.id).sort()).toEqual(
      ofWard(ward.path)
        .map((r) => String(r[0]))
        .sort(),
    );
    // A commune official of another province sees none of these.
    expect(ok<Page>(await h.run(LIST, { u: '001', all: true }, 'commune_official', '02647'), 'postRehabModels').totalCount).toBe(
      0,
    );
  });

  it('records a model of a commune and ends it, with version checks', async () => {
    const input = { name: 'Câu lạc bộ Đồng cảm', kind: 'CLUB', unitCode: '00004', establishedOn: addDays(today, -100) };
    const model = ok<Model>(await h.run(RECORD, { i: input }, 'commune_official', '00004'), 'recordPostRehabModel');
    expect(model).toMatchObject({ name: 'Câu lạc bộ Đồng cảm', unit: { code: '00004' }, endedOn: null, version: 1 });
    expect(failure(await h.run(RECORD, { i: input }, 'labour_officer', '01'))).toEqual({ code: 'CONFLICT', field: 'input.name' });
    // The district's account ended with the district tier: it cannot record today's work.
    expect(failure(await h.run(RECORD, { i: input }, 'labour_officer', '001')).code).toBe('FORBIDDEN');
    expect(failure(await h.run(END, { id: model.id, v: 9, on: today }, 'commune_official', '00004')).code).toBe('CONFLICT');
    expect(failure(await h.run(END, { id: model.id, v: 1, on: addDays(today, -101) }, 'commune_official', '00004')).field).toBe(
      'endedOn',
    );
    const ended = ok<Model>(await h.run(END, { id: model.id, v: 1, on: today }, 'labour_officer', '01'), 'endPostRehabModel');
    expect(ended).toMatchObject({ endedOn: today, version: 2 });
    expect(failure(await h.run(END, { id: model.id, v: 2, on: today }, 'commune_official', '00004')).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(failure(await h.run(END, { id: model.id, v: 2, on: today }, 'commune_official', '02647')).code).toBe('NOT_FOUND');
  });

  it('refuses bad input and other units, recording nothing', async () => {
    const base = { name: 'Mô hình X', kind: 'OTHER', unitCode: '00004', establishedOn: '2024-01-01' };
    const cases: [Record<string, unknown>, string, string, { code: string; field?: string }][] = [
      [{ ...base, unitCode: '001' }, 'labour_officer', '001', { code: 'BAD_USER_INPUT', field: 'input.unitCode' }],
      [{ ...base, unitCode: 'XYZ' }, 'labour_officer', '001', { code: 'BAD_USER_INPUT', field: 'input.unitCode' }],
      [{ ...base, name: ' ' }, 'labour_officer', '001', { code: 'BAD_USER_INPUT', field: 'input.name' }],
      [
        { ...base, establishedOn: addDays(today, 1) },
        'labour_officer',
        '001',
        { code: 'BAD_USER_INPUT', field: 'input.establishedOn' },
      ],
      [base, 'commune_official', '00008', { code: 'FORBIDDEN' }],
      // A code that names no unit on the date: Phường Kim Mã ended with the reform.
      [
        { ...base, unitCode: '00028', establishedOn: '2025-09-01' },
        'labour_officer',
        '01',
        { code: 'BAD_USER_INPUT', field: 'input.unitCode' },
      ],
    ];
    const [{ n: before }] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM post_rehab_model');
    for (const [input, role, unit, expected] of cases) {
      expect({ input, got: failure(await h.run(RECORD, { i: input }, role as 'labour_officer', unit)) }).toEqual({
        input,
        got: expect.objectContaining(expected),
      });
    }
    const [{ n: after }] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM post_rehab_model');
    expect(after).toBe(before);
  });

  it('gives the list and the mutations only to the roles the matrix names', async () => {
    for (const role of ROLES) {
      const listed = await h.run(LIST, {}, role, '001');
      expect({ role, code: listed.errors?.[0]?.extensions?.code ?? 'OK' }).toEqual({
        role,
        code: canRead(ACCESS_MATRIX, role, 'Query.postRehabModels') ? 'OK' : 'FORBIDDEN',
      });
      if (!canRead(ACCESS_MATRIX, role, 'Mutation.recordPostRehabModel')) {
        const refused = await h.run(
          RECORD,
          { i: { name: 'Y', kind: 'OTHER', unitCode: '00101', establishedOn: '2024-01-01' } },
          role,
          '001',
        );
        expect({ role, code: failure(refused).code }).toEqual({ role, code: 'FORBIDDEN' });
      }
    }
    for (const role of ['health_worker', 'volunteer', 'facility_staff', 'court_clerk'] as const) {
      expect(canRead(ACCESS_MATRIX, role, 'Query.postRehabModels')).toBe(false);
    }
  });
});
