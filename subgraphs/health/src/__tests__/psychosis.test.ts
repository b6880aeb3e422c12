import { randomUUID } from 'node:crypto';
import { announceTestPersons, demoUnits } from '@rehab/server-kit';
import { addDays, todayInHanoi } from '@rehab/shared-schema';
import { openHealthHarness, type HealthHarness } from './harness';

/** Loạn thần do sử dụng ma túy tổng hợp (ngáo đá): its classification, its management and who records and reads it. */
const { COMMUNE, OTHER_PROVINCE_COMMUNE } = demoUnits;
let h: HealthHarness;

beforeAll(async () => {
  h = await openHealthHarness({ persons: 20 });
});
afterAll(async () => {
  await h.close();
});

const run: HealthHarness['run'] = (...args) => h.run(...args);

const FIELDS = `id diagnosedOn substanceClasses severity riskToOthers care careFacility note status endedOn endReason endNote version`;
const RECORD = `mutation($p: ID!, $input: DrugInducedPsychosisInput!) { recordDrugInducedPsychosis(personId: $p, input: $input) { ${FIELDS} } }`;
const END = `mutation($id: ID!, $v: Int!, $on: Date!, $reason: PsychosisEndReason!, $note: String) {
  endDrugInducedPsychosisCare(id: $id, expectedVersion: $v, endedOn: $on, reason: $reason, note: $note) { ${FIELDS} } }`;
