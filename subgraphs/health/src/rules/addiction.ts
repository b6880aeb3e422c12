/**
 * Circular 18/2021/TT-BYT: a person is addicted to a substance class when at least three of
 * the six criteria occurred together for at least one month, or repeatedly within twelve
 * months. The conclusion is derived here, never typed by hand.
 */
export const CRITERIA = [
  'CRAVING',
  'LOSS_OF_CONTROL',
  'TOLERANCE',
  'NEGLECT_OF_OTHER_INTERESTS',
  'CONTINUED_USE_DESPITE_HARM',
  'WITHDRAWAL',
] as const;
export type Criterion = (typeof CRITERIA)[number];
export type ObservationPattern = 'TOGETHER_AT_LEAST_ONE_MONTH' | 'REPEATED_WITHIN_12_MONTHS' | 'NEITHER';
export type Substance = 'OPIOIDS' | 'STIMULANTS' | 'CANNABIS' | 'OTHER';
export const SUBSTANCE_ORDER: readonly Substance[] = ['OPIOIDS', 'STIMULANTS', 'CANNABIS', 'OTHER'];

/**
 * The day Circular 18/2021/TT-BYT and the 2021 drug law took effect: an examination recorded
 * here is a finding on its six criteria, so a request made on paper before it cannot be
 * entered late (it was examined under the earlier joint circular's criteria).
 */
export const CRITERIA_IN_FORCE_FROM = '2022-01-01';

/** The minimum number of distinct criteria (Circular 18/2021/TT-BYT, Article 4). */
export const MIN_CRITERIA = 3;

export interface Finding {
  substanceClass: Substance;
  criteria: readonly Criterion[];
  pattern: ObservationPattern;
}

export interface DerivedFinding extends Finding {
  addicted: boolean;
}

export interface Conclusion {
  addicted: boolean;
  /** The classes found addicted, in the schema's order. */
  substanceClasses: Substance[];
  findings: DerivedFinding[];
}

export function isAddicted(finding: Finding): boolean {
  return new Set(finding.criteria).size >= MIN_CRITERIA && finding.pattern !== 'NEITHER';
}

export interface Problem {
  field: string;
  text: { vi: string; en: string };
}

/** Input problems of an examination's findings (none, a class twice, a criterion twice). */
export function findingProblems(findings: readonly Finding[]): Problem[] {
  const problems: Problem[] = [];
  if (findings.length === 0) {
    problems.push({
      field: 'input.findings',
      text: { vi: 'Phải có ít nhất một nhóm chất được khám', en: 'At least one substance class must be examined' },
    });
  }
  const seen = new Set<Substance>();
  findings.forEach((f, i) => {
    if (seen.has(f.substanceClass)) {
      problems.push({
        field: `input.findings.${i}.substanceClass`,
        text: {
          vi: `Nhóm chất ${f.substanceClass} được ghi hai lần`,
          en: `Substance class ${f.substanceClass} appears twice`,
        },
      });
    }
    seen.add(f.substanceClass);
    if (new Set(f.criteria).size !== f.criteria.length) {
      problems.push({
        field: `input.findings.${i}.criteria`,
        text: { vi: 'Một tiêu chí được ghi hai lần', en: 'A criterion appears twice' },
      });
    }
  });
  return problems;
}

export function conclude(findings: readonly Finding[]): Conclusion {
  const derived = findings.map((f) => ({ ...f, criteria: [...f.criteria], addicted: isAddicted(f) }));
  const substanceClasses = SUBSTANCE_ORDER.filter((c) => derived.some((f) => f.substanceClass === c && f.addicted));
  return { addicted: substanceClasses.length > 0, substanceClasses, findings: derived };
}
