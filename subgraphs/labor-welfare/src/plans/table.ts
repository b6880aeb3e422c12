import {
  bareUnitName,
  isWithin,
  unitNameKey,
  units,
  type AdministrativeUnitRecord,
  type PlanTableKind,
  type UnitLevel,
} from '@rehab/shared-schema';
import { CsvFormatError, parseCsv, type CsvRecord } from '@rehab/shared-schema';
import { indicatorOfHeader, ROW_RELATIONS, TOTAL_ROW_NAMES } from './columns';

export type ProblemKind =
  'PARTS_DO_NOT_ADD_UP' | 'TOTAL_MISMATCH' | 'UNKNOWN_UNIT' | 'WRONG_UNIT_KIND' | 'DUPLICATE_UNIT' | 'INVALID_NUMBER';

/** One reported row: by the unit's name as written, its line, the column at fault, expected vs found. */
export interface ImportProblem {
  kind: ProblemKind;
  line: number;
  unitName: string;
  column: string | null;
  indicatorCode: string | null;
  expected: number | null;
  found: string | null;
  message: { vi: string; en: string };
}

/** A row of the table with its unit and values by indicator (null: empty cell, no target). */
export interface TableRow {
  line: number;
  unitName: string;
  unit: AdministrativeUnitRecord;
  /** The published total row (stands for the province). */
  total: boolean;
  values: Map<string, number | null>;
  /** Columns by indicator, for messages. */
  columns: Map<string, string>;
}

export interface CheckedTable {
  indicators: string[];
  /** Data lines read (every line after the header). */
  rowsRead: number;
  rows: TableRow[];
  /** Rows to import: every row without a problem. */
  accepted: TableRow[];
  problems: ImportProblem[];
}

const LEVELS: Readonly<Record<PlanTableKind, readonly UnitLevel[]>> = {
  DISTRICT: ['DISTRICT', 'COMMUNE'],
  FACILITY: ['FACILITY'],
};

const norm = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/**
 * A unit of the province valid on the plan's date, by its name, bare name ("Cầu Giấy") or
 * code; tone marks may sit on either vowel ("Ứng Hoà" = "Ứng Hòa"), as published tables vary.
 */
function unitNamed(name: string, province: AdministrativeUnitRecord, on: string): AdministrativeUnitRecord | undefined {
  const n = unitNameKey(name);
  const matches = units()
    .within(province.path, on)
    .filter((u) => unitNameKey(u.name) === n || u.code === name.trim() || unitNameKey(bareUnitName(u.name)) === n);
  // "Thanh Trì" is a district and a ward of another district: the higher level wins, as plan tables name the level they are set on.
  return matches.sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level))[0];
}

const LEVEL_ORDER: readonly UnitLevel[] = ['DISTRICT', 'FACILITY', 'COMMUNE', 'CLINIC', 'COURT', 'PROVINCE'];

/** "2,100", "2.100", "2 100" and "2100" are 2100; anything else that is not a whole number is not. */
function parseNumber(cell: string): number | null | 'invalid' {
  const t = cell.trim();
  if (t === '') return null;
  const digits = /^\d{1,3}([.,\s]\d{3})+$/.test(t) ? t.replace(/[.,\s]/g, '') : t;
  return /^\d{1,9}$/.test(digits) ? Number(digits) : 'invalid';
}

function problem(
  row: { line: number; unitName: string },
  kind: ProblemKind,
  message: { vi: string; en: string },
  details: Partial<Pick<ImportProblem, 'column' | 'indicatorCode' | 'expected' | 'found'>> = {},
): ImportProblem {
  return {
    kind,
    line: row.line,
    unitName: row.unitName,
    column: null,
    indicatorCode: null,
    expected: null,
    found: null,
    message,
    ...details,
  };
}

function headerIndicators(header: CsvRecord): string[] {
  return header.cells.slice(1).map((cell, i) => {
    const code = indicatorOfHeader(cell);
    if (!code) {
      throw new CsvFormatError(
        header.line,
        `Cột ${i + 2} "${cell}" không ứng với chỉ số nào`,
        `Column ${i + 2} "${cell}" maps to no indicator`,
      );
    }
    return code;
  });
}

interface Reader {
  kind: PlanTableKind;
  province: AdministrativeUnitRecord;
  /** The day the plan's units are taken from. */
  on: string;
  indicators: string[];
  headers: string[];
  problems: ImportProblem[];
  seen: Set<string>;
}

