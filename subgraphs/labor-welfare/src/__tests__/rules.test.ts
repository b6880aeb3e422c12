import { GraphQLError } from 'graphql';
import { LEGAL_RULES, type RehabKind, type RehabStatus } from '@rehab/shared-schema';
import { addMonths, ageOn, daysBetween, monthOf } from '@rehab/shared-schema';
import {
  DOSSIER_ACTIONS,
  DOSSIER_STATUSES,
  isDossierActionAllowed,
  nextDossierStatus,
  type DossierAction,
  type DossierStatus,
} from '../rules/dossier';
import {
  EPISODE_ACTIONS,
  EPISODE_STATUSES,
  REHAB_KINDS,
  REHAB_PHASES,
  checkPhaseAdvance,
  nextEpisodeStatus,
  type EpisodeAction,
} from '../rules/episode';
import {
  POST_REHAB_ACTIONS,
  POST_REHAB_STATUSES,
  nextPostRehabStatus,
  type PostRehabAction,
  type PostRehabStatus,
} from '../rules/post-rehab';
import { requiredCareStaff, staffingCheck } from '../rules/staffing';
import { checkTerm, compulsoryTermRange, postRehabPeriodMonths, voluntaryTermRange } from '../rules/term';

function errorOf(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected a typed error');
}

function expectTyped(run: () => unknown, code: string, field?: string): void {
  const error = errorOf(run);
  expect(error.extensions.code).toBe(code);
  const i18n = error.extensions.i18n as { vi: string; en: string };
  expect(i18n.vi.length).toBeGreaterThan(0);
  expect(i18n.en.length).toBeGreaterThan(0);
  expect(i18n.vi).not.toBe(i18n.en);
  if (field) expect(error.extensions.field).toBe(field);
}

describe('dossier state machine', () => {
  /** The whole table: every status × action not listed is illegal. */
  const LEGAL: Record<DossierStatus, Partial<Record<DossierAction, DossierStatus>>> = {
    DRAFTED: { EDIT: 'DRAFTED', SUBMIT: 'SUBMITTED', SET_INTERIM_MEASURE: 'DRAFTED' },
    RETURNED_FOR_CORRECTION: {
      EDIT: 'RETURNED_FOR_CORRECTION',
      SUBMIT: 'SUBMITTED',
      SET_INTERIM_MEASURE: 'RETURNED_FOR_CORRECTION',
    },
    SUBMITTED: {
      RETURN_FOR_CORRECTION: 'RETURNED_FOR_CORRECTION',
      FORWARD_TO_COURT: 'FORWARDED_TO_COURT',
      SET_INTERIM_MEASURE: 'SUBMITTED',
      RECORD_FRONT_OPINION: 'SUBMITTED',
    },
    FORWARDED_TO_COURT: {
      APPROVE: 'APPROVED',
      REJECT: 'REJECTED',
      POSTPONE: 'POSTPONED',
      EXEMPT: 'EXEMPTED',
      SET_INTERIM_MEASURE: 'FORWARDED_TO_COURT',
      RECORD_FRONT_OPINION: 'FORWARDED_TO_COURT',
    },
    POSTPONED: {
      APPROVE: 'APPROVED',
      REJECT: 'REJECTED',
      EXEMPT: 'EXEMPTED',
      SET_INTERIM_MEASURE: 'POSTPONED',
      RECORD_FRONT_OPINION: 'POSTPONED',
    },
    APPROVED: { ESCORT: 'APPROVED', ADMIT: 'ADMITTED', SET_INTERIM_MEASURE: 'APPROVED' },
    REJECTED: {},
    EXEMPTED: {},
    ADMITTED: {},
  };
  const cases = DOSSIER_STATUSES.flatMap((from) => DOSSIER_ACTIONS.map((action) => [from, action] as const));

  it.each(cases)('%s × %s', (from, action) => {
    const to = LEGAL[from][action];
    expect(isDossierActionAllowed(from, action)).toBe(to !== undefined);
    if (to) expect(nextDossierStatus(from, action)).toBe(to);
    else expectTyped(() => nextDossierStatus(from, action), 'ILLEGAL_TRANSITION');
  });

  it('names the action and the state in both languages', () => {
    const error = errorOf(() => nextDossierStatus('ADMITTED', 'SUBMIT'));
    expect(error.extensions.i18n).toEqual({
      vi: 'Không thể gửi hồ sơ: hồ sơ đề nghị đang ở trạng thái “đã tiếp nhận vào cơ sở”',
      en: 'Cannot submit the dossier: the dossier is admitted to a facility',
    });
  });
});

