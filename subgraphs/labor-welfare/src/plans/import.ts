import type { EntityManager } from 'typeorm';
import { domainError } from '@rehab/server-kit';
import { CsvFormatError, isWithin, units, unitAt, type PlanTableKind } from '@rehab/shared-schema';
import { planDate } from './dates';
import type { PlanEntity } from '../entities/Plan';
import { loadMeasures, tableKindOf, type TableDefinition } from './definition';
import { PlanFileError, readCsv, readPlanFile, type PlanFileFormat, type TableRecords } from './file';
import { checkTable, type ImportProblem, type TableRow } from './table';

export interface ImportCounts {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface PlanImportOutcome extends ImportCounts {
  plan: PlanEntity;
  definition: TableDefinition;
  /** The Hà Nội table the definition stands for (the old `table` argument), else null. */
  table: PlanTableKind | null;
  rowsRead: number;
  rowsImported: number;
  problems: ImportProblem[];
  /** Nothing in the plan changed (e.g. the same file imported again). */
  nothingChanged: boolean;
}

/** The file an import reads: CSV text as before, or a base64 file (CSV or .xlsx). */
export type PlanFile = { format: 'TEXT'; text: string } | { format: PlanFileFormat; base64: string };

interface TargetCell {
  unitCode: string;
  unitPath: string;
  indicator: string;
  value: number | null;
}

function cellsOf(rows: readonly TableRow[]): TargetCell[] {
  return rows.flatMap((row) =>
    [...row.values].map(([indicator, value]) => ({ unitCode: row.unit.code, unitPath: row.unit.path, indicator, value })),
  );
}

function badFile(field: string, vi: string, en: string) {
  return domainError('BAD_USER_INPUT', { vi, en }, { field });
}

/** Reads the file into records; a file that is not a table is a typed error that changes nothing. */
export async function readImportFile(file: PlanFile): Promise<TableRecords> {
  const field = file.format === 'TEXT' ? 'csv' : 'file';
  try {
    return file.format === 'TEXT' ? readCsv(file.text) : await readPlanFile(file.format, file.base64);
  } catch (error) {
    if (error instanceof CsvFormatError) {
      const what = file.format === 'XLSX' ? { vi: 'Bảng tính', en: 'Spreadsheet' } : { vi: 'Tệp CSV', en: 'CSV' };
      throw badFile(
        field,
        `${what.vi} không hợp lệ (dòng ${error.line}): ${error.vi}`,
        `Invalid ${what.en} (line ${error.line}): ${error.en}`,
      );
    }
    if (error instanceof PlanFileError) throw badFile(error.field, error.vi, error.en);
    throw error;
  }
}

/**
 * Writes the accepted cells set-based: one statement upserts the given values (only when
 * they differ), one removes the targets of empty cells; counts come from RETURNING.
 */
async function writeCells(manager: EntityManager, plan: PlanEntity, cells: readonly TargetCell[]): Promise<ImportCounts> {
  const given = cells.filter((c) => c.value !== null);
  const empty = cells.filter((c) => c.value === null);
  const upserted = await manager.query<{ created: boolean }[]>(
    `INSERT INTO plan_target (plan_id, plan_year, unit_code, unit_path, indicator_code, target_value)
    SELECT $1, $2, u, p, i, v FROM unnest($3::varchar[], $4::varchar[], $5::varchar[], $6::numeric[]) AS c(u, p, i, v)
    ON CONFLICT ON CONSTRAINT plan_target_unique DO UPDATE SET target_value = EXCLUDED.target_value, version = plan_target.version + 1
      WHERE plan_target.target_value IS DISTINCT FROM EXCLUDED.target_value
    RETURNING (xmax = 0) AS created`,
    [
      plan.id,
      plan.year,
      given.map((c) => c.unitCode),
      given.map((c) => c.unitPath),
      given.map((c) => c.indicator),
      given.map((c) => c.value),
    ],
  );
  // A data-modifying CTE, so the driver answers rows (a bare DELETE answers [rows, count]).
  const [removed] = await manager.query<{ n: number }[]>(
    `WITH d AS (DELETE FROM plan_target t USING unnest($2::varchar[], $3::varchar[]) AS c(u, i)
    WHERE t.plan_id = $1 AND t.unit_code = c.u AND t.indicator_code = c.i RETURNING t.id) SELECT count(*)::int AS n FROM d`,
    [plan.id, empty.map((c) => c.unitCode), empty.map((c) => c.indicator)],
  );
  const created = upserted.filter((r) => r.created).length;
  const updated = upserted.length - created;
  return { created, updated, removed: removed?.n ?? 0, unchanged: given.length - upserted.length };
}

/**
 * A definition serves plans of its own unit's territory: the plan's unit lies within the
 * subtrees the definition's unit owns (today's Lào Cai's tables serve old Lào Cai's 2024 plans).
 */
export function checkDefinitionFits(definition: TableDefinition, plan: PlanEntity): void {
  const on = planDate(plan.year);
  const planUnit = unitAt(plan.unitCode, on);
  const defUnit = units().current(definition.unitCode);
  const roots = defUnit ? units().scopeRoots(defUnit.path) : [];
  if (!planUnit || !roots.some((root) => isWithin(planUnit.path, root) || isWithin(root, planUnit.path))) {
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: `Bảng "${definition.name}" thuộc ${defUnit?.name ?? definition.unitCode}, không dùng được cho kế hoạch của ${planUnit?.name ?? plan.unitCode}`,
        en: `The table "${definition.name}" belongs to ${defUnit?.name ?? definition.unitCode} and cannot fill a plan of ${planUnit?.name ?? plan.unitCode}`,
      },
      { field: 'definition' },
    );
  }
}

