import { addDays, daysBetween } from '@rehab/shared-schema';
import { periodEnd, type RuleDuration } from '../rules/legal-time';

export const REGISTRATION_FORMS = ['VOLUNTARY_COMMUNITY', 'VOLUNTARY_FACILITY', 'SUBSTITUTION_TREATMENT'] as const;
export type RegistrationForm = (typeof REGISTRATION_FORMS)[number];

export type RegistrationStatus = 'NO_DEADLINE' | 'PENDING' | 'SATISFIED' | 'SATISFIED_LATE' | 'OVERDUE' | 'COMPULSORY_ADMITTED';

/** Exceptions to the Monday–Friday week: weekdays off and Saturdays worked (working_calendar_exception). */
export interface WorkingCalendar {
  daysOff: ReadonlySet<string>;
  workingWeekends: ReadonlySet<string>;
}

export const WEEKENDS_ONLY: WorkingCalendar = { daysOff: new Set(), workingWeekends: new Set() };

export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  if (calendar.workingWeekends.has(day)) return true;
  if (calendar.daysOff.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** `date` plus `value` working days of `calendar`: the day after `date` is the first counted. */
export function addWorkingDays(date: string, value: number, calendar: WorkingCalendar): string {
  let day = date;
  let left = value;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return day;
}

/** The deadline of a registration period of `rule` from the informed date; null without a rule (no deadline). */
export function registrationDeadline(informedOn: string, rule: RuleDuration | null, calendar: WorkingCalendar): string | null {
  if (!rule) return null;
  return rule.unit === 'WORKING_DAYS' ? addWorkingDays(informedOn, rule.value, calendar) : periodEnd(informedOn, rule);
}

export interface DeadlineFacts {
  deadlineOn: string | null;
  registeredOn: string | null;
  compulsoryAdmittedOn?: string | null;
}

/**
 * The state of a deadline as of `asOf`: a registration on or before the deadline satisfies
 * it, one after it satisfies it late; without one it is pending until the deadline and
 * overdue after, until a compulsory admission closes it. A registration after asOf is not known yet.
 */
export function registrationStatus(d: DeadlineFacts, asOf: string): RegistrationStatus {
  const registered = d.registeredOn !== null && d.registeredOn <= asOf ? d.registeredOn : null;
  if (d.deadlineOn === null) return registered ? 'SATISFIED' : 'NO_DEADLINE';
  if (registered) return registered <= d.deadlineOn ? 'SATISFIED' : 'SATISFIED_LATE';
  if (d.compulsoryAdmittedOn && d.compulsoryAdmittedOn <= asOf) return 'COMPULSORY_ADMITTED';
  return asOf > d.deadlineOn ? 'OVERDUE' : 'PENDING';
}

/** Calendar days past the deadline as of `asOf` (0 when not overdue). */
export function daysOverdue(d: DeadlineFacts, asOf: string): number {
  return registrationStatus(d, asOf) === 'OVERDUE' && d.deadlineOn ? daysBetween(d.deadlineOn, asOf) : 0;
}
