import { ACCESS_MATRIX, ROLES, addDays, canRead, generateDemoPopulation, todayInHanoi, type Role } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import { COMMUNE, OTHER_COMMUNE, fails, ok, runAs, type Actor, type Row } from './legal-path-support';

let h: Harness;
const TODAY = todayInHanoi();

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

const FIELDS = 'id title agency startedOn endedOn totalParticipants version unit { code } participants { group count }';
const RECORD = `mutation($input: TrainingCourseInput!) { recordTrainingCourse(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: TrainingCourseInput!) { updateTrainingCourse(id: $id, expectedVersion: $v, input: $input) { ${FIELDS} } }`;
const LIST = 'query($u: ID!, $from: Date) { trainingCourses(unitCode: $u, from: $from) { id totalParticipants } }';

const PROVINCIAL_POLICE: Actor = { role: 'police_officer', unit: '01' };
const input = (over: Row = {}) => ({
  unitCode: '01',
  title: 'Tập huấn nghiệp vụ lập hồ sơ cai nghiện bắt buộc',
  startedOn: addDays(TODAY, -5),
  endedOn: addDays(TODAY, -4),
  participants: [
    { group: 'POLICE', count: 60 },
    { group: 'COMMUNE', count: 25 },
  ],
  ...over,
});

async function stored(): Promise<number> {
  const [row] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM training_course');
  return row.n;
}

describe('training courses for drug-control officers and staff', () => {
  it('are recorded with participants by group, listed down the unit tree, and audited', async () => {
    const made = await ok(h, PROVINCIAL_POLICE, RECORD, { input: input() });
    expect(made).toMatchObject({ agency: 'police', totalParticipants: 85, version: 1, unit: { code: '01' } });
    expect(made.participants).toEqual([
      { group: 'POLICE', count: 60 },
      { group: 'COMMUNE', count: 25 },
    ]);
    const list = (await ok(h, { role: 'analyst', unit: '01' }, LIST, { u: '01', from: addDays(TODAY, -30) })) as unknown as Row[];
    expect(list.map((r) => r.id)).toContain(made.id);
    const commune = (await ok(h, { role: 'analyst', unit: '01' }, LIST, { u: COMMUNE })) as unknown as Row[];
    expect(commune.map((r) => r.id)).not.toContain(made.id);
    const [audit] = await h.database.db.query<[{ n: number }]>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'TrainingCourse'",
    );
    expect(audit.n).toBeGreaterThan(0);
  });

  it('refuses bad input beside its field and units the officer does not act for, storing nothing', async () => {
    const before = await stored();
    const cases: [Row, string][] = [
      [input({ endedOn: addDays(TODAY, 1), startedOn: TODAY }), 'input.endedOn'],
      [input({ endedOn: addDays(TODAY, -9) }), 'input.endedOn'],
      [input({ title: ' ' }), 'input.title'],
      [input({ participants: [{ group: 'POLICE', count: 0 }] }), 'input.participants'],
      [input({ participants: [{ group: 'POLICE', count: -2 }] }), 'input.participants.0.count'],
      [
        input({
          participants: [
            { group: 'HEALTH', count: 2 },
            { group: 'HEALTH', count: 3 },
          ],
        }),
        'input.participants.1.group',
      ],
      [input({ unitCode: 'CSCN1' }), 'input.unitCode'],
    ];
    for (const [bad, field] of cases) {
      expect((await fails(h, PROVINCIAL_POLICE, RECORD, { input: bad })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const elsewhere = await fails(h, { role: 'police_officer', unit: COMMUNE }, RECORD, {
      input: input({ unitCode: OTHER_COMMUNE }),
    });
    expect(elsewhere.extensions?.code).toBe('FORBIDDEN');
    expect(await stored()).toBe(before);
  });

  it('is read by every role and recorded by the roles the matrix names', async () => {
    const unitOf = (role: Role) =>
      role === 'court_clerk' ? 'TAKV-HN01' : role === 'facility_staff' ? 'CSCN1' : role === 'volunteer' ? COMMUNE : '01';
    let recorders = 0;
    for (const role of ROLES) {
      const actor: Actor = { role, unit: unitOf(role) };
      expect([role, (await runAs(h, actor, LIST, { u: '01' })).errors]).toEqual([role, undefined]);
      const made = await runAs(h, actor, RECORD, { input: input({ unitCode: actor.unit === '01' ? '01' : COMMUNE }) });
      if (canRead(ACCESS_MATRIX, role, 'Mutation.recordTrainingCourse')) {
        recorders += 1;
        expect([role, made.errors]).toEqual([role, undefined]);
      } else {
        expect([role, made.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
      }
    }
    expect(recorders).toBe(5);
  });

  it('is corrected by the agency that recorded it, at its latest version', async () => {
    const made = await ok(h, PROVINCIAL_POLICE, RECORD, { input: input() });
    const labour: Actor = { role: 'labour_officer', unit: '01' };
    expect((await fails(h, labour, UPDATE, { id: made.id, v: 1, input: input() })).extensions?.code).toBe('FORBIDDEN');
    expect((await fails(h, PROVINCIAL_POLICE, UPDATE, { id: made.id, v: 4, input: input() })).extensions?.code).toBe('CONFLICT');
    const unknown = '0d000000-0000-4000-8000-00000000000d';
    expect((await fails(h, PROVINCIAL_POLICE, UPDATE, { id: unknown, v: 1, input: input() })).extensions?.code).toBe('NOT_FOUND');
    const fixed = await ok(h, PROVINCIAL_POLICE, UPDATE, {
      id: made.id,
      v: 1,
      input: input({ participants: [{ group: 'FACILITY', count: 12 }] }),
    });
    expect(fixed).toMatchObject({ totalParticipants: 12, version: 2 });
  });
});
