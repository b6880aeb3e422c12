import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  LEGACY_GENERATED_UNITS,
  LEGAL_RULES,
  loadBaseUnitTree,
  type AdministrativeUnitRecord,
  type LegacyUnitRecord,
} from '@rehab/shared-schema';
import { insertJsonRows, type SqlRunner } from './bulk';

/**
 * Replaces the generated Hà Nội tree of the first release with Vietnam's real units before
 * and after the 1 July 2025 reform (data/units, without later patches: each patch has its
 * own migration), their lineage, and the person-by-person assignments of split communes.
 *
 * A unit is now a version (code, valid_from): the same code names other territory on other
 * dates, so the primary key changes and foreign keys on the code alone are dropped (`down`
 * does not restore them: records made on real units since have no generated unit). Records made on
 * generated units are moved to real ones: the n-th generated commune of a district becomes
 * the n-th real commune of that district (by code), clinics move under the province.
 */
export class AdoptRealUnits1764700000000 implements MigrationInterface {
  name = 'AdoptRealUnits1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    // Deferred checks fired by the path updates would block the ALTER TABLEs of the same transaction.
    await runner.query('SET CONSTRAINTS ALL IMMEDIATE');
    await dropUnitForeignKeys(runner);
    await runner.query('ALTER TABLE administrative_unit DROP CONSTRAINT administrative_unit_pkey');
    await runner.query('ALTER TABLE administrative_unit ADD COLUMN name_en varchar(200), ADD COLUMN kind varchar(24)');
    await remapRecords(runner, legacyRemap(), 'forward');
    const tree = loadBaseUnitTree();
    await runner.query('DELETE FROM administrative_unit');
    await insertUnits(runner, tree.units);
    await runner.query('ALTER TABLE administrative_unit ALTER COLUMN kind SET NOT NULL, ADD PRIMARY KEY (code, valid_from)');
    await runner.query(`CREATE TABLE unit_lineage (
      successor_code varchar(16) NOT NULL, successor_valid_from date NOT NULL, successor_path varchar(200) NOT NULL,
      predecessor_code varchar(16) NOT NULL, predecessor_valid_from date NOT NULL, predecessor_path varchar(200) NOT NULL,
      whole boolean NOT NULL, method varchar(24) NOT NULL,
      PRIMARY KEY (successor_code, successor_valid_from, predecessor_code, predecessor_valid_from))`);
    await runner.query('CREATE INDEX unit_lineage_predecessor ON unit_lineage (predecessor_code, predecessor_valid_from)');
    await insertJsonRows(
      runner,
      'unit_lineage',
      tree.lineage.map((l) => ({
        successor_code: l.successor.code,
        successor_valid_from: l.successor.validFrom,
        successor_path: l.successor.path,
        predecessor_code: l.predecessor.code,
        predecessor_valid_from: l.predecessor.validFrom,
        predecessor_path: l.predecessor.path,
        whole: l.whole,
        method: l.method,
      })),
      LINEAGE_COLUMNS,
    );
    await runner.query(`CREATE TABLE unit_lineage_unresolved (id serial PRIMARY KEY, successor_code varchar(16) NOT NULL,
      text text NOT NULL, reason varchar(16) NOT NULL)`);
    await insertJsonRows(
      runner,
      'unit_lineage_unresolved',
      tree.unresolved.map((u) => ({ successor_code: u.successorCode, text: u.text, reason: u.reason })),
      { successor_code: 'varchar', text: 'text', reason: 'varchar' },
    );
    await runner.query(`CREATE TABLE person_unit_assignment (
      person_id uuid NOT NULL, from_unit_path varchar(200) NOT NULL, to_unit_code varchar(16) NOT NULL,
      to_unit_path varchar(200) NOT NULL, assigned_on date NOT NULL, PRIMARY KEY (person_id, from_unit_path))`);
    await runner.query('CREATE INDEX person_unit_assignment_to ON person_unit_assignment (to_unit_path text_pattern_ops)');
    await adoptSecondRules(runner);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('SET CONSTRAINTS ALL IMMEDIATE');
    await runner.query("DELETE FROM legal_rule WHERE kind = 'OBLIGATION' OR effective_to = '2021-12-31'");
    await runner.query(`DELETE FROM legal_rule WHERE effective_from = '2026-07-01'
      AND code IN ('VOLUNTARY_REHAB_MIN', 'VOLUNTARY_REHAB_MAX', 'VOLUNTARY_REHAB_REPEAT', 'MOVE_PRESENTATION_DEADLINE')`);
    await runner.query(`UPDATE legal_rule SET effective_to = NULL WHERE code IN ('VOLUNTARY_REHAB_MIN', 'VOLUNTARY_REHAB_MAX')
      AND effective_from = '2022-01-01'`);
    await runner.query(
      'ALTER TABLE legal_rule DROP COLUMN kind, ALTER COLUMN value SET NOT NULL, ALTER COLUMN unit SET NOT NULL',
    );
    await runner.query('DROP TABLE person_unit_assignment');
    await runner.query('DROP TABLE unit_lineage_unresolved');
    await runner.query('DROP TABLE unit_lineage');
    await runner.query('ALTER TABLE administrative_unit DROP CONSTRAINT administrative_unit_pkey');
    await runner.query('DELETE FROM administrative_unit');
    await remapRecords(runner, legacyRemap(), 'back');
    await runner.query('ALTER TABLE administrative_unit DROP COLUMN name_en, DROP COLUMN kind');
    await insertJsonRows(runner, 'administrative_unit', LEGACY_GENERATED_UNITS.map(legacyRow), LEGACY_COLUMNS);
    await runner.query('ALTER TABLE administrative_unit ADD PRIMARY KEY (code)');
  }
}

