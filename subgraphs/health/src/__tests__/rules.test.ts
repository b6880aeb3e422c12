import { CRITERIA, conclude, findingProblems, isAddicted, type Criterion, type ObservationPattern } from '../rules/addiction';
import { PHASES, advancePhase, ageOn, enrolmentProblem, missedDays, requireOngoing } from '../rules/treatment';

/** Every subset of the six criteria (64). */
const SUBSETS: Criterion[][] = Array.from({ length: 1 << CRITERIA.length }, (_, mask) =>
  CRITERIA.filter((_c, i) => (mask >> i) & 1),
);
const PATTERNS: ObservationPattern[] = ['TOGETHER_AT_LEAST_ONE_MONTH', 'REPEATED_WITHIN_12_MONTHS', 'NEITHER'];

describe('addiction criteria (Circular 18/2021/TT-BYT)', () => {
  it.each(PATTERNS)('decides every subset of criteria under %s', (pattern) => {
    for (const criteria of SUBSETS) {
      expect(isAddicted({ substanceClass: 'OPIOIDS', criteria, pattern })).toBe(criteria.length >= 3 && pattern !== 'NEITHER');
    }
  });

  it('counts distinct criteria only', () => {
    expect(
      isAddicted({
        substanceClass: 'OPIOIDS',
        criteria: ['CRAVING', 'CRAVING', 'TOLERANCE'],
        pattern: 'TOGETHER_AT_LEAST_ONE_MONTH',
      }),
    ).toBe(false);
  });

  it('concludes per substance class, in schema order, addicted when at least one class is', () => {
    const c = conclude([
      { substanceClass: 'CANNABIS', criteria: ['CRAVING', 'TOLERANCE', 'WITHDRAWAL'], pattern: 'REPEATED_WITHIN_12_MONTHS' },
      { substanceClass: 'STIMULANTS', criteria: ['CRAVING', 'TOLERANCE'], pattern: 'TOGETHER_AT_LEAST_ONE_MONTH' },
      {
        substanceClass: 'OPIOIDS',
        criteria: ['CRAVING', 'LOSS_OF_CONTROL', 'TOLERANCE', 'WITHDRAWAL'],
        pattern: 'TOGETHER_AT_LEAST_ONE_MONTH',
      },
    ]);
    expect(c.addicted).toBe(true);
    expect(c.substanceClasses).toEqual(['OPIOIDS', 'CANNABIS']);
    expect(c.findings.map((f) => f.addicted)).toEqual([true, false, true]);
    expect(conclude([{ substanceClass: 'OTHER', criteria: CRITERIA, pattern: 'NEITHER' }])).toMatchObject({
      addicted: false,
      substanceClasses: [],
    });
  });

  it('rejects empty findings, a class twice and a criterion twice, naming the field', () => {
    expect(findingProblems([]).map((p) => p.field)).toEqual(['input.findings']);
    expect(
      findingProblems([
        { substanceClass: 'OPIOIDS', criteria: [], pattern: 'NEITHER' },
        { substanceClass: 'OPIOIDS', criteria: ['CRAVING', 'CRAVING'], pattern: 'NEITHER' },
      ]).map((p) => p.field),
    ).toEqual(['input.findings.1.substanceClass', 'input.findings.1.criteria']);
    expect(findingProblems([{ substanceClass: 'OPIOIDS', criteria: ['CRAVING'], pattern: 'NEITHER' }])).toEqual([]);
  });
});

describe('treatment phases', () => {
  const pairs = PHASES.flatMap((from) => PHASES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', (from, to) => {
    const legal = PHASES.indexOf(to) === PHASES.indexOf(from) + 1;
    const result = advancePhase(from, to);
    expect(result.ok).toBe(legal);
    if (!result.ok) expect(result.text.vi).toMatch(/Không thể chuyển/);
  });

  it('allows termination and transfer from every phase but STOPPED', () => {
    for (const phase of PHASES) expect(requireOngoing(phase, { vi: 'x', en: 'x' }).ok).toBe(phase !== 'STOPPED');
  });
});

describe('enrolment conditions', () => {
  const base = {
    opioidAddictionDetermined: true,
    dateOfBirth: '2000-05-10',
    enrolledOn: '2026-01-01',
    guardianConsentedOn: null,
  };
  it('needs a determined opioid addiction', () => {
    expect(enrolmentProblem(base)).toBeNull();
    expect(enrolmentProblem({ ...base, opioidAddictionDetermined: false })).toBe('NO_OPIOID_ADDICTION');
  });
  it("needs a guardian's consent, given by enrolment, under 16 only", () => {
    const minor = { ...base, dateOfBirth: '2010-01-02' };
    expect(ageOn(minor.dateOfBirth, minor.enrolledOn)).toBe(15);
    expect(enrolmentProblem(minor)).toBe('GUARDIAN_CONSENT_REQUIRED');
    expect(enrolmentProblem({ ...minor, guardianConsentedOn: '2026-01-02' })).toBe('CONSENT_AFTER_ENROLMENT');
    expect(enrolmentProblem({ ...minor, guardianConsentedOn: '2026-01-01' })).toBeNull();
    // Sixteen on the day of enrolment: no consent needed.
    expect(enrolmentProblem({ ...base, dateOfBirth: '2010-01-01' })).toBeNull();
  });
  it('rejects a birth after enrolment first', () => {
    expect(enrolmentProblem({ ...base, dateOfBirth: '2026-01-02', opioidAddictionDetermined: false })).toBe(
      'BORN_AFTER_ENROLMENT',
    );
  });
  it('counts whole years', () => {
    expect(ageOn('2008-02-29', '2024-02-28')).toBe(15);
    expect(ageOn('2008-02-29', '2024-02-29')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
  });
});

describe('missed days', () => {
  it('counts the days after the last dose up to asOf, or from enrolment', () => {
    expect(missedDays('2026-03-10', '2026-03-01', '2026-03-10')).toBe(0);
    expect(missedDays('2026-03-10', '2026-03-01', '2026-03-07')).toBe(3);
    expect(missedDays('2026-03-03', '2026-03-01', null)).toBe(3);
    expect(missedDays('2026-03-01', '2026-03-01', null)).toBe(1);
  });
});
