import { addDays, generateDemoPopulation, todayInHanoi } from '@rehab/shared-schema';
import { demoProviderId } from '../seed';
import { openHarness, type Harness } from './harness';
import {
  COMMUNE,
  COMMUNE_OFFICIAL,
  LABOUR,
  M,
  POLICE,
  STAFF,
  admitted,
  fails,
  footprint,
  ok,
  resident,
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

const PLAN_FIELDS = `id version phase communitySetting
  communityRehabPlan { revision preparedOn goals caregiver { fullName relationship phone }
    supporters { fullName role organisation phone } phases { phase startsOn activities } }
  events { action occurredOn actorRole }`;
const SET_PLAN = `mutation($id: ID!, $v: Int!, $input: CommunityRehabPlanInput!) {
  setCommunityRehabPlan(id: $id, expectedVersion: $v, input: $input) { ${PLAN_FIELDS} } }`;
const AWAITING = `query($unit: ID!) { communityRehabAwaitingPlan(unitCode: $unit) { id } }`;

const STARTED = '2026-09-01';

/** A rehab at home (or at the commune's rehab house) of a new resident of 00004, started on 1 September 2026. */
async function atHome(setting: 'HOME' | 'REHAB_HOUSE' = 'HOME'): Promise<Row> {
  const personId = await resident(h);
  return ok(h, COMMUNE_OFFICIAL, M.community, {
    input: {
      personId,
      residenceUnitCode: COMMUNE,
      serviceProviderId: demoProviderId('01'),
      startedOn: STARTED,
      termMonths: 24,
      setting,
    },
  });
}

const INTAKE = {
  phase: 'INTAKE_CLASSIFICATION',
  startsOn: '2026-09-01',
  activities: 'Tiếp nhận, đánh giá mức độ nghiện, phân loại',
};
const PHASES = [
  INTAKE,
  { phase: 'DETOX', startsOn: '2026-09-03', activities: 'Cắt cơn tại trạm y tế xã, theo dõi 10 ngày' },
  { phase: 'EDUCATION_BEHAVIOUR', startsOn: '2026-09-20', activities: 'Tư vấn cá nhân hằng tuần, sinh hoạt nhóm' },
  { phase: 'REINTEGRATION_PREPARATION', startsOn: '2027-06-01', activities: 'Giới thiệu việc làm, vay vốn' },
];

const PLAN = {
  preparedOn: '2026-09-02',
  goals: 'Không sử dụng ma túy; đi làm trở lại',
  caregiver: { fullName: 'Trần Thị Mẹ', relationship: 'PARENT', phone: '0912345678' },
  supporters: [
    { fullName: 'Lê Văn Công An', role: 'COMMUNE_POLICE', organisation: 'Công an phường Ba Đình', phone: '0987654321' },
    { fullName: 'Phạm Thị Hội', role: 'MASS_ORGANISATION', organisation: 'Hội Phụ nữ phường' },
  ],
  phases: PHASES,
};

describe('the individual rehab plan of a rehab at home/community', () => {
  it('starts a new rehab in intake and classification, and waits on the commune worklist until planned', async () => {
    const e = await atHome();
    expect(e).toMatchObject({ phase: 'INTAKE_CLASSIFICATION', communitySetting: 'HOME' });
    const unplanned = await ok(h, POLICE, `query($id: ID!) { rehabEpisode(id: $id) { communityRehabPlan { revision } } }`, {
      id: e.id,
    });
    expect(unplanned).toEqual({ communityRehabPlan: null });
    const waiting = (await ok(h, POLICE, AWAITING, { unit: COMMUNE })) as unknown as Row[];
    expect(waiting.map((w) => w.id)).toContain(e.id);
    const planned = await ok(h, COMMUNE_OFFICIAL, SET_PLAN, { id: e.id, v: e.version, input: PLAN });
    expect(planned).toMatchObject({
      version: (e.version as number) + 1,
      communityRehabPlan: {
        revision: 1,
        preparedOn: '2026-09-02',
        caregiver: { fullName: 'Trần Thị Mẹ', relationship: 'PARENT', phone: '0912345678' },
        supporters: [
          { fullName: 'Lê Văn Công An', role: 'COMMUNE_POLICE', organisation: 'Công an phường Ba Đình', phone: '0987654321' },
          { fullName: 'Phạm Thị Hội', role: 'MASS_ORGANISATION', organisation: 'Hội Phụ nữ phường', phone: null },
        ],
        phases: PHASES,
      },
    });
    expect((planned.events as Row[]).at(-1)).toMatchObject({
      action: 'SET_PLAN',
      occurredOn: '2026-09-02',
      actorRole: 'commune_official',
    });
    const after = (await ok(h, POLICE, AWAITING, { unit: COMMUNE })) as unknown as Row[];
    expect(after.map((w) => w.id)).not.toContain(e.id);
    // A revision replaces the plan whole: labour therapy added, one supporter, revision 2.
    const revised = await ok(h, COMMUNE_OFFICIAL, SET_PLAN, {
      id: e.id,
      v: planned.version,
      input: {
        ...PLAN,
        preparedOn: '2026-10-01',
        supporters: [PLAN.supporters[1]],
        phases: [
          ...PHASES.slice(0, 3),
          { phase: 'VOCATIONAL_LABOUR_THERAPY', startsOn: '2027-01-04', activities: 'Học nghề sửa xe máy' },
          PHASES[3],
        ],
      },
    });
    const plan = revised.communityRehabPlan as Row;
    expect(plan).toMatchObject({ revision: 2, preparedOn: '2026-10-01', supporters: [{ fullName: 'Phạm Thị Hội' }] });
    expect((plan.phases as Row[]).map((p) => p.phase)).toEqual([
      'INTAKE_CLASSIFICATION',
      'DETOX',
      'EDUCATION_BEHAVIOUR',
      'VOCATIONAL_LABOUR_THERAPY',
      'REINTEGRATION_PREPARATION',
    ]);
    const notes = await h.database.db.query<{ audience: string[]; occurred_on: string }[]>(
      `SELECT audience, occurred_on::text FROM officer_notification
        WHERE topic = 'rehab.community-plan' AND person_id = (SELECT person_id FROM rehab_episode WHERE id = $1) ORDER BY occurred_on`,
      [e.id],
    );
    expect(notes).toEqual([
      { audience: ['police_officer', 'commune_official'], occurred_on: '2026-09-02' },
      { audience: ['police_officer', 'commune_official'], occurred_on: '2026-10-01' },
    ]);
    const audits = await h.database.db.query<{ fields: string[] }[]>(
      `SELECT fields FROM audit_log WHERE action = 'CHANGE' AND entity_type = 'CommunityRehabPlan'
        AND person_id = (SELECT person_id FROM rehab_episode WHERE id = $1)`,
      [e.id],
    );
    expect(audits).toHaveLength(2);
  });

  it('refuses a plan that breaks a rule, and changes nothing', async () => {
    const e = await atHome();
    const before = await footprint(h);
    const [{ n: plansBefore }] = await h.database.db.query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM community_rehab_plan',
    );
    const swapped = [PHASES[0], PHASES[2], PHASES[1], PHASES[3]];
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['no caregiver at home', { caregiver: null }, 'BAD_USER_INPUT', 'input.caregiver'],
      ['no supporter', { supporters: [] }, 'BAD_USER_INPUT', 'input.supporters'],
      [
        'six supporters',
        { supporters: [1, 2, 3, 4, 5, 6].map((i) => ({ fullName: `Người ${i}`, role: 'OTHER' })) },
        'BAD_USER_INPUT',
        'input.supporters',
      ],
      [
        'supporter twice',
        { supporters: [PLAN.supporters[0], { ...PLAN.supporters[0], fullName: 'lê văn công an' }] },
        'BAD_USER_INPUT',
        'input.supporters.1.fullName',
      ],
      ['bad phone', { caregiver: { ...PLAN.caregiver, phone: '12345' } }, 'BAD_USER_INPUT', 'input.caregiver.phone'],
      ['detox missing', { phases: [PHASES[0], PHASES[2], PHASES[3]] }, 'BAD_USER_INPUT', 'input.phases'],
      ['out of order', { phases: swapped }, 'BAD_USER_INPUT', 'input.phases.2.phase'],
      [
        'same start',
        { phases: [PHASES[0], { ...PHASES[1], startsOn: INTAKE.startsOn }, PHASES[2], PHASES[3]] },
        'BAD_USER_INPUT',
        'input.phases.1.startsOn',
      ],
      [
        'before the rehab',
        { phases: [{ ...PHASES[0], startsOn: '2026-08-31' }, ...PHASES.slice(1)] },
        'BAD_USER_INPUT',
        'input.phases.0.startsOn',
      ],
      [
        'after the term',
        { phases: [...PHASES.slice(0, 3), { ...PHASES[3], startsOn: '2028-09-01' }] },
        'BAD_USER_INPUT',
        'input.phases.3.startsOn',
      ],
      [
        'empty activities',
        { phases: [...PHASES.slice(0, 3), { ...PHASES[3], activities: '  ' }] },
        'BAD_USER_INPUT',
        'input.phases.3.activities',
      ],
      ['prepared in the future', { preparedOn: addDays(todayInHanoi(), 1) }, 'BAD_USER_INPUT', 'input.preparedOn'],
      ['prepared before the rehab', { preparedOn: '2026-08-30' }, 'BAD_USER_INPUT', 'input.preparedOn'],
    ];
    for (const [label, change, code, field] of cases) {
      const error = await fails(h, COMMUNE_OFFICIAL, SET_PLAN, { id: e.id, v: e.version, input: { ...PLAN, ...change } });
      expect([label, error.extensions?.code, error.extensions?.field]).toEqual([label, code, field]);
    }
    const stale = await fails(h, COMMUNE_OFFICIAL, SET_PLAN, { id: e.id, v: (e.version as number) + 5, input: PLAN });
    expect(stale.extensions?.code).toBe('CONFLICT');
    expect(await footprint(h)).toEqual(before);
    const [{ n: plansAfter }] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM community_rehab_plan');
    expect(plansAfter).toBe(plansBefore);
  });

  it('needs no caregiver at a rehab house, and is for open rehabs at home/community only', async () => {
    const house = await atHome('REHAB_HOUSE');
    const planned = await ok(h, COMMUNE_OFFICIAL, SET_PLAN, {
      id: house.id,
      v: house.version,
      input: { ...PLAN, caregiver: null },
    });
    expect(planned.communityRehabPlan).toMatchObject({ caregiver: null, revision: 1 });
    const ended = await ok(h, COMMUNE_OFFICIAL, M.terminate, {
      id: house.id,
      v: planned.version,
      on: '2026-10-15',
      reason: 'Chuyển nơi ở',
    });
    const closed = await fails(h, COMMUNE_OFFICIAL, SET_PLAN, { id: house.id, v: ended.version, input: PLAN });
    expect(closed.extensions?.code).toBe('ILLEGAL_TRANSITION');
    const facility = await admitted(h, '2026-09-01');
    const atFacility = await fails(h, STAFF, SET_PLAN, { id: facility.id, v: facility.version, input: PLAN });
    expect(atFacility.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('who draws up and reads the plan', () => {
  it("the commune's committee draws it up; others may not, another commune does not find it", async () => {
    const e = await atHome();
    const other: Actor = { role: 'commune_official', unit: '00008' };
    expect((await fails(h, other, SET_PLAN, { id: e.id, v: e.version, input: PLAN })).extensions?.code).toBe('NOT_FOUND');
    for (const actor of [
      POLICE,
      LABOUR,
      STAFF,
      { role: 'volunteer', unit: COMMUNE } as Actor,
      { role: 'front_officer', unit: COMMUNE } as Actor,
    ]) {
      const error = await fails(h, actor, SET_PLAN, { id: e.id, v: e.version, input: PLAN });
      expect([actor.role, error.extensions?.code]).toEqual([actor.role, 'FORBIDDEN']);
    }
    await ok(h, COMMUNE_OFFICIAL, SET_PLAN, { id: e.id, v: e.version, input: PLAN });
    const read = `query($id: ID!) { rehabEpisode(id: $id) { communityRehabPlan { caregiver { fullName } supporters { fullName } } } }`;
    const police = await ok(h, POLICE, read, { id: e.id });
    expect(police).toMatchObject({ communityRehabPlan: { caregiver: { fullName: 'Trần Thị Mẹ' } } });
    for (const role of ['health_worker', 'volunteer', 'front_officer', 'analyst'] as const) {
      const result = await h.run(read, { id: e.id }, role, COMMUNE);
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
    for (const role of ['health_worker', 'volunteer', 'front_officer', 'analyst'] as const) {
      const result = await h.run(AWAITING, { unit: COMMUNE }, role, COMMUNE);
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
  });
});
