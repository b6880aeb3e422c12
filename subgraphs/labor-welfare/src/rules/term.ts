import type { Bilingual } from '@rehab/server-kit';
import { durationAt, type DurationRule, type LegalRuleCode, type LegalRuleRecord } from '@rehab/shared-schema';
import { ageOn } from '@rehab/shared-schema';
import { badInput, notAllowed } from './errors';

/** Below this age nobody may be sent to compulsory rehab. */
export const COMPULSORY_MIN_AGE = 12;
/** From this age the adult durations apply. */
export const ADULT_AGE = 18;

export type TermCategory = 'MINOR' | 'ADULT_FIRST' | 'ADULT_REPEAT';

/** The terms (in months) the law allows for one dossier. */
export interface AllowedTerm {
  minMonths: number;
  maxMonths: number;
  category: TermCategory;
  /** The law the durations come from (the one in force when the dossier started). */
  legalBasis: string;
}

function rule(code: LegalRuleCode, startedOn: string, rules: readonly LegalRuleRecord[]): DurationRule {
  const found = durationAt(code, startedOn, rules);
  if (found?.unit !== 'MONTHS') {
    throw badInput(
      {
        vi: `Không có quy định ${code} có hiệu lực ngày ${startedOn}`,
        en: `No rule ${code} is in force on ${startedOn}`,
      },
      'startedOn',
    );
  }
  return found;
}

/**
 * The term range for a person `age` years old at the court's decision, judged by the
 * law in force on `startedOn` (the day the dossier was started):
 * - 12 to under 18: COMPULSORY_MINOR_MIN..MAX;
 * - adults, repeat case, when that law has COMPULSORY_ADULT_REPEAT: exactly that value;
 * - other adults: COMPULSORY_ADULT_MIN..MAX (12–24 months before 1 July 2026, 24 from then).
 * Under 12: a typed ILLEGAL_TRANSITION error (not eligible).
 */
export function compulsoryTermRange(
  age: number,
  repeat: boolean,
  startedOn: string,
  rules: readonly LegalRuleRecord[],
): AllowedTerm {
  if (age < COMPULSORY_MIN_AGE) {
    throw notAllowed(
      {
        vi: `Người dưới ${COMPULSORY_MIN_AGE} tuổi (${age} tuổi) không thuộc đối tượng cai nghiện bắt buộc`,
        en: `A person under ${COMPULSORY_MIN_AGE} (aged ${age}) cannot be sent to compulsory rehab`,
      },
      'subjectDateOfBirth',
    );
  }
  if (age < ADULT_AGE) {
    const min = rule('COMPULSORY_MINOR_MIN', startedOn, rules);
    const max = rule('COMPULSORY_MINOR_MAX', startedOn, rules);
    return { minMonths: min.value, maxMonths: max.value, category: 'MINOR', legalBasis: max.legalBasis };
  }
  const repeatRule = repeat ? durationAt('COMPULSORY_ADULT_REPEAT', startedOn, rules) : undefined;
  if (repeatRule?.unit === 'MONTHS') {
    return {
      minMonths: repeatRule.value,
      maxMonths: repeatRule.value,
      category: 'ADULT_REPEAT',
      legalBasis: repeatRule.legalBasis,
    };
  }
  const min = rule('COMPULSORY_ADULT_MIN', startedOn, rules);
  const max = rule('COMPULSORY_ADULT_MAX', startedOn, rules);
  return {
    minMonths: min.value,
    maxMonths: max.value,
    category: repeat ? 'ADULT_REPEAT' : 'ADULT_FIRST',
    legalBasis: max.legalBasis,
  };
}

/** The range for a dossier: age from the snapshot's date of birth on the decision date. */
export function termRangeForDossier(
  dateOfBirth: string,
  decidedOn: string,
  repeat: boolean,
  startedOn: string,
  rules: readonly LegalRuleRecord[],
): AllowedTerm {
  return compulsoryTermRange(ageOn(dateOfBirth, decidedOn), repeat, startedOn, rules);
}

function rangeText(range: { minMonths: number; maxMonths: number }): Bilingual {
  return range.minMonths === range.maxMonths
    ? { vi: `đúng ${range.minMonths} tháng`, en: `exactly ${range.minMonths} months` }
    : {
        vi: `từ ${range.minMonths} đến ${range.maxMonths} tháng`,
        en: `between ${range.minMonths} and ${range.maxMonths} months`,
      };
}

/** Throws a typed BAD_USER_INPUT error on `field` when `months` lies outside `range`. */
export function checkTerm(
  months: number,
  range: { minMonths: number; maxMonths: number; legalBasis: string },
  field = 'termMonths',
): void {
  if (!Number.isInteger(months) || months < range.minMonths || months > range.maxMonths) {
    const allowed = rangeText(range);
    throw badInput(
      {
        vi: `Thời hạn ${months} tháng không hợp lệ: phải ${allowed.vi} (${range.legalBasis})`,
        en: `A term of ${months} months is not allowed: it must be ${allowed.en} (${range.legalBasis})`,
      },
      field,
    );
  }
}

/**
 * Voluntary rehab (at a facility or at home/community): VOLUNTARY_REHAB_MIN..MAX in force on
 * `startedOn` (6–12 months under the 2021 law, 24 from 1 July 2026), or exactly
 * VOLUNTARY_REHAB_REPEAT for a repeat rehab where that law has one (36 months).
 */
export function voluntaryTermRange(
  startedOn: string,
  rules: readonly LegalRuleRecord[],
  repeat = false,
): { minMonths: number; maxMonths: number; legalBasis: string } {
  const repeatRule = repeat ? durationAt('VOLUNTARY_REHAB_REPEAT', startedOn, rules) : undefined;
  if (repeatRule?.unit === 'MONTHS')
    return { minMonths: repeatRule.value, maxMonths: repeatRule.value, legalBasis: repeatRule.legalBasis };
  const min = rule('VOLUNTARY_REHAB_MIN', startedOn, rules);
  const max = rule('VOLUNTARY_REHAB_MAX', startedOn, rules);
  return { minMonths: min.value, maxMonths: max.value, legalBasis: max.legalBasis };
}

/** The post-rehab management period (months) in force on the decision date. */
export function postRehabPeriodMonths(decisionOn: string, rules: readonly LegalRuleRecord[]): number {
  const found = durationAt('POST_REHAB_MANAGEMENT_PERIOD', decisionOn, rules);
  if (found?.unit !== 'MONTHS') {
    throw badInput(
      {
        vi: `Không có quy định thời hạn quản lý sau cai nghiện có hiệu lực ngày ${decisionOn}`,
        en: `No post-rehab management period is in force on ${decisionOn}`,
      },
      'decisionOn',
    );
  }
  return found.value;
}
