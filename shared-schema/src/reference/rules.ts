/**
 * Legal durations and deadlines with the period each is in force. A case is judged by
 * the rule in force on the day it started (ruleAt). Values are data, not constants in
 * code: a new law adds rows, it does not change code.
 */
export type DurationUnit = 'HOURS' | 'DAYS' | 'WORKING_DAYS' | 'MONTHS';

export type LegalRuleCode =
  | 'DRUG_USER_MANAGEMENT_PERIOD'
  | 'TREATMENT_REGISTRATION_DEADLINE'
  | 'VOLUNTARY_REHAB_MIN'
  | 'VOLUNTARY_REHAB_MAX'
  | 'COMPULSORY_ADULT_MIN'
  | 'COMPULSORY_ADULT_MAX'
  | 'COMPULSORY_ADULT_REPEAT'
  | 'COMPULSORY_MINOR_MIN'
  | 'COMPULSORY_MINOR_MAX'
  | 'POST_REHAB_MANAGEMENT_PERIOD'
  | 'RESIDENCE_CHANGE_NOTICE';

export interface LegalRuleRecord {
  code: LegalRuleCode;
  description: string;
  value: number;
  unit: DurationUnit;
  effectiveFrom: string;
  effectiveTo: string | null;
  legalBasis: string;
}

const LAW_2021 = 'Luật Phòng, chống ma túy 2021 (73/2021/QH14); Nghị định 116/2021/NĐ-CP';
const LAW_2025 = 'Luật sửa đổi Luật Phòng, chống ma túy (120/2025/QH15), hiệu lực 01/7/2026';
const FROM_2022 = '2022-01-01';
const UNTIL_2026 = '2026-06-30';
const FROM_2026 = '2026-07-01';

export const LEGAL_RULES: readonly LegalRuleRecord[] = [
  { code: 'DRUG_USER_MANAGEMENT_PERIOD', description: 'Thời hạn quản lý người sử dụng trái phép chất ma túy', value: 12, unit: 'MONTHS', effectiveFrom: FROM_2022, effectiveTo: null, legalBasis: LAW_2021 },
  { code: 'TREATMENT_REGISTRATION_DEADLINE', description: 'Thời hạn đăng ký cai nghiện sau khi có kết quả xác định nghiện', value: 5, unit: 'WORKING_DAYS', effectiveFrom: FROM_2022, effectiveTo: null, legalBasis: LAW_2021 },
  { code: 'VOLUNTARY_REHAB_MIN', description: 'Thời gian cai nghiện tự nguyện tối thiểu', value: 6, unit: 'MONTHS', effectiveFrom: FROM_2022, effectiveTo: null, legalBasis: LAW_2021 },
  { code: 'VOLUNTARY_REHAB_MAX', description: 'Thời gian cai nghiện tự nguyện tối đa', value: 12, unit: 'MONTHS', effectiveFrom: FROM_2022, effectiveTo: null, legalBasis: LAW_2021 },
  { code: 'COMPULSORY_ADULT_MIN', description: 'Thời hạn cai nghiện bắt buộc người thành niên, tối thiểu', value: 12, unit: 'MONTHS', effectiveFrom: FROM_2022, effectiveTo: UNTIL_2026, legalBasis: LAW_2021 },
  { code: 'COMPULSORY_ADULT_MAX', description: 'Thời hạn cai nghiện bắt buộc người thành niên, tối đa', value: 24, unit: 'MONTHS', effectiveFrom: FROM_2022, effectiveTo: UNTIL_2026, legalBasis: LAW_2021 },
  { code: 'COMPULSORY_ADULT_MIN', description: 'Thời hạn cai nghiện bắt buộc người thành niên lần đầu', value: 24, unit: 'MONTHS', effectiveFrom: FROM_2026, effectiveTo: null, legalBasis: LAW_2025 },
  { code: 'COMPULSORY_ADULT_MAX', description: 'Thời hạn cai nghiện bắt buộc người thành niên lần đầu', value: 24, unit: 'MONTHS', effectiveFrom: FROM_2026, effectiveTo: null, legalBasis: LAW_2025 },
  { code: 'COMPULSORY_ADULT_REPEAT', description: 'Thời hạn cai nghiện bắt buộc người thành niên từ lần thứ hai', value: 36, unit: 'MONTHS', effectiveFrom: FROM_2026, effectiveTo: null, legalBasis: LAW_2025 },
  { code: 'COMPULSORY_MINOR_MIN', description: 'Thời hạn cai nghiện bắt buộc người từ đủ 12 đến dưới 18 tuổi, tối thiểu', value: 6, unit: 'MONTHS', effectiveFrom: FROM_2022, effectiveTo: null, legalBasis: LAW_2021 },
  { code: 'COMPULSORY_MINOR_MAX', description: 'Thời hạn cai nghiện bắt buộc người từ đủ 12 đến dưới 18 tuổi, tối đa', value: 12, unit: 'MONTHS', effectiveFrom: FROM_2022, effectiveTo: null, legalBasis: LAW_2021 },
  { code: 'POST_REHAB_MANAGEMENT_PERIOD', description: 'Thời hạn quản lý sau cai nghiện tại nơi cư trú', value: 12, unit: 'MONTHS', effectiveFrom: FROM_2022, effectiveTo: null, legalBasis: LAW_2021 },
  { code: 'RESIDENCE_CHANGE_NOTICE', description: 'Thời hạn thông báo cho xã nơi đến khi người bị quản lý thay đổi nơi cư trú', value: 24, unit: 'HOURS', effectiveFrom: FROM_2026, effectiveTo: null, legalBasis: LAW_2025 },
];

/** Rules in force on `date` (YYYY-MM-DD). */
export function rulesInForce(date: string, rules: readonly LegalRuleRecord[] = LEGAL_RULES): LegalRuleRecord[] {
  return rules.filter((r) => r.effectiveFrom <= date && (r.effectiveTo === null || date <= r.effectiveTo));
}

/** The rule with `code` in force on `date`, or undefined when none is. */
export function ruleAt(code: LegalRuleCode, date: string,
  rules: readonly LegalRuleRecord[] = LEGAL_RULES): LegalRuleRecord | undefined {
  return rulesInForce(date, rules).find((r) => r.code === code);
}
