import {
  bareUnitName,
  indicatorByCode,
  isWithin,
  unitNameKey,
  units,
  type AdministrativeUnitRecord,
  type IndicatorMeasureKind,
  type UnitLevel,
} from '@rehab/shared-schema';
import { CsvFormatError, type CsvRecord } from '@rehab/shared-schema';
import {
  headerMatches,
  measureKind,
  normHeader,
  ROW_LEVELS,
  type ColumnDefinition,
  type PlanMeasureRecord,
  type TableDefinition,
} from './definition';
import type { TableRecords } from './file';

export type ProblemKind =
  | 'PARTS_DO_NOT_ADD_UP'
  | 'SHARE_MISMATCH'
  | 'TOTAL_MISMATCH'
  | 'UNKNOWN_COLUMN'
  | 'UNKNOWN_UNIT'
  | 'WRONG_UNIT_KIND'
  | 'DUPLICATE_UNIT'
  | 'INVALID_NUMBER';

/** One reported row (or header cell): by the unit's name as written, its line, the column at fault, expected vs found. */
export interface ImportProblem {
  kind: ProblemKind;
  line: number;
  /** The unit's name as written; empty for a problem of the header (UNKNOWN_COLUMN). */
  unitName: string;
  column: string | null;
  indicatorCode: string | null;
  expected: number | null;
  found: string | null;
  message: { vi: string; en: string };
  /** For UNKNOWN_UNIT: the closest units by name valid on the plan's date (up to 3). */
  closest: AdministrativeUnitRecord[];
}

/** A row of the table with its unit and values by measure code (null: empty cell, no target). */
export interface TableRow {
  line: number;
  unitName: string;
  unit: AdministrativeUnitRecord;
  /** The published total row (stands for the plan's unit). */
  total: boolean;
  values: Map<string, number | null>;
  /** Columns (headers as written) by measure code, for messages. */
  columns: Map<string, string>;
}

export interface CheckedTable {
  /** Measure codes of the columns read, in file order. */
  measures: string[];
  /** Data lines read (every record after the header). */
  rowsRead: number;
  rows: TableRow[];
  /** Rows to import: every row without a problem. */
  accepted: TableRow[];
  problems: ImportProblem[];
}

/** A column of the file that maps to the definition (or names a measure code itself). */
interface FileColumn {
  index: number;
  header: string;
  measure: string;
  kind: IndicatorMeasureKind;
}

/** Levels a row may name (a unit of another kind than the table's is reported as WRONG_UNIT_KIND). */
const ROW_UNIT_LEVELS: readonly UnitLevel[] = ['DISTRICT', 'COMMUNE', 'FACILITY'];

const LEVEL_ORDER: readonly UnitLevel[] = ['DISTRICT', 'FACILITY', 'COMMUNE', 'CLINIC', 'COURT', 'PROVINCE'];

/**
 * A unit of the plan's unit valid on the plan's date, by its name, bare name ("Cầu Giấy") or
 * code; tone marks may sit on either vowel ("Ứng Hoà" = "Ứng Hòa"), as published tables vary.
 */
function unitNamed(name: string, candidates: readonly AdministrativeUnitRecord[]): AdministrativeUnitRecord | undefined {
  const n = unitNameKey(name);
  const matches = candidates.filter(
    (u) => unitNameKey(u.name) === n || u.code === name.trim() || unitNameKey(bareUnitName(u.name)) === n,
  );
  // "Thanh Trì" is a district and a ward of another district: the higher level wins, as plan tables name the level they are set on.
  return matches.sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level))[0];
}

/** A name without tone marks, "đ" as "d", lower case, single spaces: for closeness only. */
function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Up to three candidates closest to `name` by edit distance over folded names (full or bare), then by name. */
export function closestUnits(name: string, candidates: readonly AdministrativeUnitRecord[]): AdministrativeUnitRecord[] {
  const wanted = fold(name);
  const wantedBare = fold(bareUnitName(name));
  return candidates
    .map((u) => ({
      u,
      d: Math.min(editDistance(wanted, fold(u.name)), editDistance(wantedBare, fold(bareUnitName(u.name)))),
    }))
    .sort((a, b) => a.d - b.d || a.u.name.localeCompare(b.u.name, 'vi'))
    .slice(0, 3)
    .map((c) => c.u);
}

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * A count: whole and non-negative; "2,100", "2.100", "2 100" and "2100" are 2100.
 * A share: a percentage from 0 to 100 with a decimal comma or point ("45,5", "45.5", "45,5 %").
 */
