import { isWithin, units, validOn, type AdministrativeUnitRecord, type UnitLevel } from '../reference/units';
import { addDays, addMonths } from '../dates';

export type PeriodKind = 'MONTH' | 'QUARTER' | 'YEAR';

export interface PeriodInput {
  kind: PeriodKind;
  year: number;
  number?: number | null;
}

/** A reporting period: first and last day inclusive. */
export interface PeriodRecord {
  kind: PeriodKind;
  year: number;
  number: number | null;
  from: string;
  to: string;
  label: string;
}

const MONTHS_OF: Readonly<Record<PeriodKind, number>> = { MONTH: 1, QUARTER: 3, YEAR: 12 };
const MAX_NUMBER: Readonly<Record<PeriodKind, number>> = { MONTH: 12, QUARTER: 4, YEAR: 0 };

/** Why a period input is not a period (vi, en), or null when it is one. */
export function periodProblem(input: PeriodInput): { vi: string; en: string } | null {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) {
    return { vi: 'Năm của kỳ báo cáo phải từ 2000 đến 2100', en: 'The period year must be between 2000 and 2100' };
  }
  const max = MAX_NUMBER[input.kind];
  const n = input.number;
  if (max === 0) {
    return n === null || n === undefined ? null : { vi: 'Kỳ báo cáo năm không có số kỳ', en: 'A YEAR period takes no number' };
  }
  if (n === null || n === undefined || !Number.isInteger(n) || n < 1 || n > max) {
    return { vi: `Số kỳ phải từ 1 đến ${max}`, en: `The period number must be between 1 and ${max}` };
  }
  return null;
}

function label(kind: PeriodKind, year: number, n: number | null): string {
  if (kind === 'MONTH') return `Tháng ${n}/${year}`;
  if (kind === 'QUARTER') return `Quý ${n}/${year}`;
  return `Năm ${year}`;
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
