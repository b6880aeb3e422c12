import { addDays, ageOn } from '@rehab/shared-schema';

/** Support activities a volunteer logs, and the relapse risk they observe (pure rules). */
export const SUPPORT_ACTIVITY_KINDS = ['VISIT', 'COUNSELLING', 'FAMILY_SUPPORT', 'JOB_REFERRAL'] as const;
export type SupportActivityKind = (typeof SUPPORT_ACTIVITY_KINDS)[number];

export const RELAPSE_RISKS = ['NONE', 'LOW', 'HIGH'] as const;
export type RelapseRisk = (typeof RELAPSE_RISKS)[number];

/** A short note: longer text belongs in the agencies' own files, not a volunteer's log. */
export const MAX_NOTE_LENGTH = 500;

/** A person is due a visit when nothing was logged for this many days (default of the worklist). */
export const DEFAULT_VISIT_INTERVAL_DAYS = 30;
/** A period "ends soon" within this many days. */
export const PERIOD_ENDING_DAYS = 30;

/** Only a HIGH risk is reported to police and labour (LOW stays in the volunteer's log). */
export function mustNotify(risk: RelapseRisk): boolean {
  return risk === 'HIGH';
}

/** Is the volunteer full? Active assignments against the organisation's limit. */
export function hasCapacity(activeCount: number, maxActiveAssignments: number): boolean {
  return activeCount < maxActiveAssignments;
}

export interface WorklistFacts {
  startedOn: string;
  lastActivityOn: string | null;
  periodEndsOn: string | null;
  dateOfBirth: string | null;
}

/** Due a visit: no activity (or, before any, since the start) in the last `intervalDays` days. */
export function visitDue(f: WorklistFacts, asOf: string, intervalDays: number): boolean {
  const since = f.lastActivityOn ?? f.startedOn;
  return since <= addDays(asOf, -intervalDays);
}

/** The period ends within PERIOD_ENDING_DAYS of asOf (and has not ended before it). */
export function periodEnding(f: WorklistFacts, asOf: string): boolean {
  return f.periodEndsOn !== null && f.periodEndsOn >= asOf && f.periodEndsOn <= addDays(asOf, PERIOD_ENDING_DAYS);
}

export function ageAt(f: WorklistFacts, asOf: string): number | null {
  return f.dateOfBirth === null ? null : ageOn(f.dateOfBirth, asOf);
}