export function parseNumber(cell: string, kind: IndicatorMeasureKind): number | null | 'invalid' {
  const t = cell.trim();
  if (t === '') return null;
  if (kind === 'SHARE') {
    const m = /^(\d{1,3})(?:[.,](\d{1,3}))?\s*%?$/.exec(t);
    if (!m) return 'invalid';
    const value = Number(`${m[1]}.${m[2] ?? '0'}`);
    return value <= 100 ? value : 'invalid';
  }
  const digits = /^\d{1,3}([.,\s\u00a0\u202f]\d{3})+$/.test(t) ? t.replace(/[.,]/g, '').replace(SPACES, '') : t;
  return /^\d{1,9}$/.test(digits) ? Number(digits) : 'invalid';
}

/** Decimals written in a stated share ("45,5" → 1). */
function decimalsOf(cell: string): number {
  const m = /[.,](\d+)/.exec(cell);
  return m?.[1]?.length ?? 0;
}

function problem(
  row: { line: number; unitName: string },
  kind: ProblemKind,
  message: { vi: string; en: string },
  details: Partial<Pick<ImportProblem, 'column' | 'indicatorCode' | 'expected' | 'found' | 'closest'>> = {},
): ImportProblem {
  return {
    kind,
    line: row.line,
    unitName: row.unitName,
    column: null,
    indicatorCode: null,
    expected: null,
    found: null,
    closest: [],
    message,
    ...details,
  };
}

/**
 * Maps the file's headers to the definition's columns (or, as before definitions, a header
 * that is itself an indicator or target-only measure code). A header that maps to nothing
 * is reported (UNKNOWN_COLUMN) and its column skipped; two headers for one column, or no
 * column at all, make the file unreadable.
 */
function fileColumns(
  header: CsvRecord,
  definition: TableDefinition,
  measures: ReadonlyMap<string, PlanMeasureRecord>,
  problems: ImportProblem[],
): FileColumn[] {
  const columns: FileColumn[] = [];
  header.cells.slice(1).forEach((cell, i) => {
    const written = cell.trim();
    const defined: ColumnDefinition | undefined = definition.columns.find((c) => headerMatches(c, written));
    const code =
      defined?.measure ??
      (indicatorByCode(written.toUpperCase()) || measures.has(written.toUpperCase()) ? written.toUpperCase() : null);
    const kind = code ? measureKind(code, measures) : null;
    if (!code || !kind) {
      problems.push(
        problem(
          { line: header.line, unitName: '' },
          'UNKNOWN_COLUMN',
          {
            vi: `Cột ${i + 2} "${written}" không có trong bảng "${definition.name}" (phiên bản ${definition.version}): bỏ qua`,
            en: `Column ${i + 2} "${written}" is not in the table "${definition.name}" (version ${definition.version}): skipped`,
          },
          { column: written, found: written },
        ),
      );
      return;
    }
    const twice = columns.find((c) => c.measure === code);
    if (twice) {
      throw new CsvFormatError(
        header.line,
        `Hai cột "${twice.header}" và "${written}" cùng ghi chỉ tiêu ${code}`,
        `Two columns "${twice.header}" and "${written}" both set ${code}`,
      );
    }
    columns.push({ index: i + 1, header: written, measure: code, kind });
  });
  if (columns.length === 0) {
    throw new CsvFormatError(
      header.line,
      `Không cột nào của tệp có trong bảng "${definition.name}"`,
      `No column of the file is in the table "${definition.name}"`,
    );
  }
  return columns;
}

interface Reader {
  definition: TableDefinition;
  planUnit: AdministrativeUnitRecord;
  /** Units a row may name: the plan's unit and those of the row levels within it, valid on the plan's date. */
  candidates: AdministrativeUnitRecord[];
  columns: FileColumn[];
  totalRowNames: Set<string>;
  problems: ImportProblem[];
  seen: Set<string>;
}

