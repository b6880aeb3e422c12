import type { TreatmentPhase } from '@rehab/shared-schema';

/** Age below which a guardian's consent is needed to enrol (Decree 90/2016/ND-CP, Article 4). */
export const GUARDIAN_CONSENT_BELOW_AGE = 16;

export type Transition<S> = { ok: true; to: S } | { ok: false; text: { vi: string; en: string } };

/** The phases in order; each may only advance to the next one. */
export const PHASES: readonly TreatmentPhase[] = ['INDUCTION', 'DOSE_ADJUSTMENT', 'MAINTENANCE', 'TAPERING', 'STOPPED'];

const PHASE_VI: Record<TreatmentPhase, string> = {
  INDUCTION: 'dò liều',
  DOSE_ADJUSTMENT: 'điều chỉnh liều',
  MAINTENANCE: 'duy trì',
  TAPERING: 'giảm liều',
  STOPPED: 'ngừng điều trị',
};

export function advancePhase(from: TreatmentPhase, to: TreatmentPhase): Transition<TreatmentPhase> {
  const i = PHASES.indexOf(from);
  if (from !== 'STOPPED' && PHASES[i + 1] === to) return { ok: true, to };
  return {
    ok: false,
    text: {
      vi: `Không thể chuyển từ giai đoạn ${PHASE_VI[from]} sang ${PHASE_VI[to]}`,
      en: `Cannot move from phase ${from} to ${to}`,
    },
  };
}

/** Termination, or a transfer, is possible from every phase but STOPPED. */
export function requireOngoing(phase: TreatmentPhase, action: { vi: string; en: string }): Transition<TreatmentPhase> {
  if (phase !== 'STOPPED') return { ok: true, to: phase };
  return {
    ok: false,
    text: { vi: `Không thể ${action.vi}: đã ngừng điều trị`, en: `Cannot ${action.en}: the treatment has stopped` },
  };
}

/** Whole years of age on a date (birthdays on 29 February count on 1 March in other years). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export type EnrolmentProblem =
  'NO_OPIOID_ADDICTION' | 'GUARDIAN_CONSENT_REQUIRED' | 'BORN_AFTER_ENROLMENT' | 'CONSENT_AFTER_ENROLMENT';

export interface EnrolmentFacts {
  /** Is there a determination concluding opioid addiction on or before enrolment? */
  opioidAddictionDetermined: boolean;
  dateOfBirth: string;
  enrolledOn: string;
  guardianConsentedOn: string | null;
}

/** The conditions of enrolment, in the order they are checked; null when all hold. */
export function enrolmentProblem(facts: EnrolmentFacts): EnrolmentProblem | null {
  if (facts.dateOfBirth > facts.enrolledOn) return 'BORN_AFTER_ENROLMENT';
  if (!facts.opioidAddictionDetermined) return 'NO_OPIOID_ADDICTION';
  if (ageOn(facts.dateOfBirth, facts.enrolledOn) < GUARDIAN_CONSENT_BELOW_AGE) {
    if (facts.guardianConsentedOn === null) return 'GUARDIAN_CONSENT_REQUIRED';
    if (facts.guardianConsentedOn > facts.enrolledOn) return 'CONSENT_AFTER_ENROLMENT';
  }
  return null;
}

/** Consecutive days without a dose up to and including asOf (since enrolment when never dosed). */
export function missedDays(asOf: string, enrolledOn: string, lastDoseOn: string | null): number {
  const start = lastDoseOn ?? dayBefore(enrolledOn);
  return Math.max(0, Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000));
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