const UNIT_COLUMNS = {
  code: 'varchar',
  valid_from: 'date',
  name: 'varchar',
  name_en: 'varchar',
  level: 'varchar',
  kind: 'varchar',
  parent_code: 'varchar',
  path: 'varchar',
  valid_to: 'date',
} as const;
const LEGACY_COLUMNS = {
  code: 'varchar',
  valid_from: 'date',
  name: 'varchar',
  level: 'varchar',
  parent_code: 'varchar',
  path: 'varchar',
  valid_to: 'date',
} as const;
export const LINEAGE_COLUMNS = {
  successor_code: 'varchar',
  successor_valid_from: 'date',
  successor_path: 'varchar',
  predecessor_code: 'varchar',
  predecessor_valid_from: 'date',
  predecessor_path: 'varchar',
  whole: 'boolean',
  method: 'varchar',
} as const;

function legacyRow(u: LegacyUnitRecord) {
  return {
    code: u.code,
    valid_from: u.validFrom,
    name: u.name,
    level: u.level,
    parent_code: u.parentCode,
    path: u.path,
    valid_to: u.validTo,
  };
}

/** Inserts unit versions (also used by the patch migrations). */
export async function insertUnits(runner: SqlRunner, units: readonly AdministrativeUnitRecord[]): Promise<void> {
  await insertJsonRows(
    runner,
    'administrative_unit',
    units.map((u) => ({
      code: u.code,
      valid_from: u.validFrom,
      name: u.name,
      name_en: u.nameEn,
      level: u.level,
      kind: u.kind,
      parent_code: u.parentCode,
      path: u.path,
      valid_to: u.validTo,
    })),
    UNIT_COLUMNS,
  );
}

async function dropUnitForeignKeys(runner: QueryRunner): Promise<void> {
  const rows = (await runner.query(`SELECT conrelid::regclass::text AS table_name, conname AS constraint_name FROM pg_constraint
    WHERE contype = 'f' AND confrelid = 'administrative_unit'::regclass`)) as { table_name: string; constraint_name: string }[];
  for (const r of rows) await runner.query(`ALTER TABLE ${r.table_name} DROP CONSTRAINT "${r.constraint_name}"`);
}

interface Remap {
  oldPath: string;
  newPath: string;
  oldCode: string;
  newCode: string;
}

/**
 * Generated commune n of a district → the district's n-th real commune (by code); a clinic
 * under a district → the same clinic under the province.
 */
export function legacyRemap(): Remap[] {
  const real = loadBaseUnitTree().units;
  const communesOf = new Map<string, AdministrativeUnitRecord[]>();
  for (const u of real) {
    if (u.level !== 'COMMUNE' || u.validTo === null || !u.path.startsWith('01.')) continue;
    communesOf.set(u.parentCode ?? '', [...(communesOf.get(u.parentCode ?? '') ?? []), u]);
  }
  for (const list of communesOf.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  const clinics = new Map(real.filter((u) => u.level === 'CLINIC').map((u) => [u.code, u]));
  const out: Remap[] = [];
  for (const u of LEGACY_GENERATED_UNITS) {
    if (u.level === 'COMMUNE') {
      const n = Number(u.code.slice(-2));
      const target = communesOf.get(u.parentCode ?? '')?.[n - 1];
      if (!target) throw new Error(`No real commune ${n} in district ${u.parentCode}`);
      out.push({ oldPath: u.path, newPath: target.path, oldCode: u.code, newCode: target.code });
    } else if (u.level === 'CLINIC') {
      const target = clinics.get(u.code);
      if (target) out.push({ oldPath: u.path, newPath: target.path, oldCode: u.code, newCode: u.code });
    }
  }
  return out;
}

const SKIPPED_TABLES = ['administrative_unit', 'audit_log', 'migrations', 'unit_lineage'];

/** Every text column that holds a unit path or a unit code, in every table but the reference and audit ones. */
async function unitColumns(runner: QueryRunner): Promise<{ table: string; column: string; kind: 'path' | 'code' }[]> {
  const rows = (await runner.query(
    `SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type IN ('character varying', 'text')
      AND (column_name LIKE '%path' OR column_name = 'unit_code' OR column_name LIKE '%\\_unit\\_code')
      AND table_name <> ALL($1)`,
    [SKIPPED_TABLES],
  )) as { table_name: string; column_name: string }[];
  return rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    kind: r.column_name.endsWith('path') ? 'path' : 'code',
  }));
}

