import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans of any unit, and plan tables described as data.
 *
 * Unit codes are versioned (a code names other territory on other dates), so they carry no
 * foreign key; the resolvers check them against the unit tree on the plan's date.
 * - `plan.unit_code`: the unit the plan is set for (a province, a district before 1 July
 *   2025, a commune); existing plans are their province's. The title is unique per unit and year.
 * - `plan_target.target_value` becomes numeric: a share is stated as a percentage with
 *   decimals ("45,5").
 * - `plan_measure`: target-only measures a province names and defines (targets, no actual).
 * - `plan_table_definition` / `plan_table_version`: a published table (its unit, its rows'
 *   kind, its columns with headers, labels and measures, the relations among columns and
 *   rows), versioned: an edit adds a version, imports record the version they used
 *   (`plan_import`).
 * - Hà Nội's two 2022 tables (appendices I and II) become the first two definitions; their
 *   ids are md5('plan-table:01:DISTRICT' | 'plan-table:01:FACILITY') as UUIDs.
 */
const TOTAL_ROW_NAMES = ['tổng', 'tổng cộng', 'cộng', 'toàn thành phố', 'toàn tỉnh', 'total'];

const col = (header: string, variants: string[], vi: string, en: string, measure: string) => ({
  header,
  variants,
  label: { vi, en },
  measure,
});

const HANOI_DISTRICT = {
  name: 'Phụ lục I: chỉ tiêu các quận, huyện, thị xã (Kế hoạch năm 2022 của Thành phố Hà Nội)',
  rows: 'UNITS',
  columns: [
    col(
      'compulsory_rehab_dossiers',
      [],
      'Lập hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc',
      'Compulsory rehab dossiers',
      'COMPULSORY_DOSSIERS',
    ),
    col('post_rehab_management', [], 'Quản lý sau cai nghiện', 'Post-rehab management', 'POST_REHAB_MANAGEMENT'),
    col('reintegration_support', [], 'Hỗ trợ tái hòa nhập cộng đồng', 'Reintegration support', 'REINTEGRATION_SUPPORT'),
    col(
      'models_maintained_from_2021',
      ['models_maintained', 'models_maintained_from_{year}'],
      'Mô hình sau cai nghiện duy trì từ năm trước',
      'Post-rehab models maintained from the year before',
      'POST_REHAB_MODELS_MAINTAINED',
    ),
    col(
      'models_new_2022',
      ['models_new', 'models_new_{year}'],
      'Mô hình sau cai nghiện xây dựng mới',
      'New post-rehab models',
      'POST_REHAB_MODELS_NEW',
    ),
    col(
      'models_total_2022',
      ['models_total', 'models_total_{year}'],
      'Tổng số mô hình sau cai nghiện',
      'Post-rehab models in total',
      'POST_REHAB_MODELS_TOTAL',
    ),
  ],
  relations: [{ kind: 'SUM', column: 'models_total_2022', parts: ['models_maintained_from_2021', 'models_new_2022'] }],
};

const HANOI_FACILITY = {
  name: 'Phụ lục II: chỉ tiêu các cơ sở cai nghiện ma túy (Kế hoạch năm 2022 của Thành phố Hà Nội)',
  rows: 'FACILITIES',
  columns: [
    col('compulsory_admissions', [], 'Tiếp nhận cai nghiện bắt buộc', 'Compulsory admissions', 'FACILITY_ADMISSIONS'),
    col(
      'voluntary_mobilisation',
      ['voluntary_mobilization'],
      'Vận động cai nghiện tự nguyện',
      'Voluntary rehab mobilised',
      'VOLUNTARY_MOBILISED',
    ),
    col('vocational_training', [], 'Dạy nghề cho học viên', 'Vocational training of residents', 'FACILITY_VOCATIONAL_TRAINING'),
  ],
  relations: [],
};

