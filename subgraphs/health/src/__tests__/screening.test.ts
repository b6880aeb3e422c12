import { randomUUID } from 'node:crypto';
import { announceTestPersons, demoUnits } from '@rehab/server-kit';
import { addDays, todayInHanoi } from '@rehab/shared-schema';
import { openHealthHarness, type HealthHarness } from './harness';

/** Sàng lọc, đánh giá mức độ sử dụng ma túy: the rules of a screening and who records and reads it. */
const { COMMUNE, OTHER_PROVINCE_COMMUNE } = demoUnits;
let h: HealthHarness;

beforeAll(async () => {
  h = await openHealthHarness({ persons: 20 });
});
afterAll(async () => {
  await h.close();
});

const run: HealthHarness['run'] = (...args) => h.run(...args);

const SCREEN = `mutation($p: ID!, $input: DrugUseScreeningInput!) { recordDrugUseScreening(personId: $p, input: $input) {
  id screenedOn instrument riskLevel substanceClasses referral note } }`;
const READ = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { drugUseScreenings { screenedOn riskLevel referral } } } }`;

const TODAY = todayInHanoi();
const input = (over: Record<string, unknown> = {}) => ({
  screenedOn: addDays(TODAY, -2),
  instrument: 'ASSIST',
  riskLevel: 'MODERATE',
  substanceClasses: ['STIMULANTS'],
  referral: 'COUNSELLING',
  ...over,
});

async function resident(commune = COMMUNE): Promise<string> {
  const id = randomUUID();
  await announceTestPersons(h.database.db, commune, id);
  return id;
}

const count = async (): Promise<number> => {
  const [{ n }] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM drug_use_screening');
  return n;
};

describe('recordDrugUseScreening', () => {
  it('records a screening of a person living in the unit, with the residence the indicator counts by', async () => {
    const p = await resident();
    const result = await run(SCREEN, { p, input: input({ note: 'Sử dụng ma túy tổng hợp cuối tuần' }) }, 'health_worker');
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordDrugUseScreening).toMatchObject({
      screenedOn: addDays(TODAY, -2),
      instrument: 'ASSIST',
      riskLevel: 'MODERATE',
      substanceClasses: ['STIMULANTS'],
      referral: 'COUNSELLING',
      note: 'Sử dụng ma túy tổng hợp cuối tuần',
    });
    const [row] = await h.database.db.query<[{ residence_unit_path: string; owner_unit_path: string }]>(
      'SELECT residence_unit_path, owner_unit_path FROM drug_use_screening WHERE person_id = $1',
      [p],
    );
    expect(row.residence_unit_path.endsWith(COMMUNE)).toBe(true);
    expect(row.owner_unit_path).toBe('01');
    const read = await run(READ, { r: [{ __typename: 'Person', id: p }] }, 'health_worker');
    expect(read.data?._entities).toEqual([
      { drugUseScreenings: [{ screenedOn: addDays(TODAY, -2), riskLevel: 'MODERATE', referral: 'COUNSELLING' }] },
    ]);
    const [audit] = await h.database.db.query<[{ fields: string[] }]>(
      `SELECT fields FROM audit_log WHERE action = 'CHANGE' AND entity_type = 'DrugUseScreening' AND person_id = $1`,
      [p],
    );
    expect(audit.fields).toContain('riskLevel');
  });

  it('refuses a future day, no or repeated substance classes, a high risk not referred on and a second screening that day', async () => {
    const p = await resident();
    expect((await run(SCREEN, { p, input: input() }, 'health_worker')).errors).toBeUndefined();
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ screenedOn: addDays(TODAY, 1) }, 'input.screenedOn'],
      [{ substanceClasses: [] }, 'input.substanceClasses'],
      [{ substanceClasses: ['OPIOIDS', 'OPIOIDS'] }, 'input.substanceClasses'],
      [{ riskLevel: 'HIGH', referral: 'COUNSELLING', screenedOn: addDays(TODAY, -1) }, 'input.referral'],
      [{ riskLevel: 'HIGH', referral: 'NONE', screenedOn: addDays(TODAY, -1) }, 'input.referral'],
      [{}, 'input.screenedOn'],
      [{ note: 'x'.repeat(2001), screenedOn: addDays(TODAY, -1) }, 'input.note'],
    ];
    for (const [over, field] of cases) {
      const ext = (await run(SCREEN, { p, input: input(over) }, 'health_worker')).errors?.[0]?.extensions;
      expect([over, ext?.code, ext?.field]).toEqual([over, 'BAD_USER_INPUT', field]);
    }
    expect(await count()).toBe(before);
    const high = await run(
      SCREEN,
      { p, input: input({ riskLevel: 'HIGH', referral: 'TREATMENT', screenedOn: TODAY }) },
      'health_worker',
    );
    expect(high.errors).toBeUndefined();
  });

  it('reaches people living in the unit only; other roles neither record nor read a screening', async () => {
    const elsewhere = await resident(OTHER_PROVINCE_COMMUNE);
    const out = await run(SCREEN, { p: elsewhere, input: input() }, 'health_worker');
    expect(out.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknown = await run(SCREEN, { p: randomUUID(), input: input() }, 'health_worker');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const p = await resident();
    for (const role of [
      'police_officer',
      'commune_official',
      'labour_officer',
      'volunteer',
      'front_officer',
      'analyst',
    ] as const) {
      const result = await run(SCREEN, { p, input: input() }, role, role === 'analyst' ? '01' : COMMUNE);
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
    await run(SCREEN, { p, input: input() }, 'health_worker');
    for (const role of ['police_officer', 'commune_official', 'volunteer', 'analyst'] as const) {
      const result = await run(READ, { r: [{ __typename: 'Person', id: p }] }, role, role === 'analyst' ? '01' : COMMUNE);
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
  });
});