/**
 * Imports a plan table into a plan by its definition: checks it (a file that is not a table
 * is a typed error and changes nothing), writes the accepted rows and reports the others by
 * name. Importing the same file again changes nothing; an import that changed something is
 * recorded with the definition version it used (`plan_import`).
 */
export async function importPlanTable(
  manager: EntityManager,
  plan: PlanEntity,
  definition: TableDefinition,
  file: PlanFile,
  importedBy: string | null = null,
): Promise<PlanImportOutcome> {
  const on = planDate(plan.year);
  const planUnit = unitAt(plan.unitCode, on);
  if (!planUnit) throw new Error(`plan ${plan.id} has no unit ${plan.unitCode} on ${on}`);
  const records = await readImportFile(file);
  const measures = await loadMeasures(manager);
  let checked;
  try {
    checked = checkTable(records, definition, measures, planUnit, on);
  } catch (error) {
    if (error instanceof CsvFormatError) {
      throw badFile(
        file.format === 'TEXT' ? 'csv' : 'file',
        `Tệp không hợp lệ (dòng ${error.line}): ${error.vi}`,
        `Invalid file (line ${error.line}): ${error.en}`,
      );
    }
    throw error;
  }
  const counts = await writeCells(manager, plan, cellsOf(checked.accepted));
  const nothingChanged = counts.created + counts.updated + counts.removed === 0;
  if (!nothingChanged) {
    await manager.query(
      `INSERT INTO plan_import (plan_id, definition_id, definition_version, file_format, rows_read, rows_imported,
        targets_created, targets_updated, targets_removed, targets_unchanged, problems, imported_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        plan.id,
        definition.id,
        definition.version,
        file.format === 'XLSX' ? 'XLSX' : 'CSV',
        checked.rowsRead,
        checked.accepted.length,
        counts.created,
        counts.updated,
        counts.removed,
        counts.unchanged,
        checked.problems.length,
        importedBy,
      ],
    );
  }
  return {
    plan,
    definition,
    table: tableKindOf(definition.id),
    rowsRead: checked.rowsRead,
    rowsImported: checked.accepted.length,
    problems: checked.problems,
    ...counts,
    nothingChanged,
  };
}
