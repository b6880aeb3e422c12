import { domainError, type Bilingual, type RecordName } from '@rehab/server-kit';

export { outsideUnit, recordNotFound, staleVersion, type RecordName } from '@rehab/server-kit';
import type { GraphQLError } from 'graphql';

/** A person as labour-welfare knows them (episodes, dossiers, post-rehab cases). */
export const PERSON_NAME: RecordName = { vi: 'người', en: 'person' };
export const DOSSIER_NAME: RecordName = { vi: 'hồ sơ đề nghị', en: 'dossier' };
export const EPISODE_NAME: RecordName = { vi: 'đợt cai nghiện', en: 'rehab episode' };
export const POST_REHAB_NAME: RecordName = { vi: 'hồ sơ quản lý sau cai nghiện', en: 'post-rehab case' };
export const SUPPORT_NAME: RecordName = { vi: 'hỗ trợ hòa nhập cộng đồng', en: 'reintegration support' };
export const FACILITY_NAME: RecordName = { vi: 'cơ sở cai nghiện', en: 'facility' };

/** A state-machine refusal: `action` is not allowed from the record's current state. */
export function illegalTransition(action: Bilingual, from: Bilingual, name: RecordName): GraphQLError {
  return domainError('ILLEGAL_TRANSITION', {
    vi: `Không thể ${action.vi}: ${name.vi} đang ở trạng thái “${from.vi}”`,
    en: `Cannot ${action.en}: the ${name.en} is ${from.en}`,
  });
}

/** Another refusal of the domain rules that is not about the record's state. */
export function notAllowed(text: Bilingual, field?: string): GraphQLError {
  return domainError('ILLEGAL_TRANSITION', text, field ? { field } : {});
}

export function badInput(text: Bilingual, field: string): GraphQLError {
  return domainError('BAD_USER_INPUT', text, { field });
}

export { checkNotBefore, checkNotFuture, optionalText, requiredText } from '@rehab/server-kit';
