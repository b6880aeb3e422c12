import { domainError, type Bilingual } from '@rehab/server-kit';
import type { GraphQLError } from 'graphql';

/** Typed, bilingual errors of the volunteers subgraph. */
export interface RecordName {
  vi: string;
  en: string;
}

export const ASSIGNMENT_NAME: RecordName = { vi: 'phân công giúp đỡ', en: 'assignment' };
export const VOLUNTEER_NAME: RecordName = { vi: 'tình nguyện viên', en: 'volunteer' };

export function badInput(text: Bilingual, field: string): GraphQLError {
  return domainError('BAD_USER_INPUT', text, { field });
}

export function illegal(text: Bilingual, field?: string): GraphQLError {
  return domainError('ILLEGAL_TRANSITION', text, field ? { field } : {});
}

export function notFound(name: RecordName, id: string, field: string): GraphQLError {
  return domainError('NOT_FOUND', {
    vi: `Không tìm thấy ${name.vi} ${id} trong phạm vi đơn vị của bạn`,
    en: `No ${name.en} ${id} within your unit`,
  }, { field });
}

export function outsideUnit(name: RecordName): GraphQLError {
  return domainError('FORBIDDEN', {
    vi: `${name.vi.charAt(0).toUpperCase()}${name.vi.slice(1)} không thuộc đơn vị của bạn nên bạn không được thực hiện thao tác này`,
    en: `The ${name.en} is not owned by your unit, so you may not act on it`,
  });
}

export function stale(name: RecordName, expected: number, actual: number): GraphQLError {
  return domainError('CONFLICT', {
    vi: `${name.vi.charAt(0).toUpperCase()}${name.vi.slice(1)} đã được người khác cập nhật (phiên bản ${actual}, bạn gửi ${expected}); vui lòng tải lại`,
    en: `The ${name.en} was changed by someone else (version ${actual}, you sent ${expected}); reload it`,
  }, { field: 'expectedVersion' });
}

/** The volunteer already helps as many people as their organisation allows. */
export function capacityExceeded(active: number, max: number): GraphQLError {
  return domainError('ILLEGAL_TRANSITION', {
    vi: `Tình nguyện viên đã giúp đỡ ${active} người, tối đa ${max} người cùng lúc`,
    en: `The volunteer already helps ${active} people, at most ${max} at a time`,
  }, { field: 'volunteerId' });
}
