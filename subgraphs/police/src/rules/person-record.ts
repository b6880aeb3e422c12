import type { Bilingual } from '@rehab/server-kit';
import { callerUnitLevel } from '@rehab/server-kit';
import {
  centurySexDigit,
  formatDateVi,
  identificationProblems,
  todayInHanoi,
  unitAt,
  units,
  type Caller,
  type IdentificationProblem,
  type Sex,
} from '@rehab/shared-schema';
import { stateMachine } from './state-machine';
import type { InputProblem } from './drug-user-management';

/**
 * A registry record is ACTIVE, or MERGED into another (the survivor). A merged record
 * keeps its id, number and history; nothing is done on it any more.
 */
export const RECORD_STATUSES = ['ACTIVE', 'MERGED'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const RECORD_ACTIONS = ['EDIT', 'MERGE_AWAY', 'ABSORB', 'ACT_ON'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

export const personRecordMachine = stateMachine<RecordStatus, RecordAction>(
  RECORD_STATUSES,
  RECORD_ACTIONS,
  {
    ACTIVE: { EDIT: 'ACTIVE', MERGE_AWAY: 'MERGED', ABSORB: 'ACTIVE', ACT_ON: 'ACTIVE' },
    MERGED: {},
  },
  {
    entity: { vi: 'hồ sơ nhân khẩu', en: 'registry record' },
    states: {
      ACTIVE: { vi: 'đang sử dụng', en: 'active' },
      MERGED: { vi: 'đã hợp nhất vào hồ sơ khác', en: 'merged into another record' },
    },
    actions: {
      EDIT: { vi: 'sửa hồ sơ', en: 'edit the record' },
      MERGE_AWAY: { vi: 'hợp nhất hồ sơ này vào hồ sơ khác', en: 'merge this record into another' },
      ABSORB: { vi: 'nhận hợp nhất hồ sơ khác', en: 'merge another record into this one' },
      ACT_ON: { vi: 'ghi nhận nghiệp vụ mới', en: 'record a new action on the record' },
    },
  },
);

const SEX_VI: Record<Sex, string> = { MALE: 'nam', FEMALE: 'nữ' };
const SEX_EN: Record<Sex, string> = { MALE: 'male', FEMALE: 'female' };

/** The Vietnamese and English explanation of one identification-number problem. */
export function identificationProblemText(
  problem: IdentificationProblem,
  number: string,
  dateOfBirth: string,
  sex: Sex,
): Bilingual {
  const year = Number(dateOfBirth.slice(0, 4));
  switch (problem) {
    case 'FORMAT':
      return { vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số', en: 'The identification number must be exactly 12 digits' };
    case 'PROVINCE':
      return {
        vi: `Ba chữ số đầu ${number.slice(0, 3)} không phải mã tỉnh, thành phố nơi đăng ký khai sinh`,
        en: `The first three digits ${number.slice(0, 3)} are not a province code of birth registration`,
      };
    case 'CENTURY_SEX': {
      const expected = centurySexDigit(year, sex);
      return {
        vi: `Chữ số thứ tư (${number[3]}) không khớp thế kỷ sinh và giới tính: người ${SEX_VI[sex]} sinh năm ${year} phải có chữ số ${expected}`,
        en: `The fourth digit (${number[3]}) does not match the century of birth and sex: a ${SEX_EN[sex]} born in ${year} has ${expected}`,
      };
    }
    case 'BIRTH_YEAR': {
      const expected = String(year % 100).padStart(2, '0');
      return {
        vi: `Chữ số thứ năm và thứ sáu (${number.slice(4, 6)}) không khớp năm sinh ${year}: phải là ${expected}`,
        en: `The fifth and sixth digits (${number.slice(4, 6)}) do not match the year of birth ${year}: they must be ${expected}`,
      };
    }
  }
}

/** Every inconsistency of a number with the date of birth and sex, explained. */
export function identificationNumberProblems(number: string, dateOfBirth: string, sex: Sex): Bilingual[] {
  return identificationProblems(number, dateOfBirth, sex).map((p) => identificationProblemText(p, number, dateOfBirth, sex));
}

export interface PersonFacts {
  fullName: string;
  otherNames: readonly string[];
  dateOfBirth: string;
  ethnicity: string;
  addressLines: readonly { field: string; value: string }[];
}

const EARLIEST_BIRTH = '1900-01-01';

export function personFactProblems(p: PersonFacts, today: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const name = p.fullName.trim();
  if (name === '' || name.length > 200) {
    problems.push({
      field: 'fullName',
      text: { vi: 'Họ và tên phải có từ 1 đến 200 ký tự', en: 'The full name must have 1 to 200 characters' },
    });
  }
  if (p.otherNames.some((n) => n.trim() === '' || n.length > 200)) {
    problems.push({
      field: 'otherNames',
      text: {
        vi: 'Tên gọi khác không được để trống và không quá 200 ký tự',
        en: 'Other names must be non-empty and at most 200 characters',
      },
    });
  }
  if (p.dateOfBirth < EARLIEST_BIRTH || p.dateOfBirth > today) {
    problems.push({
      field: 'dateOfBirth',
      text: {
        vi: `Ngày sinh ${p.dateOfBirth} phải từ ${EARLIEST_BIRTH} đến hôm nay`,
        en: `The date of birth ${p.dateOfBirth} must lie between ${EARLIEST_BIRTH} and today`,
      },
    });
  }
  if (p.ethnicity.trim() === '' || p.ethnicity.length > 64) {
    problems.push({
      field: 'ethnicity',
      text: { vi: 'Dân tộc phải có từ 1 đến 64 ký tự', en: 'The ethnicity must have 1 to 64 characters' },
    });
  }
  for (const line of p.addressLines) {
    if (line.value.trim() === '' || line.value.length > 300) {
      problems.push({
        field: line.field,
        text: { vi: 'Địa chỉ phải có từ 1 đến 300 ký tự', en: 'The address must have 1 to 300 characters' },
      });
    }
  }
  return problems;
}

/** Residences are communes valid on `on` (today by default): a commune that no longer exists is refused with its dates. */
export function residenceUnitProblem(field: string, unitCode: string, on: string = todayInHanoi()): InputProblem | null {
  const unit = unitAt(unitCode, on);
  if (unit?.level === 'COMMUNE') return null;
  if (unit)
    return {
      field,
      text: {
        vi: `Đơn vị ${unitCode} (${unit.name}) không phải cấp xã, phường, đặc khu`,
        en: `Unit ${unitCode} (${unit.name}) is not a commune`,
      },
    };
  const earlier = units().versions(unitCode)[0];
  return {
    field,
    text: earlier
      ? {
          vi: `Mã ${unitCode} không là đơn vị nào vào ngày ${formatDateVi(on)} (${earlier.name} đến ${earlier.validTo ? formatDateVi(earlier.validTo) : ''})`,
          en: `Code ${unitCode} names no unit on ${on} (${earlier.name} until ${earlier.validTo ?? ''})`,
        }
      : { vi: `Không có đơn vị hành chính mã ${unitCode}`, en: `No administrative unit with code ${unitCode}` },
  };
}

/**
 * Merging records is for provincial police (district police ended on 1 March 2025; a district
 * account keeps reading the past) and for supervisors.
 */
export function mayMerge(caller: Pick<Caller, 'role' | 'unitPath'>): boolean {
  if (caller.role === 'supervisor') return true;
  return caller.role === 'police_officer' && callerUnitLevel(caller) === 'PROVINCE';
}
