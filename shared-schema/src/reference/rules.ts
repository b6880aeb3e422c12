/**
 * Legal durations, deadlines and obligations with the period each is in force. A case is
 * judged by the rule in force on the day it started (ruleAt). Values are data, not
 * constants in code: a new law adds rows, it does not change code; a correction of a
 * row is a data change (a migration), with the row's legal basis beside it.
 */
export type DurationUnit = 'HOURS' | 'DAYS' | 'WORKING_DAYS' | 'MONTHS';

/** DURATION: a value and unit; OBLIGATION: a duty or power that exists while the row is in force. */
export type LegalRuleKind = 'DURATION' | 'OBLIGATION';

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
  | 'RESIDENCE_CHANGE_NOTICE'
  | 'VOLUNTARY_REHAB_REPEAT'
  | 'MOVE_PRESENTATION_DEADLINE'
  | 'SUBSTANCE_DECLARATION'
  | 'SUMMONS_APPEARANCE'
  | 'ELECTRONIC_MONITORING'
  | 'MINOR_COMPULSORY_PLACEMENT';

export interface LegalRuleRecord {
  code: LegalRuleCode;
  description: string;
  kind: LegalRuleKind;
  /** Null for an obligation. */
  value: number | null;
  unit: DurationUnit | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  legalBasis: string;
  /** The migration batch that loads the row: 1 the first release, 2 the older law and Law 120/2025's further rows. */
  batch: 1 | 2;
}

const LAW_2008 =
  'Luật Phòng, chống ma túy 2000 (sửa đổi 2008, 16/2008/QH12); Luật Xử lý vi phạm hành chính 2012; Nghị định 221/2013/NĐ-CP, 94/2010/NĐ-CP';
const LAW_2021 = 'Luật Phòng, chống ma túy 2021 (73/2021/QH14); Nghị định 116/2021/NĐ-CP';
const LAW_2025 = 'Luật sửa đổi Luật Phòng, chống ma túy (120/2025/QH15), hiệu lực 01/7/2026';
const FROM_2009 = '2009-01-01';
const UNTIL_2021 = '2021-12-31';
const FROM_2022 = '2022-01-01';
const UNTIL_2026 = '2026-06-30';
const FROM_2026 = '2026-07-01';

type Row = Omit<LegalRuleRecord, 'kind' | 'batch'> & { value: number; unit: DurationUnit };

const duration =
  (batch: 1 | 2) =>
  (r: Row): LegalRuleRecord => ({ ...r, kind: 'DURATION', batch });
const obligation = (code: LegalRuleCode, description: string): LegalRuleRecord => ({
  code,
  description,
  kind: 'OBLIGATION',
  value: null,
  unit: null,
  effectiveFrom: FROM_2026,
  effectiveTo: null,
  legalBasis: LAW_2025,
  batch: 2,
});