/** Moves every unit path and code column of the database from generated units to real ones (or back). */
export async function remapLegacyUnitRecords(runner: QueryRunner, direction: 'forward' | 'back'): Promise<void> {
  await remapRecords(runner, legacyRemap(), direction);
}

async function remapRecords(runner: QueryRunner, remap: readonly Remap[], direction: 'forward' | 'back'): Promise<void> {
  const pairs = remap.map((r) =>
    direction === 'forward' ? r : { oldPath: r.newPath, newPath: r.oldPath, oldCode: r.newCode, newCode: r.oldCode },
  );
  await runner.query('CREATE TEMPORARY TABLE unit_remap (old_path text, new_path text, old_code text, new_code text)');
  await insertJsonRows(
    runner,
    'unit_remap',
    pairs.map((r) => ({ old_path: r.oldPath, new_path: r.newPath, old_code: r.oldCode, new_code: r.newCode })),
    { old_path: 'text', new_path: 'text', old_code: 'text', new_code: 'text' },
  );
  for (const { table, column, kind } of await unitColumns(runner)) {
    await runner.query(
      kind === 'path'
        ? `UPDATE "${table}" t SET "${column}" = m.new_path || substr(t."${column}", length(m.old_path) + 1) FROM unit_remap m
          WHERE t."${column}" = m.old_path OR t."${column}" LIKE m.old_path || '.%'`
        : `UPDATE "${table}" t SET "${column}" = m.new_code FROM unit_remap m WHERE t."${column}" = m.old_code AND m.old_code <> m.new_code`,
    );
  }
  await runner.query('DROP TABLE unit_remap');
}

/** The older law's rows and Law 120/2025's further rows (LEGAL_RULES batch 2); voluntary terms of 2022 end on 30 June 2026. */
async function adoptSecondRules(runner: QueryRunner): Promise<void> {
  await runner.query(`ALTER TABLE legal_rule ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'DURATION',
    ALTER COLUMN value DROP NOT NULL, ALTER COLUMN unit DROP NOT NULL`);
  await runner.query(`UPDATE legal_rule SET effective_to = '2026-06-30' WHERE code IN ('VOLUNTARY_REHAB_MIN', 'VOLUNTARY_REHAB_MAX')
    AND effective_from = '2022-01-01'`);
  await insertJsonRows(
    runner,
    'legal_rule',
    LEGAL_RULES.filter((r) => r.batch === 2).map((r) => ({
      code: r.code,
      description: r.description,
      kind: r.kind,
      value: r.value,
      unit: r.unit,
      effective_from: r.effectiveFrom,
      effective_to: r.effectiveTo,
      legal_basis: r.legalBasis,
    })),
    {
      code: 'varchar',
      description: 'text',
      kind: 'varchar',
      value: 'integer',
      unit: 'varchar',
      effective_from: 'date',
      effective_to: 'date',
      legal_basis: 'text',
    },
  );
}

/** The demo population's split-commune assignments (every subgraph keeps them, as if each had received the notice). */
export async function seedPersonUnitAssignments(
  runner: Pick<QueryRunner, 'query'>,
  population: readonly {
    id: string;
    unitAssignment: { fromPath: string; toCode: string; toPath: string; assignedOn: string } | null;
  }[],
): Promise<void> {
  await insertJsonRows(
    runner,
    'person_unit_assignment',
    population
      .filter((p) => p.unitAssignment !== null)
      .map((p) => {
        const a = p.unitAssignment as NonNullable<typeof p.unitAssignment>;
        return {
          person_id: p.id,
          from_unit_path: a.fromPath,
          to_unit_code: a.toCode,
          to_unit_path: a.toPath,
          assigned_on: a.assignedOn,
        };
      }),
    { person_id: 'uuid', from_unit_path: 'varchar', to_unit_code: 'varchar', to_unit_path: 'varchar', assigned_on: 'date' },
  );
}
