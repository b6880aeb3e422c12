import { indicatorByCode } from '@rehab/shared-schema';

/**
 * Column header → indicator code: the published tables' headers (Hà Nội 2022
 * appendices I and II), generalised over the year where a header names one, plus any
 * indicator code itself as a header (e.g. METHADONE_MAINTAINED). Headers are compared
 * trimmed and case-insensitively.
 */
export const HEADER_INDICATORS: readonly (readonly [RegExp, string])[] = [
  [/^compulsory_rehab_dossiers$/, 'COMPULSORY_DOSSIERS'],
  [/^post_rehab_management$/, 'POST_REHAB_MANAGEMENT'],
  [/^reintegration_support$/, 'REINTEGRATION_SUPPORT'],
  [/^models_maintained(_from_\d{4})?$/, 'POST_REHAB_MODELS_MAINTAINED'],
  [/^models_new(_\d{4})?$/, 'POST_REHAB_MODELS_NEW'],
  [/^models_total(_\d{4})?$/, 'POST_REHAB_MODELS_TOTAL'],
  [/^compulsory_admissions$/, 'FACILITY_ADMISSIONS'],
  [/^voluntary_mobili[sz]ation$/, 'VOLUNTARY_MOBILISED'],
  [/^vocational_training$/, 'FACILITY_VOCATIONAL_TRAINING'],
];

/**
 * Parts and their total within one row: the total column must equal the sum of its parts
 * when all are given.
 */
export const ROW_RELATIONS: readonly { total: string; parts: readonly string[] }[] = [
  { total: 'POST_REHAB_MODELS_TOTAL', parts: ['POST_REHAB_MODELS_MAINTAINED', 'POST_REHAB_MODELS_NEW'] },
];

/** Row names of the published total row (compared trimmed, case-insensitively). */
export const TOTAL_ROW_NAMES: readonly string[] = ['tổng', 'tổng cộng', 'cộng', 'toàn thành phố', 'toàn tỉnh', 'total'];

/** The indicator a header maps to, or null. */
export function indicatorOfHeader(header: string): string | null {
  const h = header.trim().toLowerCase().normalize('NFC');
  const mapped = HEADER_INDICATORS.find(([pattern]) => pattern.test(h));
  if (mapped) return mapped[1];
  const code = header.trim().toUpperCase();
  return indicatorByCode(code) ? code : null;
}