/** As first released: the 2021 law, and Law 120/2025's compulsory terms and 24-hour notice. */
const FIRST_RELEASE: readonly Row[] = [
  {
    code: 'DRUG_USER_MANAGEMENT_PERIOD',
    description: 'Thời hạn quản lý người sử dụng trái phép chất ma túy',
    value: 12,
    unit: 'MONTHS',
    effectiveFrom: FROM_2022,
    effectiveTo: null,
    legalBasis: LAW_2021,
  },
  {
    code: 'TREATMENT_REGISTRATION_DEADLINE',
    description: 'Thời hạn đăng ký cai nghiện sau khi có kết quả xác định nghiện',
    value: 5,
    unit: 'WORKING_DAYS',
    effectiveFrom: FROM_2022,
    effectiveTo: null,
    legalBasis: LAW_2021,
  },
  {
    code: 'VOLUNTARY_REHAB_MIN',
    description: 'Thời gian cai nghiện tự nguyện tối thiểu',
    value: 6,
    unit: 'MONTHS',
    effectiveFrom: FROM_2022,
    effectiveTo: UNTIL_2026,
    legalBasis: LAW_2021,
  },
  {
    code: 'VOLUNTARY_REHAB_MAX',
    description: 'Thời gian cai nghiện tự nguyện tối đa',
    value: 12,
    unit: 'MONTHS',
    effectiveFrom: FROM_2022,
    effectiveTo: UNTIL_2026,
    legalBasis: LAW_2021,
  },
  {
    code: 'COMPULSORY_ADULT_MIN',
    description: 'Thời hạn cai nghiện bắt buộc người thành niên, tối thiểu',
    value: 12,
    unit: 'MONTHS',
    effectiveFrom: FROM_2022,
    effectiveTo: UNTIL_2026,
    legalBasis: LAW_2021,
  },
  {
    code: 'COMPULSORY_ADULT_MAX',
    description: 'Thời hạn cai nghiện bắt buộc người thành niên, tối đa',
    value: 24,
    unit: 'MONTHS',
    effectiveFrom: FROM_2022,
    effectiveTo: UNTIL_2026,
    legalBasis: LAW_2021,
  },
  {
    code: 'COMPULSORY_ADULT_MIN',
    description: 'Thời hạn cai nghiện bắt buộc người thành niên lần đầu',
    value: 24,
    unit: 'MONTHS',
    effectiveFrom: FROM_2026,
    effectiveTo: null,
    legalBasis: LAW_2025,
  },
  {
    code: 'COMPULSORY_ADULT_MAX',
    description: 'Thời hạn cai nghiện bắt buộc người thành niên lần đầu',
    value: 24,
    unit: 'MONTHS',
    effectiveFrom: FROM_2026,
    effectiveTo: null,
    legalBasis: LAW_2025,
  },
  {
    code: 'COMPULSORY_ADULT_REPEAT',
    description: 'Thời hạn cai nghiện bắt buộc người thành niên từ lần thứ hai',
    value: 36,
    unit: 'MONTHS',
    effectiveFrom: FROM_2026,
    effectiveTo: null,
    legalBasis: LAW_2025,
  },
  {
    code: 'COMPULSORY_MINOR_MIN',
    description: 'Thời hạn cai nghiện bắt buộc người từ đủ 12 đến dưới 18 tuổi, tối thiểu',
    value: 6,
    unit: 'MONTHS',
    effectiveFrom: FROM_2022,
    effectiveTo: null,
    legalBasis: LAW_2021,
  },
  {
    code: 'COMPULSORY_MINOR_MAX',
    description: 'Thời hạn cai nghiện bắt buộc người từ đủ 12 đến dưới 18 tuổi, tối đa',
    value: 12,
    unit: 'MONTHS',
    effectiveFrom: FROM_2022,
    effectiveTo: null,
    legalBasis: LAW_2021,
  },
  {
    code: 'POST_REHAB_MANAGEMENT_PERIOD',
    description: 'Thời hạn quản lý sau cai nghiện tại nơi cư trú',
    value: 12,
    unit: 'MONTHS',
    effectiveFrom: FROM_2022,
    effectiveTo: null,
    legalBasis: LAW_2021,
  },
  {
    code: 'RESIDENCE_CHANGE_NOTICE',
    description: 'Thời hạn Công an xã nơi đi chuyển hồ sơ cho Công an xã nơi đến khi người bị quản lý thay đổi nơi cư trú',
    value: 24,
    unit: 'HOURS',
    effectiveFrom: FROM_2026,
    effectiveTo: null,
    legalBasis: LAW_2025,
  },
];

/**
 * Cases begun before 2022 (the older law), and what Law 120/2025 adds from 1 July 2026:
 * 24 months for a first rehab and 36 from the second in every form, voluntary included
 * (the bill as presented; a correction is a data change), presentation at the new commune
 * within 24 hours of a move, and the new duties and powers.
 */