function unitOfRow(r: Reader, at: { line: number; unitName: string }): { unit: AdministrativeUnitRecord; total: boolean } | null {
  if (TOTAL_ROW_NAMES.includes(norm(at.unitName))) return { unit: r.province, total: true };
  const unit = unitNamed(at.unitName, r.province, r.on);
  if (!unit) {
    r.problems.push(
      problem(
        at,
        'UNKNOWN_UNIT',
        { vi: `Không tìm thấy đơn vị "${at.unitName}"`, en: `Unknown unit "${at.unitName}"` },
        { found: at.unitName },
      ),
    );
    return null;
  }
  if (!LEVELS[r.kind].includes(unit.level)) {
    r.problems.push(
      problem(
        at,
        'WRONG_UNIT_KIND',
        {
          vi: `"${at.unitName}" không thuộc loại đơn vị của bảng ${r.kind === 'DISTRICT' ? 'quận, huyện' : 'cơ sở cai nghiện'}`,
          en: `"${at.unitName}" is not a unit of the ${r.kind.toLowerCase()} table`,
        },
        { found: unit.level },
      ),
    );
    return null;
  }
  return { unit, total: false };
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
  r.indicators.forEach((code, i) => {
    const cell = record.cells[i + 1] ?? '';
    const value = parseNumber(cell);
    row.columns.set(code, r.headers[i] ?? code);
    if (value === 'invalid') {
      r.problems.push(
        problem(
          at,
          'INVALID_NUMBER',
          {
            vi: `Cột "${r.headers[i]}": "${cell}" không phải số nguyên không âm`,
            en: `Column "${r.headers[i]}": "${cell}" is not a whole number`,
          },
          { column: r.headers[i] ?? null, indicatorCode: code, found: cell },
        ),
      );
    } else {
      row.values.set(code, value);
    }
  });
  return r.problems.length === problemsBefore ? row : null;
}

const fmt = (n: number): string => n.toLocaleString('vi-VN');

function checkRelations(row: TableRow, problems: ImportProblem[]): void {
  for (const { total, parts } of ROW_RELATIONS) {
    const t = row.values.get(total);
    const values = parts.map((p) => row.values.get(p));
    if (t === undefined || t === null || values.some((v) => v === undefined || v === null)) continue;
    const sum = (values as number[]).reduce((a, b) => a + b, 0);
    if (sum === t) continue;
    const column = row.columns.get(total) ?? total;
    const names = parts.map((p) => row.columns.get(p) ?? p).join(' + ');
    problems.push(
      problem(
        row,
        'PARTS_DO_NOT_ADD_UP',
        {
          vi: `${row.unitName}, dòng ${row.line}, cột "${column}": ${names} = ${fmt(sum)}, bảng ghi ${fmt(t)}`,
          en: `${row.unitName}, line ${row.line}, column "${column}": ${names} = ${sum}, the table says ${t}`,
        },
        { column, indicatorCode: total, expected: sum, found: String(t) },
      ),
    );
  }
}

/** The nearest row above each row in the unit tree (the total row stands for the province). */
function parentRow(row: TableRow, rows: readonly TableRow[]): TableRow | undefined {
  return rows
    .filter((p) => p !== row && isWithin(row.unit.path, p.unit.path))
    .sort((a, b) => b.unit.path.length - a.unit.path.length)[0];
}

function checkSubtotals(rows: readonly TableRow[], indicators: readonly string[], problems: ImportProblem[]): void {
  const children = new Map<TableRow, TableRow[]>();
  for (const row of rows) {
    const parent = parentRow(row, rows);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  for (const [parent, kids] of children) {
    for (const code of indicators) {
      const stated = parent.values.get(code);
      if (stated === null || stated === undefined || kids.every((k) => (k.values.get(code) ?? null) === null)) continue;
      const sum = kids.reduce((a, k) => a + (k.values.get(code) ?? 0), 0);
      if (sum === stated) continue;
      const column = parent.columns.get(code) ?? code;
      problems.push(
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
 * Reads and checks a plan table: the first column names the unit (or the total row),
 * the others map to indicators. Throws CsvFormatError when the text is not such a table;
 * otherwise every inconsistent row is reported and the others are accepted.
 */
export function checkTable(csv: string, kind: PlanTableKind, province: AdministrativeUnitRecord, on: string): CheckedTable {
  const { header, rows: records } = parseCsv(csv);
  const indicators = headerIndicators(header);
  if (new Set(indicators).size !== indicators.length) {
    throw new CsvFormatError(header.line, 'Hai cột ứng với cùng một chỉ số', 'Two columns map to the same indicator');
  }
  const reader: Reader = {
    kind,
    province,
    on,
    indicators,
    headers: header.cells.slice(1).map((h) => h.trim()),
    problems: [],
    seen: new Set(),
  };
  const rows = records.map((record) => readRow(reader, record)).filter((r): r is TableRow => r !== null);
  for (const row of rows) checkRelations(row, reader.problems);
  checkSubtotals(rows, indicators, reader.problems);
  const bad = new Set(reader.problems.map((p) => p.line));
  const problems = [...reader.problems].sort((a, b) => a.line - b.line);
  return { indicators, rowsRead: records.length, rows, accepted: rows.filter((r) => !bad.has(r.line)), problems };
}