export class PlanUnitsAndTableDefinitions1764900006000 implements MigrationInterface {
  name = 'PlanUnitsAndTableDefinitions1764900006000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE plan ADD COLUMN unit_code varchar(16)');
    await runner.query('UPDATE plan SET unit_code = province_code');
    await runner.query('ALTER TABLE plan ALTER COLUMN unit_code SET NOT NULL');
    await runner.query('ALTER TABLE plan DROP CONSTRAINT plan_unique_title');
    await runner.query('ALTER TABLE plan ADD CONSTRAINT plan_unique_title UNIQUE (unit_code, plan_year, title)');
    await runner.query('ALTER TABLE plan_target ALTER COLUMN target_value TYPE numeric(14, 3)');

    await runner.query(`CREATE TABLE plan_measure (
      code varchar(64) PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{2,63}$'),
      unit_code varchar(16) NOT NULL,
      measure varchar(8) NOT NULL CHECK (measure IN ('COUNT', 'SHARE')),
      name_vi varchar(300) NOT NULL, name_en varchar(300) NOT NULL,
      definition_vi text NOT NULL, definition_en text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1)`);
    await runner.query(`CREATE TABLE plan_table_definition (
      id uuid PRIMARY KEY,
      unit_code varchar(16) NOT NULL,
      latest_version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query(`CREATE TABLE plan_table_version (
      definition_id uuid NOT NULL REFERENCES plan_table_definition(id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version > 0),
      name varchar(300) NOT NULL CHECK (length(trim(name)) > 0),
      row_kind varchar(16) NOT NULL CHECK (row_kind IN ('UNITS', 'FACILITIES')),
      columns jsonb NOT NULL,
      relations jsonb NOT NULL DEFAULT '[]',
      total_row_names jsonb NOT NULL,
      units_add_up boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by varchar(100),
      PRIMARY KEY (definition_id, version))`);
    await runner.query(`CREATE TABLE plan_import (
      id serial PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
      definition_id uuid NOT NULL,
      definition_version integer NOT NULL,
      file_format varchar(8) NOT NULL,
      rows_read integer NOT NULL, rows_imported integer NOT NULL,
      targets_created integer NOT NULL, targets_updated integer NOT NULL,
      targets_removed integer NOT NULL, targets_unchanged integer NOT NULL,
      problems integer NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now(),
      imported_by varchar(100),
      FOREIGN KEY (definition_id, definition_version) REFERENCES plan_table_version(definition_id, version))`);
    await runner.query('CREATE INDEX plan_import_plan ON plan_import (plan_id, imported_at)');

    for (const [kind, table] of [
      ['DISTRICT', HANOI_DISTRICT],
      ['FACILITY', HANOI_FACILITY],
    ] as const) {
      await runner.query(
        `INSERT INTO plan_table_definition (id, unit_code) VALUES (md5('plan-table:01:' || $1::text)::uuid, '01')`,
        [kind],
      );
      await runner.query(
        `INSERT INTO plan_table_version (definition_id, version, name, row_kind, columns, relations, total_row_names, created_by)
        VALUES (md5('plan-table:01:' || $1::text)::uuid, 1, $2, $3, $4, $5, $6, 'migration')`,
        [
          kind,
          table.name,
          table.rows,
          JSON.stringify(table.columns),
          JSON.stringify(table.relations),
          JSON.stringify(TOTAL_ROW_NAMES),
        ],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE plan_import');
    await runner.query('DROP TABLE plan_table_version');
    await runner.query('DROP TABLE plan_table_definition');
    // Targets of target-only measures have no indicator to fall back to.
    await runner.query('DELETE FROM plan_target t USING plan_measure m WHERE t.indicator_code = m.code');
    await runner.query('DROP TABLE plan_measure');
    await runner.query('ALTER TABLE plan_target ALTER COLUMN target_value TYPE integer USING round(target_value)');
    // Plans of a unit below the province cannot be told from the province's: they go.
    await runner.query('DELETE FROM plan WHERE unit_code <> province_code');
    await runner.query('ALTER TABLE plan DROP CONSTRAINT plan_unique_title');
    await runner.query('ALTER TABLE plan ADD CONSTRAINT plan_unique_title UNIQUE (province_code, plan_year, title)');
    await runner.query('ALTER TABLE plan DROP COLUMN unit_code');
  }
}