describe('episode state machine', () => {
  const LEGAL: Record<RehabStatus, Partial<Record<EpisodeAction, RehabStatus>>> = {
    ADMITTED: {
      ADVANCE_PHASE: 'ADMITTED',
      GRANT_LEAVE: 'ON_LEAVE',
      ESCAPE: 'ABSCONDED',
      TRANSFER: 'ADMITTED',
      COMPLETE: 'COMPLETED',
      TERMINATE: 'TERMINATED',
      SET_PLAN: 'ADMITTED',
      PLACE_IN_AREA: 'ADMITTED',
    },
    ON_LEAVE: {
      RETURN_FROM_LEAVE: 'ADMITTED',
      MARK_LEAVE_OVERDUE: 'ABSCONDED',
      TERMINATE: 'TERMINATED',
      PLACE_IN_AREA: 'ON_LEAVE',
    },
    ABSCONDED: { RETURN_AFTER_ESCAPE: 'ADMITTED', TERMINATE: 'TERMINATED' },
    COMPLETED: {},
    TERMINATED: {},
  };
  const FACILITY_ONLY = new Set<EpisodeAction>([
    'GRANT_LEAVE',
    'RETURN_FROM_LEAVE',
    'ESCAPE',
    'MARK_LEAVE_OVERDUE',
    'RETURN_AFTER_ESCAPE',
    'TRANSFER',
    'PLACE_IN_AREA',
  ]);
  const COMMUNITY_ONLY = new Set<EpisodeAction>(['SET_PLAN']);
  const cases = REHAB_KINDS.flatMap((kind) =>
    EPISODE_STATUSES.flatMap((from) => EPISODE_ACTIONS.map((action) => [kind, from, action] as const)),
  );

  it.each(cases)('%s: %s × %s', (kind: RehabKind, from, action) => {
    const community = kind === 'VOLUNTARY_COMMUNITY';
    const excluded = community ? FACILITY_ONLY.has(action) : COMMUNITY_ONLY.has(action);
    const to = excluded ? undefined : LEGAL[from][action];
    if (to) expect(nextEpisodeStatus(kind, from, action)).toBe(to);
    else expectTyped(() => nextEpisodeStatus(kind, from, action), 'ILLEGAL_TRANSITION');
  });

  it('completes neither before admission (no such state) nor while absconded or on leave', () => {
    expectTyped(() => nextEpisodeStatus('COMPULSORY', 'ABSCONDED', 'COMPLETE'), 'ILLEGAL_TRANSITION');
    expectTyped(() => nextEpisodeStatus('COMPULSORY', 'ON_LEAVE', 'COMPLETE'), 'ILLEGAL_TRANSITION');
  });

  it('moves phases forward only (skipping allowed)', () => {
    expect(() => checkPhaseAdvance(null, 'DETOX')).not.toThrow();
    expect(() => checkPhaseAdvance('INTAKE_CLASSIFICATION', 'DETOX')).not.toThrow();
    expect(() => checkPhaseAdvance('DETOX', 'EDUCATION_BEHAVIOUR')).not.toThrow();
    expect(() => checkPhaseAdvance('DETOX', 'REINTEGRATION_PREPARATION')).not.toThrow();
    for (const [i, current] of REHAB_PHASES.entries()) {
      for (const next of REHAB_PHASES.slice(0, i + 1))
        expectTyped(() => checkPhaseAdvance(current, next), 'ILLEGAL_TRANSITION', 'phase');
    }
  });
});

describe('post-rehab state machine', () => {
  const LEGAL: Record<PostRehabStatus, Partial<Record<PostRehabAction, PostRehabStatus>>> = {
    AWAITING_DECISION: { DECIDE: 'UNDER_MANAGEMENT', RELAPSE: 'RELAPSED' },
    UNDER_MANAGEMENT: {
      ASSIGN_SUPPORTERS: 'UNDER_MANAGEMENT',
      RELAPSE: 'RELAPSED',
      RECORD_DRUG_USE: 'UNDER_MANAGEMENT',
      COMPLETE: 'COMPLETED',
    },
    RELAPSED: {},
    COMPLETED: {},
  };
  const cases = POST_REHAB_STATUSES.flatMap((from) => POST_REHAB_ACTIONS.map((action) => [from, action] as const));

  it.each(cases)('%s × %s', (from, action) => {
    const to = LEGAL[from][action];
    if (to) expect(nextPostRehabStatus(from, action)).toBe(to);
    else expectTyped(() => nextPostRehabStatus(from, action), 'ILLEGAL_TRANSITION');
  });
});