const SECOND_BATCH: readonly Row[] = [
  {
    code: 'COMPULSORY_ADULT_MIN',
    description: 'Thời hạn cai nghiện bắt buộc người thành niên, tối thiểu',
    value: 12,
    unit: 'MONTHS',
    effectiveFrom: FROM_2009,
    effectiveTo: UNTIL_2021,
    legalBasis: LAW_2008,
  },
  {
    code: 'COMPULSORY_ADULT_MAX',
    description: 'Thời hạn cai nghiện bắt buộc người thành niên, tối đa',
    value: 24,
    unit: 'MONTHS',
    effectiveFrom: FROM_2009,
    effectiveTo: UNTIL_2021,
    legalBasis: LAW_2008,
  },
  {
    code: 'COMPULSORY_MINOR_MIN',
    description: 'Thời hạn cai nghiện bắt buộc người từ đủ 12 đến dưới 18 tuổi, tối thiểu',
    value: 12,
    unit: 'MONTHS',
    effectiveFrom: FROM_2009,
    effectiveTo: UNTIL_2021,
    legalBasis: LAW_2008,
  },
  {
    code: 'COMPULSORY_MINOR_MAX',
    description: 'Thời hạn cai nghiện bắt buộc người từ đủ 12 đến dưới 18 tuổi, tối đa',
    value: 24,
    unit: 'MONTHS',
    effectiveFrom: FROM_2009,
    effectiveTo: UNTIL_2021,
    legalBasis: LAW_2008,
  },
  {
    code: 'VOLUNTARY_REHAB_MIN',
    description: 'Thời gian cai nghiện tự nguyện tối thiểu',
    value: 6,
    unit: 'MONTHS',
    effectiveFrom: FROM_2009,
    effectiveTo: UNTIL_2021,
    legalBasis: LAW_2008,
  },
  {
    code: 'VOLUNTARY_REHAB_MAX',
    description: 'Thời gian cai nghiện tự nguyện tối đa',
    value: 12,
    unit: 'MONTHS',
    effectiveFrom: FROM_2009,
    effectiveTo: UNTIL_2021,
    legalBasis: LAW_2008,
  },
  {
    code: 'POST_REHAB_MANAGEMENT_PERIOD',
    description: 'Thời hạn quản lý sau cai nghiện tại nơi cư trú (luật quy định 1–2 năm; áp dụng mức 1 năm)',
    value: 12,
    unit: 'MONTHS',
    effectiveFrom: FROM_2009,
    effectiveTo: UNTIL_2021,
    legalBasis: LAW_2008,
  },
  {
    code: 'VOLUNTARY_REHAB_MIN',
    description: 'Thời hạn cai nghiện tự nguyện lần đầu (mọi hình thức)',
    value: 24,
    unit: 'MONTHS',
    effectiveFrom: FROM_2026,
    effectiveTo: null,
    legalBasis: LAW_2025,
  },
  {
    code: 'VOLUNTARY_REHAB_MAX',
    description: 'Thời hạn cai nghiện tự nguyện lần đầu (mọi hình thức)',
    value: 24,
    unit: 'MONTHS',
    effectiveFrom: FROM_2026,
    effectiveTo: null,
    legalBasis: LAW_2025,
  },
  {
    code: 'VOLUNTARY_REHAB_REPEAT',
    description: 'Thời hạn cai nghiện tự nguyện từ lần thứ hai',
    value: 36,
    unit: 'MONTHS',
    effectiveFrom: FROM_2026,
    effectiveTo: null,
    legalBasis: LAW_2025,
  },
  {
    code: 'MOVE_PRESENTATION_DEADLINE',
    description: 'Thời hạn người bị quản lý trình diện Công an xã nơi đến sau khi thay đổi nơi cư trú',
    value: 24,
    unit: 'HOURS',
    effectiveFrom: FROM_2026,
    effectiveTo: null,
    legalBasis: LAW_2025,
  },
];

export const LEGAL_RULES: readonly LegalRuleRecord[] = [
  ...FIRST_RELEASE.map(duration(1)),
  ...SECOND_BATCH.map(duration(2)),
  obligation(
    'SUBSTANCE_DECLARATION',
    'Người sử dụng trái phép chất ma túy đang bị quản lý phải khai báo loại chất ma túy đã sử dụng và nguồn gốc với Công an xã',
  ),
  obligation('SUMMONS_APPEARANCE', 'Người sử dụng trái phép chất ma túy đang bị quản lý phải có mặt khi Công an xã triệu tập'),
  obligation(
    'ELECTRONIC_MONITORING',
    'Trưởng Công an xã có thể quyết định giám sát điện tử người cai nghiện tự nguyện tại gia đình, cộng đồng, người điều trị thay thế và người bị quản lý sau cai nghiện',
  ),
  obligation(
    'MINOR_COMPULSORY_PLACEMENT',
    'Người từ đủ 12 đến dưới 18 tuổi cai nghiện bắt buộc tại trường giáo dưỡng hoặc cơ sở cai nghiện công lập phù hợp',
  ),
];

/** Rules in force on `date` (YYYY-MM-DD). */
export function rulesInForce(date: string, rules: readonly LegalRuleRecord[] = LEGAL_RULES): LegalRuleRecord[] {
  return rules.filter((r) => r.effectiveFrom <= date && (r.effectiveTo === null || date <= r.effectiveTo));
}

/** The rule with `code` in force on `date`, or undefined when none is. */
export function ruleAt(
  code: LegalRuleCode,
  date: string,
  rules: readonly LegalRuleRecord[] = LEGAL_RULES,
): LegalRuleRecord | undefined {
  return rulesInForce(date, rules).find((r) => r.code === code);
}

/** A duration row: its value and unit are set. */
export type DurationRule = LegalRuleRecord & { kind: 'DURATION'; value: number; unit: DurationUnit };

export function isDurationRule(rule: LegalRuleRecord | undefined): rule is DurationRule {
  return rule?.kind === 'DURATION' && rule.value !== null && rule.unit !== null;
}

/** The duration `code` in force on `date`, or undefined when none is (or the row is not a duration). */
export function durationAt(
  code: LegalRuleCode,
  date: string,
  rules: readonly LegalRuleRecord[] = LEGAL_RULES,
): DurationRule | undefined {
  const rule = ruleAt(code, date, rules);
  return isDurationRule(rule) ? rule : undefined;
}
