import type { EntityManager } from 'typeorm';
import { domainError } from '@rehab/server-kit';
import { unitAt, type PlanTableKind } from '@rehab/shared-schema';
import { planDate } from './dates';
import type { PlanEntity } from '../entities/Plan';
import { CsvFormatError } from '@rehab/shared-schema';
import { checkTable, type ImportProblem, type TableRow } from './table';

export interface ImportCounts {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface PlanImportOutcome extends ImportCounts {
  plan: PlanEntity;
  table: PlanTableKind;
  rowsRead: number;
  rowsImported: number;
  problems: ImportProblem[];
  /** Nothing in the plan changed (e.g. the same file imported again). */
  nothingChanged: boolean;
}

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

function badCsv(error: CsvFormatError) {
  return domainError(
    'BAD_USER_INPUT',
    {
      vi: `Tệp CSV không hợp lệ (dòng ${error.line}): ${error.vi}`,
      en: `Invalid CSV (line ${error.line}): ${error.en}`,
    },
    { field: 'csv' },
  );
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
    SELECT $1, $2, u, p, i, v FROM unnest($3::varchar[], $4::varchar[], $5::varchar[], $6::int[]) AS c(u, p, i, v)
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
 * Imports a plan table into a plan: checks it (a bad CSV is a typed error and changes
 * nothing), writes the accepted rows and reports the others by name. Importing the same
 * file again changes nothing.
 */
export async function importPlanTable(
  manager: EntityManager,
  plan: PlanEntity,
  table: PlanTableKind,
  csv: string,
): Promise<PlanImportOutcome> {
  const on = planDate(plan.year);
  const province = unitAt(plan.provinceCode, on);
  if (!province) throw new Error(`plan ${plan.id} has no province ${plan.provinceCode} on ${on}`);
  let checked;
  try {
    checked = checkTable(csv, table, province, on);
  } catch (error) {
    if (error instanceof CsvFormatError) throw badCsv(error);
    throw error;
  }
  const counts = await writeCells(manager, plan, cellsOf(checked.accepted));
  return {
    plan,
    table,
    rowsRead: checked.rowsRead,
    rowsImported: checked.accepted.length,
    problems: checked.problems,
    ...counts,
    nothingChanged: counts.created + counts.updated + counts.removed === 0,
  };
}
