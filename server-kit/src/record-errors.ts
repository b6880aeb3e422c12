import type { GraphQLError } from 'graphql';
import { isUuid } from '@rehab/shared-schema';
import { domainError } from './errors';

/** What a record is called in messages (vi/en), e.g. { vi: 'hồ sơ đề nghị', en: 'dossier' }. */
export interface RecordName {
  vi: string;
  en: string;
}

const capitalise = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** Ids of records and persons are UUIDs; anything else is bad input (not a database error). */
export function checkUuid(value: string, field: string): string {
  if (!isUuid(value)) {
    throw domainError('BAD_USER_INPUT', { vi: `Mã không hợp lệ: ${value}`, en: `Invalid id: ${value}` }, { field });
  }
  return value.toLowerCase();
}

/** An `expectedVersion` argument (optimistic locking) is a positive integer. */
export function checkVersion(value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: 'Phiên bản phải là số nguyên dương', en: 'The version must be a positive integer' },
      { field: 'expectedVersion' },
    );
  }
}

/** Someone else changed the record since the caller read it. */
export function staleVersion(name: RecordName, expected: number, actual: number): GraphQLError {
  return domainError(
    'CONFLICT',
    {
      vi: `${capitalise(name.vi)} đã được người khác cập nhật (phiên bản ${actual}, bạn sửa phiên bản ${expected}); hãy tải lại rồi thử lại`,
      en: `The ${name.en} was changed by someone else (version ${actual}, you edited version ${expected}); reload and try again`,
    },
    { field: 'expectedVersion' },
  );
}

/** Optimistic locking: the version the caller edited must still be the current one (none given: not checked). */
export function checkExpectedVersion(current: number, expected: number | null | undefined, name: RecordName): void {
  if (expected === null || expected === undefined || current === expected) return;
  throw staleVersion(name, expected, current);
}

/** Missing, or outside the caller's unit: the two are not told apart. */
export function recordNotFound(name: RecordName, id: string, field = 'id'): GraphQLError {
  return domainError(
    'NOT_FOUND',
    {
      vi: `Không tìm thấy ${name.vi} ${id} trong phạm vi đơn vị của bạn`,
      en: `No ${name.en} ${id} within your unit`,
    },
    { field },
  );
}

/** The caller may see the record but its unit does not own it. */
export function outsideUnit(name: RecordName): GraphQLError {
  return domainError('FORBIDDEN', {
    vi: `${capitalise(name.vi)} không thuộc đơn vị của bạn nên bạn không được thực hiện thao tác này`,
    en: `The ${name.en} is not owned by your unit, so you may not act on it`,
  });
}
