import { isWithin, units, validOn, type AdministrativeUnitRecord, type UnitLevel } from '../reference/units';
import { addDays, addMonths } from '../dates';
import type { LocalizedText } from './catalogue';

export type PeriodKind = 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'YEAR';

/** Every period kind, shortest first (the order of the schema's enum). */
export const PERIOD_KINDS: readonly PeriodKind[] = ['MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR'];

export interface PeriodInput {
  kind: PeriodKind;
  year: number;
  number?: number | null;
}

/** A reporting period: first and last day inclusive. */
export interface PeriodRecord {
  kind: PeriodKind;
  year: number;
  /** The month (1-12), quarter (1-4) or half (1 first, 2 second); null for YEAR. */
  number: number | null;
  from: string;
  to: string;
  /** "Quý 2/2026" / "Q2 2026", "6 tháng đầu năm 2026" / "First half of 2026". */
  label: LocalizedText;
}

const MONTHS_OF: Readonly<Record<PeriodKind, number>> = { MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12 };
const MAX_NUMBER: Readonly<Record<PeriodKind, number>> = { MONTH: 12, QUARTER: 4, HALF_YEAR: 2, YEAR: 0 };

/** Why a period input is not a period (vi, en), or null when it is one. */
export function periodProblem(input: PeriodInput): LocalizedText | null {
  if (!PERIOD_KINDS.includes(input.kind)) {
    return { vi: 'Loại kỳ báo cáo không hợp lệ', en: 'Unknown period kind' };
  }
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    return { vi: 'Năm của kỳ báo cáo phải từ 2000 đến 2100', en: 'The period year must be between 2000 and 2100' };
  }
  const max = MAX_NUMBER[input.kind];
  const n = input.number;
  if (max === 0) {
    return n === null || n === undefined ? null : { vi: 'Kỳ báo cáo năm không có số kỳ', en: 'A YEAR period takes no number' };
  }
  if (n === null || n === undefined || !Number.isInteger(n) || n < 1 || n > max) {
    if (input.kind === 'HALF_YEAR')
      return {
        vi: 'Kỳ 6 tháng phải là 1 (6 tháng đầu năm) hoặc 2 (6 tháng cuối năm)',
        en: 'A HALF_YEAR period is number 1 (first half) or 2 (second half)',
      };
    return { vi: `Số kỳ phải từ 1 đến ${max}`, en: `The period number must be between 1 and ${max}` };
  }
  return null;
}

const MONTH_NAMES_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function label(kind: PeriodKind, year: number, n: number | null): LocalizedText {
  switch (kind) {
    case 'MONTH':
      return { vi: `Tháng ${n}/${year}`, en: `${MONTH_NAMES_EN[(n ?? 1) - 1]} ${year}` };
    case 'QUARTER':
      return { vi: `Quý ${n}/${year}`, en: `Q${n} ${year}` };
    case 'HALF_YEAR':
      return n === 1
        ? { vi: `6 tháng đầu năm ${year}`, en: `First half of ${year}` }
        : { vi: `6 tháng cuối năm ${year}`, en: `Second half of ${year}` };
    case 'YEAR':
      return { vi: `Năm ${year}`, en: `Year ${year}` };
  }
}

/** The period of a valid input (check periodProblem first). */
export function periodOf(input: PeriodInput): PeriodRecord {
  const number = input.kind === 'YEAR' ? null : (input.number ?? 1);
  const months = MONTHS_OF[input.kind];
  const firstMonth = number === null ? 1 : (number - 1) * months + 1;
  const from = `${input.year}-${String(firstMonth).padStart(2, '0')}-01`;
  return {
    kind: input.kind,
    year: input.year,
    number,
    from,
    to: addDays(addMonths(from, months), -1),
    label: label(input.kind, input.year, number),
  };
}

/**
 * The version of a unit a report for `period` is about: the one valid at the period's end,
 * else at its start (a district in a 2025 report), else its latest.
 */
export function unitForPeriod(code: string, period: Pick<PeriodRecord, 'from' | 'to'>): AdministrativeUnitRecord | undefined {
  return units().at(code, period.to) ?? units().at(code, period.from) ?? units().current(code);
}

/**
 * The units a report on `unit` for `period` breaks down by: its children valid at the
 * period's end (the new communes for a period reaching past 1 July 2025), else at its start
 * (the districts for a period before the reform).
 */
export function childUnitsForPeriod(
  unit: AdministrativeUnitRecord,
  period: Pick<PeriodRecord, 'from' | 'to'>,
  levels: readonly UnitLevel[],
): AdministrativeUnitRecord[] {
  const on = validOn(unit, period.to) ? period.to : period.from;
  return units()
    .childrenOf(unit.code, on, levels)
    .filter((u) => u.parentCode === unit.code && isWithin(u.path, unit.path));
}
