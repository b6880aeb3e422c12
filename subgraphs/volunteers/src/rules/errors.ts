import { domainError, type Bilingual, type RecordName } from '@rehab/server-kit';

export { outsideUnit, recordNotFound, staleVersion, type RecordName } from '@rehab/server-kit';
import type { GraphQLError } from 'graphql';

export const ASSIGNMENT_NAME: RecordName = { vi: 'phân công giúp đỡ', en: 'assignment' };
export const VOLUNTEER_NAME: RecordName = { vi: 'tình nguyện viên', en: 'volunteer' };

export function badInput(text: Bilingual, field: string): GraphQLError {
  return domainError('BAD_USER_INPUT', text, { field });
}

export function illegal(text: Bilingual, field?: string): GraphQLError {
  return domainError('ILLEGAL_TRANSITION', text, field ? { field } : {});
}

/** The volunteer already helps as many people as their organisation allows. */
export function capacityExceeded(active: number, max: number): GraphQLError {
  return domainError(
    'ILLEGAL_TRANSITION',
    {
      vi: `Tình nguyện viên đã giúp đỡ ${active} người, tối đa ${max} người cùng lúc`,
      en: `The volunteer already helps ${active} people, at most ${max} at a time`,
    },
    { field: 'volunteerId' },
  );
}
