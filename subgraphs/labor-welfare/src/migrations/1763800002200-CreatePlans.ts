import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Indicator codes renamed to the indicator catalogue's (shared-schema/src/indicators). */
const RENAMED: readonly (readonly [string, string])[] = [
  ['VOCATIONAL_TRAINING', 'FACILITY_VOCATIONAL_TRAINING'],
  ['COMPULSORY_REHAB_DOSSIERS', 'COMPULSORY_DOSSIERS'],
  ['COMPULSORY_ADMISSIONS', 'FACILITY_ADMISSIONS'],
  ['VOLUNTARY_MOBILISATION', 'VOLUNTARY_MOBILISED'],
];

/**
 * Plans (kế hoạch): one per province, year and title, with targets per unit and indicator.
 * The year-only targets seeded before (Hà Nội 2022) move into a plan of their year:
 * its id is md5('plan:<province>:<year>') as a UUID, the same the seeder uses.
 */
export class CreatePlans1763800002200 implements MigrationInterface {
  name = 'CreatePlans1763800002200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE plan (
      id uuid PRIMARY KEY,
      province_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      plan_year integer NOT NULL CHECK (plan_year BETWEEN 2000 AND 2100),
      title varchar(300) NOT NULL CHECK (length(trim(title)) > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT plan_unique_title UNIQUE (province_code, plan_year, title))`);
    await runner.query(`INSERT INTO plan (id, province_code, plan_year, title)
      SELECT md5('plan:01:' || plan_year)::uuid, '01', plan_year, 'Kế hoạch năm ' || plan_year || ' (Thành phố Hà Nội)'
      FROM (SELECT DISTINCT plan_year FROM plan_target) years`);
    await runner.query('ALTER TABLE plan_target ADD COLUMN plan_id uuid REFERENCES plan(id) ON DELETE CASCADE');
    await runner.query(`UPDATE plan_target SET plan_id = md5('plan:01:' || plan_year)::uuid`);
    await runner.query('ALTER TABLE plan_target ALTER COLUMN plan_id SET NOT NULL');
    await runner.query('ALTER TABLE plan_target DROP CONSTRAINT plan_target_unique');
    await runner.query('ALTER TABLE plan_target ADD CONSTRAINT plan_target_unique UNIQUE (plan_id, unit_code, indicator_code)');
    await runner.query('CREATE INDEX plan_target_plan_unit_path ON plan_target (plan_id, unit_path text_pattern_ops)');
    for (const [from, to] of RENAMED) {
      await runner.query('UPDATE plan_target SET indicator_code = $2 WHERE indicator_code = $1', [from, to]);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [from, to] of [...RENAMED].reverse()) {
      await runner.query('UPDATE plan_target SET indicator_code = $1 WHERE indicator_code = $2', [from, to]);
    }
    // Year-only targets cannot hold two plans of one year: keep each year's first plan.
    await runner.query(`DELETE FROM plan_target t USING plan p WHERE p.id = t.plan_id AND p.id <> (
      SELECT id FROM plan q WHERE q.plan_year = p.plan_year ORDER BY created_at, id LIMIT 1)`);
    await runner.query('DROP INDEX plan_target_plan_unit_path');
    await runner.query('ALTER TABLE plan_target DROP CONSTRAINT plan_target_unique');
    await runner.query('ALTER TABLE plan_target ADD CONSTRAINT plan_target_unique UNIQUE (plan_year, unit_code, indicator_code)');
    await runner.query('ALTER TABLE plan_target DROP COLUMN plan_id');
    await runner.query('DROP TABLE plan');
  }
}
