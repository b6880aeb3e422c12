import { openTestDatabase, undoMigrationsAfter, type TestDatabase } from '@rehab/server-kit';
import { generateDemoPopulation } from '@rehab/shared-schema';
import { hanoiDefinitionId } from '../plans/definition';
import { yearPlanId } from '../plans/ids';
import { hanoi2022PlanId } from '../plans/seed-plans';
import { seedLaborWelfare } from '../seed';
import { createLaborWelfareDataSource } from '../server';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase('labor-welfare', createLaborWelfareDataSource);
  await seedLaborWelfare(database.db, generateDemoPopulation({ persons: 5 }));
});
afterAll(async () => {
  await database.close();
});

async function sums(): Promise<Record<string, number>> {
  const rows = await database.db.query<
    { code: string; total: number }[]
  >(`SELECT indicator_code AS code, sum(target_value)::int AS total FROM plan_target
    WHERE plan_year = 2022 GROUP BY indicator_code`);
  return Object.fromEntries(rows.map((r) => [r.code, r.total]));
}

describe('CreatePlans migration', () => {
  it('moves year-only targets into a plan of their year, and back', async () => {
    const owner = await database.owner();
    // Every later migration (AdoptRealUnits: back to the generated units), then CreatePlans.
    await undoMigrationsAfter(owner, 'CreatePlans1763800002200');
    await owner.undoLastMigration({ transaction: 'each' });
    // Before plans: targets by year, with the old indicator codes.
    expect(await sums()).toMatchObject({
      COMPULSORY_REHAB_DOSSIERS: 950,
      COMPULSORY_ADMISSIONS: 950,
      VOLUNTARY_MOBILISATION: 2100,
      VOCATIONAL_TRAINING: 500,
    });
    const [{ exists }] = await owner.query<[{ exists: boolean }]>("SELECT to_regclass('plan') IS NOT NULL AS exists");
    expect(exists).toBe(false);
    await owner.runMigrations({ transaction: 'each' });
    const plans = await owner.query<{ id: string; year: number; title: string }[]>(
      'SELECT id, plan_year AS year, title FROM plan ORDER BY plan_year',
    );
    expect(plans).toEqual([
      { id: hanoi2022PlanId(), year: 2022, title: 'Kế hoạch năm 2022 (Thành phố Hà Nội)' },
      { id: yearPlanId('01', 2026), year: 2026, title: 'Kế hoạch năm 2026 (Thành phố Hà Nội)' },
    ]);
    expect(await sums()).toEqual({
      COMPULSORY_DOSSIERS: 950,
      POST_REHAB_MANAGEMENT: 900,
      REINTEGRATION_SUPPORT: 300,
      POST_REHAB_MODELS_MAINTAINED: 87,
      POST_REHAB_MODELS_NEW: 172,
      POST_REHAB_MODELS_TOTAL: 259,
      FACILITY_ADMISSIONS: 950,
      VOLUNTARY_MOBILISED: 2100,
      FACILITY_VOCATIONAL_TRAINING: 500,
    });
  });
});

describe('PlanUnitsAndTableDefinitions migration', () => {
  it("sets every existing plan's unit to its province, loads Hà Nội's two tables, and goes back", async () => {
    const owner = await database.owner();
    await undoMigrationsAfter(owner, 'PlanUnitsAndTableDefinitions1764900006000');
    await owner.undoLastMigration({ transaction: 'each' });
    const columns = await owner.query<{ column_name: string }[]>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'plan' AND column_name = 'unit_code'",
    );
    expect(columns).toEqual([]);
    const [{ exists }] = await owner.query<[{ exists: boolean }]>(
      "SELECT to_regclass('plan_table_definition') IS NOT NULL AS exists",
    );
    expect(exists).toBe(false);
    await owner.runMigrations({ transaction: 'each' });
    const plans = await owner.query<{ province: string; unit: string }[]>(
      'SELECT province_code AS province, unit_code AS unit FROM plan',
    );
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans) expect(p.unit).toBe(p.province);
    const tables = await owner.query<{ id: string; version: number; rows: string; headers: string[] }[]>(
      `SELECT d.id, v.version, v.row_kind AS rows, (SELECT array_agg(c->>'header') FROM jsonb_array_elements(v.columns) c) AS headers
      FROM plan_table_definition d JOIN plan_table_version v ON v.definition_id = d.id ORDER BY v.row_kind DESC`,
    );
    expect(tables).toEqual([
      {
        id: hanoiDefinitionId('DISTRICT'),
        version: 1,
        rows: 'UNITS',
        headers: [
          'compulsory_rehab_dossiers',
          'post_rehab_management',
          'reintegration_support',
          'models_maintained_from_2021',
          'models_new_2022',
          'models_total_2022',
        ],
      },
      {
        id: hanoiDefinitionId('FACILITY'),
        version: 1,
        rows: 'FACILITIES',
        headers: ['compulsory_admissions', 'voluntary_mobilisation', 'vocational_training'],
      },
    ]);
    expect(await sums()).toMatchObject({ COMPULSORY_DOSSIERS: 950, VOLUNTARY_MOBILISED: 2100 });
  });
});
