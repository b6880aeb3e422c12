import { addDays, generateDemoPopulation, todayInHanoi } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import { COMMUNE, FACILITY, fails, ok, type Actor, type Row } from './legal-path-support';

let h: Harness;
const TODAY = todayInHanoi();

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

const FIELDS = 'id kind inspectedOn agency violations followUpDueOn resolvedOn resolution status version unit { code }';
const RECORD = `mutation($input: InspectionInput!) { recordInspection(input: $input) { ${FIELDS} } }`;
const RESOLVE = `mutation($id: ID!, $v: Int!, $on: Date!, $text: String!) {
  resolveInspection(id: $id, expectedVersion: $v, resolvedOn: $on, resolution: $text) { ${FIELDS} } }`;
const LIST = 'query($u: ID!, $open: Boolean) { inspections(unitCode: $u, openOnly: $open) { id status } }';

/** Hà Nội's police: the province's state management of rehab from 1 March 2025. */
const PROVINCIAL_POLICE: Actor = { role: 'police_officer', unit: '01' };
const LABOUR_DEPARTMENT: Actor = { role: 'labour_officer', unit: '01' };
const input = (over: Row = {}) => ({
  unitCode: FACILITY,
  kind: 'UNANNOUNCED',
  inspectedOn: addDays(TODAY, -10),
  findings: 'Khu nữ quá số chỗ; sổ theo dõi học viên ghi thiếu',
  violations: 2,
  recommendations: 'Bố trí thêm chỗ ở; cập nhật sổ',
  followUpDueOn: addDays(TODAY, 20),
  ...over,
});

async function stored(): Promise<number> {
  const [row] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM inspection');
  return row.n;
}

describe('inspections of facilities and communes, with their follow-up', () => {
  it('follows violations until they are put right', async () => {
    const made = await ok(h, PROVINCIAL_POLICE, RECORD, { input: input() });
    expect(made).toMatchObject({ agency: 'police', status: 'FOLLOW_UP', version: 1, unit: { code: FACILITY } });
    const open = (await ok(h, { role: 'facility_staff', unit: FACILITY }, LIST, { u: '01', open: true })) as unknown as Row[];
    expect(open.map((r) => r.id)).toContain(made.id);
    expect(
      (await fails(h, PROVINCIAL_POLICE, RESOLVE, { id: made.id, v: 1, on: addDays(TODAY, -11), text: 'x' })).extensions?.field,
    ).toBe('resolvedOn');
    expect((await fails(h, PROVINCIAL_POLICE, RESOLVE, { id: made.id, v: 3, on: TODAY, text: 'x' })).extensions?.code).toBe(
      'CONFLICT',
    );
    const resolved = await ok(h, PROVINCIAL_POLICE, RESOLVE, { id: made.id, v: 1, on: TODAY, text: 'Đã bố trí thêm 20 chỗ' });
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedOn: TODAY, version: 2 });
    expect((await fails(h, PROVINCIAL_POLICE, RESOLVE, { id: made.id, v: 2, on: TODAY, text: 'x' })).extensions?.code).toBe(
      'ILLEGAL_TRANSITION',
    );
    const stillOpen = (await ok(h, PROVINCIAL_POLICE, LIST, { u: '01', open: true })) as unknown as Row[];
    expect(stillOpen.map((r) => r.id)).not.toContain(made.id);

    const late = await ok(h, PROVINCIAL_POLICE, RECORD, {
      input: input({ unitCode: COMMUNE, followUpDueOn: addDays(TODAY, -1) }),
    });
    expect(late.status).toBe('OVERDUE');
    const clean = await ok(h, PROVINCIAL_POLICE, RECORD, {
      input: input({ violations: 0, followUpDueOn: null, kind: 'PLANNED' }),
    });
    expect(clean.status).toBe('CLOSED');
    expect((await fails(h, PROVINCIAL_POLICE, RESOLVE, { id: clean.id, v: 1, on: TODAY, text: 'x' })).extensions?.code).toBe(
      'ILLEGAL_TRANSITION',
    );
  });

  it('refuses bad input beside its field, storing nothing', async () => {
    const before = await stored();
    const cases: [Row, string][] = [
      [input({ violations: -1 }), 'input.violations'],
      [input({ followUpDueOn: null }), 'input.followUpDueOn'],
      [input({ violations: 0 }), 'input.followUpDueOn'],
      [input({ followUpDueOn: addDays(TODAY, -11) }), 'input.followUpDueOn'],
      [input({ inspectedOn: addDays(TODAY, 1) }), 'input.inspectedOn'],
      [input({ findings: ' ' }), 'input.findings'],
      [input({ unitCode: '01' }), 'input.unitCode'],
    ];
    for (const [bad, field] of cases) {
      expect((await fails(h, PROVINCIAL_POLICE, RECORD, { input: bad })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(await stored()).toBe(before);
  });

  it('is recorded by the state management of rehab of the day: the labour department before 1 March 2025, the police after', async () => {
    const before = await stored();
    for (const actor of [
      LABOUR_DEPARTMENT,
      { role: 'police_officer', unit: COMMUNE },
      { role: 'facility_staff', unit: FACILITY },
    ] as Actor[]) {
      const error = await fails(h, actor, RECORD, { input: input() });
      expect([actor.role, actor.unit, error.extensions?.code]).toEqual([actor.role, actor.unit, 'FORBIDDEN']);
    }
    expect((await fails(h, { role: 'police_officer', unit: '15' }, RECORD, { input: input() })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(await stored()).toBe(before);
    const old = await ok(h, LABOUR_DEPARTMENT, RECORD, {
      input: input({ inspectedOn: '2024-05-10', followUpDueOn: '2024-06-10', unitCode: 'CSCN2' }),
    });
    expect(old).toMatchObject({ agency: 'labor-welfare', status: 'OVERDUE' });
    expect(
      (await fails(h, PROVINCIAL_POLICE, RECORD, { input: input({ inspectedOn: '2024-05-10', followUpDueOn: '2024-06-10' }) }))
        .extensions?.code,
    ).toBe('FORBIDDEN');
  });
});