function unitOfRow(r: Reader, at: { line: number; unitName: string }): { unit: AdministrativeUnitRecord; total: boolean } | null {
  if (r.totalRowNames.has(normHeader(at.unitName))) return { unit: r.planUnit, total: true };
  const unit = unitNamed(at.unitName, r.candidates);
  if (!unit) {
    const closest = closestUnits(
      at.unitName,
      r.candidates.filter((u) => ROW_LEVELS[r.definition.rows].includes(u.level)),
    );
    const names = closest.map((u) => u.name).join('; ');
    r.problems.push(
      problem(
        at,
        'UNKNOWN_UNIT',
        {
          vi: `Không tìm thấy đơn vị "${at.unitName}"${names ? `; gần nhất: ${names}` : ''}`,
          en: `Unknown unit "${at.unitName}"${names ? `; closest: ${names}` : ''}`,
        },
        { found: at.unitName, closest },
      ),
    );
    return null;
  }
  if (unit.path !== r.planUnit.path && !ROW_LEVELS[r.definition.rows].includes(unit.level)) {
    r.problems.push(
      problem(
        at,
        'WRONG_UNIT_KIND',
        {
          vi: `"${at.unitName}" không thuộc loại đơn vị của bảng ${r.definition.rows === 'UNITS' ? 'đơn vị hành chính' : 'cơ sở cai nghiện'}`,
          en: `"${at.unitName}" is not a unit of the ${r.definition.rows === 'UNITS' ? 'administrative units' : 'facilities'} table`,
        },
        { found: unit.level },
      ),
    );
    return null;
  }
  return { unit, total: unit.path === r.planUnit.path };
}

function readRow(r: Reader, record: CsvRecord): TableRow | null {
  const at = { line: record.line, unitName: (record.cells[0] ?? '').trim() };
  const found = unitOfRow(r, at);
  if (!found) return null;
  if (r.seen.has(found.unit.code)) {
    r.problems.push(
      problem(at, 'DUPLICATE_UNIT', {
        vi: `Đơn vị "${at.unitName}" xuất hiện lần thứ hai`,
        en: `The unit "${at.unitName}" appears twice`,
      }),
    );
    return null;
  }
  r.seen.add(found.unit.code);
  const row: TableRow = { ...at, ...found, values: new Map(), columns: new Map() };
  const problemsBefore = r.problems.length;
  for (const column of r.columns) {
    const cell = record.cells[column.index] ?? '';
    const value = parseNumber(cell, column.kind);
    row.columns.set(column.measure, column.header);
    if (value === 'invalid') {
      r.problems.push(
        problem(
          at,
          'INVALID_NUMBER',
          column.kind === 'SHARE'
            ? {
                vi: `Cột "${column.header}": "${cell}" không phải tỷ lệ phần trăm từ 0 đến 100`,
                en: `Column "${column.header}": "${cell}" is not a percentage from 0 to 100`,
              }
            : {
                vi: `Cột "${column.header}": "${cell}" không phải số nguyên không âm`,
                en: `Column "${column.header}": "${cell}" is not a whole number`,
              },
          { column: column.header, indicatorCode: column.measure, found: cell },
        ),
      );
    } else {
      row.values.set(column.measure, value);
    }
  }
  return r.problems.length === problemsBefore ? row : null;
}

const fmt = (n: number): string => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/** Checks a row's columns against the definition's relations (a total = the sum of its parts; a share = numerator / denominator). */
function checkRelations(row: TableRow, r: Reader, raw: CsvRecord): void {
  const measureOf = new Map(r.definition.columns.map((c) => [c.header, c.measure]));
  for (const relation of r.definition.relations) {
    const code = measureOf.get(relation.column);
    const parts = relation.parts.map((p) => measureOf.get(p));
    if (!code || parts.some((p) => !p)) continue;
    const stated = row.values.get(code);
    const values = parts.map((p) => row.values.get(p as string));
    if (stated === undefined || stated === null || values.some((v) => v === undefined || v === null)) continue;
    const column = row.columns.get(code) ?? relation.column;
    const names = parts.map((p) => row.columns.get(p as string) ?? p).join(' + ');
    const [numerator, denominator] = values as number[];
    if (relation.kind === 'SUM') {
      const sum = (values as number[]).reduce((a, b) => a + b, 0);
      if (sum === stated) continue;
      r.problems.push(
        problem(
          row,
          'PARTS_DO_NOT_ADD_UP',
          {
            vi: `${row.unitName}, dòng ${row.line}, cột "${column}": ${names} = ${fmt(sum)}, bảng ghi ${fmt(stated)}`,
            en: `${row.unitName}, line ${row.line}, column "${column}": ${names} = ${sum}, the table says ${stated}`,
          },
          { column, indicatorCode: code, expected: sum, found: String(stated) },
        ),
      );
    } else if (numerator !== undefined && denominator !== undefined && denominator > 0) {
      const exact = (100 * numerator) / denominator;
      const cell = raw.cells[r.columns.find((c) => c.measure === code)?.index ?? 0] ?? '';
      // Within the rounding of the figure as written: "45,5" stands for 45.45 to 45.55.
      if (Math.abs(exact - stated) <= 0.5 * 10 ** -decimalsOf(cell) + 1e-9) continue;
      const expected = Math.round(exact * 100) / 100;
      const [num, den] = parts.map((p) => row.columns.get(p as string) ?? p);
      r.problems.push(
        problem(
          row,
          'SHARE_MISMATCH',
          {
            vi: `${row.unitName}, dòng ${row.line}, cột "${column}": 100 × ${num} / ${den} = 100 × ${fmt(numerator)} / ${fmt(denominator)} = ${fmt(expected)}%, bảng ghi ${cell.trim()}`,
            en: `${row.unitName}, line ${row.line}, column "${column}": 100 × ${num} / ${den} = 100 × ${numerator} / ${denominator} = ${expected}%, the table says ${cell.trim()}`,
          },
          { column, indicatorCode: code, expected, found: cell.trim() },
        ),
      );
    }
  }
}

