import { addDays, addMonths, todayInHanoi, type DurationUnit } from '@rehab/shared-schema';

/** The part of a legal rule durations need (a row of the rules table). */
export interface RuleDuration {
  value: number;
  unit: DurationUnit;
}

/** A date (YYYY-MM-DD) plus `value` working days: Monday to Friday count, weekends do not. */
export function addWorkingDays(date: string, value: number): string {
  let day = date;
  let left = value;
  while (left > 0) {
    day = addDays(day, 1);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return day;
}

/** The date a period of `rule` ends when it starts on `start` (YYYY-MM-DD). */
export function periodEnd(start: string, rule: RuleDuration): string {
  switch (rule.unit) {
    case 'MONTHS':
      return addMonths(start, rule.value);
    case 'DAYS':
      return addDays(start, rule.value);
    case 'WORKING_DAYS':
      return addWorkingDays(start, rule.value);
    case 'HOURS':
      return addDays(start, Math.ceil(rule.value / 24));
  }
}

const HOUR_MS = 3_600_000;

/** The instant a deadline of `rule` falls due when it runs from `from`. */
export function deadlineAfter(from: Date, rule: RuleDuration): Date {
  if (rule.unit === 'HOURS') return new Date(from.getTime() + rule.value * HOUR_MS);
  const time = from.toISOString().slice(10);
  const day = periodEnd(from.toISOString().slice(0, 10), rule);
  return new Date(`${day}${time}`);
}

/**
 * Today's date in Việt Nam (YYYY-MM-DD, UTC+7): the default of worklists' asOf and the bound of
 * "not in the future". (The UTC date refused an officer's today between midnight and 07:00.)
 */
export function today(now: Date = new Date()): string {
  return todayInHanoi(now);
}
