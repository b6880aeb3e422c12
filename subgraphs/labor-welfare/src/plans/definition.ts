import { domainError } from '@rehab/server-kit';
import {
  indicatorByCode,
  type IndicatorMeasureKind,
  type LocalizedText,
  type PlanTableKind,
  type UnitLevel,
} from '@rehab/shared-schema';
import { md5Uuid } from './ids';

/**
 * A published plan table described as data (`plan_table_definition`, one row per table,
 * and `plan_table_version`, one row per version): the unit it belongs to, what its rows
 * are, its columns (header, accepted variants, label, what each measures) and the
 * relations among columns and rows the import checks.
 */
export type PlanTableRows = 'UNITS' | 'FACILITIES';

export interface ColumnDefinition {
  /** The header as published. */
  header: string;
  /** Other accepted headers; `{year}` stands for any four-digit year. */
  variants: string[];
  label: LocalizedText;
  /** An indicator code of the catalogue or a target-only measure's code. */
  measure: string;
}

/** SUM: `column` = the sum of `parts`; SHARE: `column` (a percentage) = 100 × parts[0] / parts[1]. */
export interface ColumnRelation {
  kind: 'SUM' | 'SHARE';
  column: string;
  parts: string[];
}

export interface TableDefinition {
  id: string;
  version: number;
  latestVersion: number;
  name: string;
  unitCode: string;
  rows: PlanTableRows;
  columns: ColumnDefinition[];
  relations: ColumnRelation[];
  /** Row names of the published total row (compared trimmed, case-insensitively). */
  totalRowNames: string[];
  /** Rows whose unit contains other rows' units must equal their sum (per summable column). */
  unitsAddUp: boolean;
  createdAt: Date;
  createdBy: string | null;
}

/** A target-only measure (`plan_measure`): a province's own target that no record in the system counts. */
export interface PlanMeasureRecord {
  code: string;
  unitCode: string;
  measure: IndicatorMeasureKind;
  name: LocalizedText;
  definition: LocalizedText;
}

export const DEFAULT_TOTAL_ROW_NAMES: readonly string[] = ['tổng', 'tổng cộng', 'cộng', 'toàn thành phố', 'toàn tỉnh', 'total'];

/** The unit levels a table's rows may name (besides the total row, which stands for the plan's unit). */
export const ROW_LEVELS: Readonly<Record<PlanTableRows, readonly UnitLevel[]>> = {
  UNITS: ['DISTRICT', 'COMMUNE'],
  FACILITIES: ['FACILITY'],
};

/** Hà Nội's 2022 tables (appendix I: districts, II: facilities), loaded by the migration. */
export const hanoiDefinitionId = (kind: PlanTableKind): string => md5Uuid(`plan-table:01:${kind}`);

/** The old `table: PlanTableKind` argument, for the definition it now names. */
export function tableKindOf(definitionId: string): PlanTableKind | null {
  if (definitionId === hanoiDefinitionId('DISTRICT')) return 'DISTRICT';
  if (definitionId === hanoiDefinitionId('FACILITY')) return 'FACILITY';
  return null;
}

export const normHeader = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Does a header as written match a column's header or one of its variants? */
export function headerMatches(column: ColumnDefinition, header: string): boolean {
  const h = normHeader(header);
  return [column.header, ...column.variants].some((v) => {
    const pattern = escapeRegExp(normHeader(v)).replace(/\\\{year\\\}/g, '\\d{4}');
    return new RegExp(`^${pattern}$`).test(h);
  });
}

/** COUNT or SHARE of a measure code (an indicator of the catalogue or a target-only measure); null when unknown. */
export function measureKind(code: string, measures: ReadonlyMap<string, PlanMeasureRecord>): IndicatorMeasureKind | null {
  return indicatorByCode(code)?.measure ?? measures.get(code)?.measure ?? null;
}

interface DefinitionRow {
  id: string;
  version: number;
  latest_version: number;
  name: string;
  unit_code: string;
  row_kind: PlanTableRows;
  columns: ColumnDefinition[];
  relations: ColumnRelation[];
  total_row_names: string[];
  units_add_up: boolean;
  created_at: Date;
  created_by: string | null;
}

const SELECT_DEFINITION = `SELECT d.id, v.version, d.latest_version, v.name, d.unit_code, v.row_kind, v.columns, v.relations,
  v.total_row_names, v.units_add_up, v.created_at, v.created_by
  FROM plan_table_definition d JOIN plan_table_version v ON v.definition_id = d.id`;