/** The nearest row above each row in the unit tree (the total row stands for the plan's unit). */
function parentRow(row: TableRow, rows: readonly TableRow[]): TableRow | undefined {
  return rows
    .filter((p) => p !== row && isWithin(row.unit.path, p.unit.path))
    .sort((a, b) => b.unit.path.length - a.unit.path.length)[0];
}

/** Rows whose unit contains other rows' units equal their sum, per count column (a share does not add up). */
function checkSubtotals(rows: readonly TableRow[], r: Reader): void {
  const children = new Map<TableRow, TableRow[]>();
  for (const row of rows) {
    const parent = parentRow(row, rows);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  for (const [parent, kids] of children) {
    for (const { measure: code, kind } of r.columns) {
      if (kind !== 'COUNT') continue;
      const stated = parent.values.get(code);
      if (stated === null || stated === undefined || kids.every((k) => (k.values.get(code) ?? null) === null)) continue;
      const sum = kids.reduce((a, k) => a + (k.values.get(code) ?? 0), 0);
      if (sum === stated) continue;
      const column = parent.columns.get(code) ?? code;
      r.problems.push(
        problem(
          parent,
          'TOTAL_MISMATCH',
          {
            vi: `${parent.unitName}, dòng ${parent.line}, cột "${column}": tổng các đơn vị = ${fmt(sum)}, bảng ghi ${fmt(stated)}`,
            en: `${parent.unitName}, line ${parent.line}, column "${column}": the units add up to ${sum}, the table says ${stated}`,
          },
          { column, indicatorCode: code, expected: sum, found: String(stated) },
        ),
      );
    }
  }
}

/**
 * Reads and checks a plan table against its definition: the first column names the unit
 * (or the total row), the others map to the definition's columns. Throws CsvFormatError
 * when the file is not such a table; otherwise every inconsistent row is reported and the
 * others are accepted.
 */
export function checkTable(
  records: TableRecords,
  definition: TableDefinition,
  measures: ReadonlyMap<string, PlanMeasureRecord>,
  planUnit: AdministrativeUnitRecord,
  on: string,
): CheckedTable {
  const problems: ImportProblem[] = [];
  const columns = fileColumns(records.header, definition, measures, problems);
  const reader: Reader = {
    definition,
    planUnit,
    candidates: [
      planUnit,
      ...units()
        .within(planUnit.path, on)
        .filter((u) => u.path !== planUnit.path && ROW_UNIT_LEVELS.includes(u.level)),
    ],
    columns,
    totalRowNames: new Set(definition.totalRowNames.map(normHeader)),
    problems,
    seen: new Set(),
  };
  const byLine = new Map(records.rows.map((rec) => [rec.line, rec]));
  const rows = records.rows.map((record) => readRow(reader, record)).filter((r): r is TableRow => r !== null);
  for (const row of rows) {
    const raw = byLine.get(row.line);
    if (raw) checkRelations(row, reader, raw);
  }
  if (definition.unitsAddUp) checkSubtotals(rows, reader);
  const bad = new Set(problems.filter((p) => p.kind !== 'UNKNOWN_COLUMN').map((p) => p.line));
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  return {
    measures: columns.map((c) => c.measure),
    rowsRead: records.rows.length,
    rows,
    accepted: rows.filter((r) => !bad.has(r.line)),
    problems: sorted,
  };
}