const READ = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { drugInducedPsychoses { diagnosedOn status severity } } } }`;

const TODAY = todayInHanoi();
const input = (over: Record<string, unknown> = {}) => ({
  diagnosedOn: addDays(TODAY, -10),
  substanceClasses: ['STIMULANTS'],
  severity: 'SEVERE',
  riskToOthers: true,
  care: 'INPATIENT_PSYCHIATRIC',
  careFacility: 'Bệnh viện Tâm thần Hà Nội',
  ...over,
});

async function resident(commune = COMMUNE): Promise<string> {
  const id = randomUUID();
  await announceTestPersons(h.database.db, commune, id);
  return id;
}

async function notices(
  personId: string,
): Promise<{ topic: string; audience: string[]; occurred_on: string; unit_path: string }[]> {
  return h.database.db.query(
    `SELECT topic, audience, occurred_on::text, unit_path FROM officer_notification WHERE person_id = $1 ORDER BY occurred_on, topic`,
    [personId],
  );
}

const count = async (): Promise<number> => {
  const [{ n }] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM drug_induced_psychosis');
  return n;
};

describe('a user of synthetic drugs with psychosis, classified and managed', () => {
  it('classifies and manages the person; the commune is told of a risk to others, without the clinical details, and of the end', async () => {
    const p = await resident();
    const recorded = await run(RECORD, { p, input: input({ note: 'Hoang tưởng bị truy hại' }) }, 'health_worker');
    expect(recorded.errors).toBeUndefined();
    const record = recorded.data?.recordDrugInducedPsychosis as Record<string, unknown>;
    expect(record).toMatchObject({
      diagnosedOn: addDays(TODAY, -10),
      substanceClasses: ['STIMULANTS'],
      severity: 'SEVERE',
      riskToOthers: true,
      care: 'INPATIENT_PSYCHIATRIC',
      careFacility: 'Bệnh viện Tâm thần Hà Nội',
      status: 'UNDER_CARE',
      endedOn: null,
      version: 1,
    });
    const told = await notices(p);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      topic: 'health.psychosis-risk',
      audience: ['police_officer', 'commune_official'],
      occurred_on: addDays(TODAY, -10),
    });
    expect(told[0]?.unit_path.endsWith(COMMUNE)).toBe(true);
    // A second open record of the same person is refused while the first is open.
    const twice = await run(RECORD, { p, input: input({ diagnosedOn: addDays(TODAY, -2) }) }, 'health_worker');
    expect(twice.errors?.[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');

    const ended = await run(
      END,
      { id: record.id, v: 1, on: addDays(TODAY, -1), reason: 'RECOVERED', note: 'Hết hoang tưởng' },
      'health_worker',
    );
    expect(ended.data?.endDrugInducedPsychosisCare).toMatchObject({
      status: 'ENDED',
      endedOn: addDays(TODAY, -1),
      endReason: 'RECOVERED',
      endNote: 'Hết hoang tưởng',
      version: 2,
    });
    expect((await notices(p)).map((n) => n.topic)).toEqual(['health.psychosis-risk', 'health.psychosis-ended']);
    const again = await run(END, { id: record.id, v: 2, on: TODAY, reason: 'OTHER' }, 'health_worker');
    expect(again.errors?.[0]?.extensions?.code).toBe('ILLEGAL_TRANSITION');
    // Ended, a new episode may be recorded.
    const relapse = await run(
      RECORD,
      { p, input: input({ diagnosedOn: TODAY, riskToOthers: false, care: 'FAMILY_CARE', careFacility: null }) },
      'health_worker',
    );
    expect(relapse.errors).toBeUndefined();
    expect((await notices(p)).map((n) => n.topic)).toEqual(['health.psychosis-risk', 'health.psychosis-ended']);
    const read = await run(READ, { r: [{ __typename: 'Person', id: p }] }, 'health_worker');
    expect(read.data?._entities).toEqual([
      {
        drugInducedPsychoses: [
          { diagnosedOn: TODAY, status: 'UNDER_CARE', severity: 'SEVERE' },
          { diagnosedOn: addDays(TODAY, -10), status: 'ENDED', severity: 'SEVERE' },
        ],
      },
    ]);
    const audits = await h.database.db.query<{ fields: string[] }[]>(
      `SELECT fields FROM audit_log WHERE action = 'CHANGE' AND entity_type = 'DrugInducedPsychosis' AND person_id = $1`,
      [p],
    );
    expect(audits).toHaveLength(3);
  });

  it('refuses what breaks a rule and changes nothing', async () => {
    const p = await resident();
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ diagnosedOn: addDays(TODAY, 1) }, 'input.diagnosedOn'],
      [{ substanceClasses: ['OPIOIDS'] }, 'input.substanceClasses'],
      [{ substanceClasses: ['STIMULANTS', 'STIMULANTS'] }, 'input.substanceClasses'],
      [{ careFacility: null }, 'input.careFacility'],
      [{ careFacility: '   ' }, 'input.careFacility'],
      [{ note: 'x'.repeat(2001) }, 'input.note'],
    ];
    for (const [over, field] of cases) {
      const ext = (await run(RECORD, { p, input: input(over) }, 'health_worker')).errors?.[0]?.extensions;
      expect([over, ext?.code, ext?.field]).toEqual([over, 'BAD_USER_INPUT', field]);
    }
    expect(await count()).toBe(before);
    expect(await notices(p)).toEqual([]);
    const made = await run(RECORD, { p, input: input() }, 'health_worker');
    const id = (made.data?.recordDrugInducedPsychosis as { id: string }).id;
    const early = await run(END, { id, v: 1, on: addDays(TODAY, -11), reason: 'RECOVERED' }, 'health_worker');
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endedOn' });
    const stale = await run(END, { id, v: 5, on: TODAY, reason: 'RECOVERED' }, 'health_worker');
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const [row] = await h.database.db.query<[{ status: string; version: number }]>(
      'SELECT status, version FROM drug_induced_psychosis WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'UNDER_CARE', version: 1 });
  });

  it('is recorded and read by health workers only, for people of their unit', async () => {
    const elsewhere = await resident(OTHER_PROVINCE_COMMUNE);
    expect((await run(RECORD, { p: elsewhere, input: input() }, 'health_worker')).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    const p = await resident();
    for (const role of [
      'police_officer',
      'commune_official',
      'labour_officer',
      'facility_staff',
      'volunteer',
      'front_officer',
      'analyst',
    ] as const) {
      const result = await run(RECORD, { p, input: input() }, role, role === 'analyst' ? '01' : COMMUNE);
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
    const made = await run(RECORD, { p, input: input() }, 'health_worker');
    const id = (made.data?.recordDrugInducedPsychosis as { id: string }).id;
    for (const role of ['police_officer', 'commune_official', 'volunteer', 'analyst'] as const) {
      const read = await run(READ, { r: [{ __typename: 'Person', id: p }] }, role, role === 'analyst' ? '01' : COMMUNE);
      expect([role, read.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
      const end = await run(END, { id, v: 1, on: TODAY, reason: 'RECOVERED' }, role, role === 'analyst' ? '01' : COMMUNE);
      expect([role, end.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
    // Another province's health worker does not find the record.
    const far = await run(END, { id, v: 1, on: TODAY, reason: 'RECOVERED' }, 'health_worker', '15');
    expect(far.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