function fromRow(r: DefinitionRow): TableDefinition {
  return {
    id: r.id,
    version: r.version,
    latestVersion: r.latest_version,
    name: r.name,
    unitCode: r.unit_code,
    rows: r.row_kind,
    columns: r.columns,
    relations: r.relations,
    totalRowNames: r.total_row_names,
    unitsAddUp: r.units_add_up,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

/** A definition at `version` (its latest when omitted), or null. */
export async function loadDefinition(db: Queryable, id: string, version?: number | null): Promise<TableDefinition | null> {
  const rows = await db.query<DefinitionRow[]>(
    `${SELECT_DEFINITION} WHERE d.id = $1 AND v.version = coalesce($2::int, d.latest_version)`,
    [id, version ?? null],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The latest version of every definition, optionally of the units in `paths`' subtrees, by name. */
export async function listDefinitions(db: Queryable, unitCodes: readonly string[] | null): Promise<TableDefinition[]> {
  const rows = await db.query<DefinitionRow[]>(
    `${SELECT_DEFINITION} WHERE v.version = d.latest_version AND ($1::varchar[] IS NULL OR d.unit_code = ANY($1))
    ORDER BY v.name, d.id`,
    [unitCodes],
  );
  return rows.map(fromRow);
}

/** Every version of a definition, oldest first. */
export async function definitionVersions(db: Queryable, id: string): Promise<TableDefinition[]> {
  const rows = await db.query<DefinitionRow[]>(`${SELECT_DEFINITION} WHERE d.id = $1 ORDER BY v.version`, [id]);
  return rows.map(fromRow);
}

interface MeasureRow {
  code: string;
  unit_code: string;
  measure: IndicatorMeasureKind;
  name_vi: string;
  name_en: string;
  definition_vi: string;
  definition_en: string;
}

/** Target-only measures by code (all of them, or those named). */
export async function loadMeasures(db: Queryable, codes?: readonly string[]): Promise<Map<string, PlanMeasureRecord>> {
  const rows = await db.query<MeasureRow[]>(
    'SELECT * FROM plan_measure WHERE $1::varchar[] IS NULL OR code = ANY($1) ORDER BY code',
    [codes ?? null],
  );
  return new Map(
    rows.map((r) => [
      r.code,
      {
        code: r.code,
        unitCode: r.unit_code,
        measure: r.measure,
        name: { vi: r.name_vi, en: r.name_en },
        definition: { vi: r.definition_vi, en: r.definition_en },
      },
    ]),
  );
}

const bad = (field: string, vi: string, en: string) => domainError('BAD_USER_INPUT', { vi, en }, { field });

/** Input of a definition, after GraphQL (measures defined inline become `newMeasures`). */
export interface DefinitionInput {
  name: string;
  rows: PlanTableRows;
  columns: ColumnDefinition[];
  relations: ColumnRelation[];
  totalRowNames: string[];
  unitsAddUp: boolean;
}

/**
 * Checks a definition before it is stored (typed bilingual errors, field `input.*`): names
 * and headers present and distinct (headers and variants do not overlap), every column's
 * measure known, at most one column per measure (two columns feeding one indicator are
 * refused: define each part as a target-only measure and the indicator's column as their
 * SUM), relations naming columns of the table, SUM over COUNT columns, SHARE columns of a
 * SHARE measure over two COUNT columns.
 */
export function checkDefinition(input: DefinitionInput, measures: ReadonlyMap<string, PlanMeasureRecord>): void {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 300)
    throw bad('input.name', 'Tên bảng phải có từ 1 đến 300 ký tự', 'The table name must have 1 to 300 characters');
  if (input.columns.length === 0)
    throw bad('input.columns', 'Bảng phải có ít nhất một cột', 'The table must have at least one column');
  const allHeaders = new Map<string, string>();
  const byMeasure = new Map<string, string>();
  for (const [i, c] of input.columns.entries()) {
    const field = `input.columns.${i}`;
    if (c.header.trim() === '') throw bad(`${field}.header`, `Cột ${i + 1} chưa có tiêu đề`, `Column ${i + 1} has no header`);
    if (c.label.vi.trim() === '' || c.label.en.trim() === '')
      throw bad(
        `${field}.label`,
        `Cột "${c.header}" cần nhãn tiếng Việt và tiếng Anh`,
        `Column "${c.header}" needs a Vietnamese and an English label`,
      );
    for (const h of [c.header, ...c.variants]) {
      const key = normHeader(h);
      const owner = allHeaders.get(key);
      if (owner !== undefined)
        throw bad(
          `${field}.header`,
          `Tiêu đề "${h}" đã dùng cho cột "${owner}"`,
          `The header "${h}" is already used by the column "${owner}"`,
        );
      allHeaders.set(key, c.header);
    }
    if (measureKind(c.measure, measures) === null)
      throw bad(
        `${field}.measure`,
        `Cột "${c.header}": "${c.measure}" không phải chỉ số trong danh mục hay chỉ tiêu riêng đã định nghĩa`,
        `Column "${c.header}": "${c.measure}" is neither an indicator of the catalogue nor a defined target-only measure`,
      );
    const other = byMeasure.get(c.measure);
    if (other !== undefined)
      throw bad(
        `${field}.measure`,
        `Hai cột "${other}" và "${c.header}" cùng ghi chỉ tiêu ${c.measure}: hãy định nghĩa từng phần là chỉ tiêu riêng và cột ${c.measure} là tổng của chúng`,
        `Two columns "${other}" and "${c.header}" both set ${c.measure}: define each part as a target-only measure and the ${c.measure} column as their sum`,
      );
    byMeasure.set(c.measure, c.header);
  }
  const kindOf = new Map(input.columns.map((c) => [c.header, measureKind(c.measure, measures)]));
  for (const [i, r] of input.relations.entries()) {
    const field = `input.relations.${i}`;
    for (const h of [r.column, ...r.parts]) {
      if (!kindOf.has(h))
        throw bad(
          field,
          `Quan hệ nêu cột "${h}" không có trong bảng`,
          `The relation names a column "${h}" the table does not have`,
        );
    }
    if (r.parts.includes(r.column) || new Set(r.parts).size !== r.parts.length)
      throw bad(field, `Quan hệ của cột "${r.column}" lặp cột`, `The relation of the column "${r.column}" repeats a column`);
    if (r.kind === 'SUM') {
      if (r.parts.length < 2 || [r.column, ...r.parts].some((h) => kindOf.get(h) !== 'COUNT'))
        throw bad(
          field,
          `Cột tổng "${r.column}" phải là tổng của ít nhất hai cột số lượng`,
          `The total column "${r.column}" must be the sum of at least two count columns`,
        );
    } else if (r.parts.length !== 2 || kindOf.get(r.column) !== 'SHARE' || r.parts.some((h) => kindOf.get(h) !== 'COUNT')) {
      throw bad(
        field,
        `Cột tỷ lệ "${r.column}" phải là chỉ tiêu tỷ lệ, tính từ đúng hai cột số lượng (tử số, mẫu số)`,
        `The share column "${r.column}" must be a share measure over exactly two count columns (numerator, denominator)`,
      );
    }
  }
  const totals = input.relations.map((r) => r.column);
  if (new Set(totals).size !== totals.length)
    throw bad('input.relations', 'Một cột chỉ có một quan hệ', 'A column can have one relation only');
}

/** Checks a target-only measure's input (code pattern, not a catalogue code, texts present). */
export function checkMeasure(m: PlanMeasureRecord, field: string): void {
  if (!/^[A-Z][A-Z0-9_]{2,63}$/.test(m.code))
    throw bad(
      `${field}.code`,
      `Mã chỉ tiêu "${m.code}" phải gồm chữ in hoa, số và dấu gạch dưới (3–64 ký tự)`,
      `The measure code "${m.code}" must be 3 to 64 capital letters, digits or underscores`,
    );
  if (indicatorByCode(m.code))
    throw bad(
      `${field}.code`,
      `"${m.code}" là mã một chỉ số trong danh mục, không thể là chỉ tiêu riêng`,
      `"${m.code}" is an indicator of the catalogue, not a target-only measure`,
    );
  for (const [text, what] of [
    [m.name.vi, 'name'],
    [m.name.en, 'name'],
    [m.definition.vi, 'definition'],
    [m.definition.en, 'definition'],
  ] as const) {
    if (text.trim() === '' || text.length > (what === 'name' ? 300 : 4000))
      throw bad(
        `${field}.${what}`,
        `Chỉ tiêu ${m.code} cần tên và định nghĩa bằng tiếng Việt và tiếng Anh`,
        `The measure ${m.code} needs a name and a definition in Vietnamese and English`,
      );
  }
}
