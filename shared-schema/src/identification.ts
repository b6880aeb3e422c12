/**
 * Personal identification number (số định danh cá nhân), Circular 59/2021/TT-BCA:
 * 3 digits province of birth registration, 1 digit century and sex, 2 digits year of
 * birth, 6 random digits.
 */
export const PROVINCE_CODES: readonly string[] = [
  '001',
  '002',
  '004',
  '006',
  '008',
  '010',
  '011',
  '012',
  '014',
  '015',
  '017',
  '019',
  '020',
  '022',
  '024',
  '025',
  '026',
  '027',
  '030',
  '031',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '040',
  '042',
  '044',
  '045',
  '046',
  '048',
  '049',
  '051',
  '052',
  '054',
  '056',
  '058',
  '060',
  '062',
  '064',
  '066',
  '067',
  '068',
  '070',
  '072',
  '074',
  '075',
  '077',
  '079',
  '080',
  '082',
  '083',
  '084',
  '086',
  '087',
  '089',
  '091',
  '092',
  '093',
  '094',
  '095',
  '096',
];

export type Sex = 'MALE' | 'FEMALE';

export function isValidIdentificationFormat(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/** The century/sex digit for a birth year: 1900s male 0 female 1, 2000s 2/3, … */
export function centurySexDigit(birthYear: number, sex: Sex): number {
  const century = Math.floor(birthYear / 100) - 19;
  return century * 2 + (sex === 'FEMALE' ? 1 : 0);
}

export type IdentificationProblem = 'FORMAT' | 'PROVINCE' | 'CENTURY_SEX' | 'BIRTH_YEAR';

/** What is inconsistent between a number and the person's date of birth and sex. */
export function identificationProblems(number: string, dateOfBirth: string, sex: Sex): IdentificationProblem[] {
  if (!isValidIdentificationFormat(number)) return ['FORMAT'];
  const problems: IdentificationProblem[] = [];
  const year = Number(dateOfBirth.slice(0, 4));
  if (!PROVINCE_CODES.includes(number.slice(0, 3))) problems.push('PROVINCE');
  if (Number(number[3]) !== centurySexDigit(year, sex)) problems.push('CENTURY_SEX');
  if (number.slice(4, 6) !== String(year % 100).padStart(2, '0')) problems.push('BIRTH_YEAR');
  return problems;
}

export function makeIdentificationNumber(provinceCode: string, dateOfBirth: string, sex: Sex, serial: number): string {
  const year = Number(dateOfBirth.slice(0, 4));
  return `${provinceCode}${centurySexDigit(year, sex)}${String(year % 100).padStart(2, '0')}${String(serial % 1_000_000).padStart(6, '0')}`;
}
