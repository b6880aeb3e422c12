import { domainError } from '@rehab/server-kit';

/** Plan years the system accepts (the plan_target table checks the same range). */
export const PLAN_YEAR_MIN = 2000;
export const PLAN_YEAR_MAX = 2100;

/** Throws a typed bilingual error when `year` is not a plan year. */
export function checkPlanYear(year: number): void {
  if (!Number.isInteger(year) || year < PLAN_YEAR_MIN || year > PLAN_YEAR_MAX) {
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: `Năm kế hoạch phải từ ${PLAN_YEAR_MIN} đến ${PLAN_YEAR_MAX}`,
        en: `The plan year must be between ${PLAN_YEAR_MIN} and ${PLAN_YEAR_MAX}`,
      },
      { field: 'year' },
    );
  }
}