describe('compulsory term by age, repeat and the law in force when the dossier started', () => {
  const range = (age: number, repeat: boolean, startedOn: string) => {
    const r = compulsoryTermRange(age, repeat, startedOn, LEGAL_RULES);
    return [r.minMonths, r.maxMonths, r.category];
  };

  it('uses the 2021 law up to 30 June 2026', () => {
    expect(range(30, false, '2026-06-30')).toEqual([12, 24, 'ADULT_FIRST']);
    expect(range(30, true, '2026-06-30')).toEqual([12, 24, 'ADULT_REPEAT']);
    expect(range(15, false, '2026-06-30')).toEqual([6, 12, 'MINOR']);
  });

  it('uses Law 120/2025 from 1 July 2026: 24 months first time, 36 repeat', () => {
    expect(range(30, false, '2026-07-01')).toEqual([24, 24, 'ADULT_FIRST']);
    expect(range(30, true, '2026-07-01')).toEqual([36, 36, 'ADULT_REPEAT']);
    expect(range(15, true, '2026-07-01')).toEqual([6, 12, 'MINOR']);
  });

  it('treats 18 as adult and 12 as minor; under 12 is not eligible', () => {
    expect(range(18, false, '2025-01-01')[2]).toBe('ADULT_FIRST');
    expect(range(17, false, '2025-01-01')[2]).toBe('MINOR');
    expect(range(12, false, '2025-01-01')[2]).toBe('MINOR');
    expectTyped(() => compulsoryTermRange(11, false, '2025-01-01', LEGAL_RULES), 'ILLEGAL_TRANSITION', 'subjectDateOfBirth');
  });

  it('refuses a term outside the range with a typed error naming the law', () => {
    const law2021 = compulsoryTermRange(30, false, '2026-06-30', LEGAL_RULES);
    expect(() => checkTerm(12, law2021)).not.toThrow();
    expect(() => checkTerm(24, law2021)).not.toThrow();
    expectTyped(() => checkTerm(11, law2021), 'BAD_USER_INPUT', 'termMonths');
    expectTyped(() => checkTerm(25, law2021), 'BAD_USER_INPUT', 'termMonths');
    const law2025 = compulsoryTermRange(30, true, '2026-07-01', LEGAL_RULES);
    expectTyped(() => checkTerm(24, law2025), 'BAD_USER_INPUT', 'termMonths');
    expect(errorOf(() => checkTerm(24, law2025)).extensions.i18n).toMatchObject({
      en: expect.stringContaining('exactly 36 months'),
    });
  });

  it('takes the older law for a case begun before 2022, and has no rule before the rules table starts', () => {
    expect(compulsoryTermRange(30, false, '2021-06-01', LEGAL_RULES)).toMatchObject({
      minMonths: 12,
      maxMonths: 24,
      legalBasis: expect.stringContaining('2008'),
    });
    expect(compulsoryTermRange(15, false, '2021-06-01', LEGAL_RULES)).toMatchObject({
      minMonths: 12,
      maxMonths: 24,
      category: 'MINOR',
    });
    expectTyped(() => compulsoryTermRange(30, false, '2008-06-01', LEGAL_RULES), 'BAD_USER_INPUT', 'startedOn');
  });

  it('reads voluntary and post-rehab durations from the rules', () => {
    expect(voluntaryTermRange('2026-06-30', LEGAL_RULES)).toMatchObject({ minMonths: 6, maxMonths: 12 });
    // Law 120/2025: 24 months for a first rehab, 36 from the second, voluntary included.
    expect(voluntaryTermRange('2026-07-01', LEGAL_RULES)).toMatchObject({
      minMonths: 24,
      maxMonths: 24,
      legalBasis: expect.stringContaining('120/2025'),
    });
    expect(voluntaryTermRange('2026-07-01', LEGAL_RULES, true)).toMatchObject({ minMonths: 36, maxMonths: 36 });
    expect(voluntaryTermRange('2026-06-30', LEGAL_RULES, true)).toMatchObject({ minMonths: 6, maxMonths: 12 });
    expect(postRehabPeriodMonths('2026-08-01', LEGAL_RULES)).toBe(12);
    const shorter = LEGAL_RULES.map((r) => (r.code === 'POST_REHAB_MANAGEMENT_PERIOD' ? { ...r, value: 6 } : r));
    expect(postRehabPeriodMonths('2026-08-01', shorter)).toBe(6);
  });
});

describe('staffing: one care staff member per 7 compulsory or 9 voluntary residents', () => {
  it('counts a started group of residents as needing a staff member', () => {
    expect(requiredCareStaff(0, 0)).toBe(0);
    expect(requiredCareStaff(7, 0)).toBe(1);
    expect(requiredCareStaff(8, 0)).toBe(2);
    expect(requiredCareStaff(0, 9)).toBe(1);
    expect(requiredCareStaff(0, 10)).toBe(2);
    // Mixed: 7/7 + 9/9 = 2 exactly; one more of either needs a third.
    expect(requiredCareStaff(7, 9)).toBe(2);
    expect(requiredCareStaff(7, 10)).toBe(3);
  });

  it('flags a facility whose care staff (managers excluded) are fewer than required', () => {
    expect(staffingCheck(70, 0, 15, 5)).toEqual({
      compulsoryResidents: 70,
      voluntaryResidents: 0,
      careStaff: 10,
      requiredStaff: 10,
      overRatio: false,
    });
    expect(staffingCheck(71, 0, 15, 5).overRatio).toBe(true);
    expect(staffingCheck(0, 0, 3, 3).overRatio).toBe(false);
  });
});

describe('dates', () => {
  it('computes ages, months and month bounds', () => {
    expect(ageOn('2008-07-01', '2026-06-30')).toBe(17);
    expect(ageOn('2008-07-01', '2026-07-01')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(daysBetween('2026-06-30', '2026-07-02')).toBe(2);
    expect(monthOf('2026-02-14')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
  });
});
