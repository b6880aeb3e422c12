import { domainError, type Bilingual, type RecordName } from '@rehab/server-kit';

export { outsideUnit, recordNotFound, staleVersion, type RecordName } from '@rehab/server-kit';
import type { GraphQLError } from 'graphql';
import { todayInHanoi } from '@rehab/shared-schema';

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

/** Refuses a date of an act that has not happened yet (after today in Hà Nội). */
export function checkNotFuture(date: string, field: string, today: string = todayInHanoi()): void {
  if (date > today) {
    throw badInput(
      { vi: `Ngày ${date} chưa đến (hôm nay là ${today})`, en: `The date ${date} is in the future (today is ${today})` },
      field,
    );
  }
}

/** Refuses `date` before `floor` (e.g. a completion before the admission). */
export function checkNotBefore(date: string, floor: string, field: string, what: Bilingual): void {
  if (date < floor) {
    throw badInput(
      { vi: `Ngày ${date} trước ${what.vi} (${floor})`, en: `The date ${date} is before ${what.en} (${floor})` },
      field,
    );
  }
}

/** Refuses an empty (after trimming) or overlong text; returns it trimmed. */
export function requiredText(value: string, field: string, label: Bilingual, max = 500): string {
  const text = value.trim();
  if (text.length === 0)
    throw badInput({ vi: `${capitalise(label.vi)} không được để trống`, en: `The ${label.en} must not be empty` }, field);
  if (text.length > max)
    throw badInput(
      { vi: `${capitalise(label.vi)} dài quá ${max} ký tự`, en: `The ${label.en} is longer than ${max} characters` },
      field,
    );
  return text;
}

export function optionalText(value: string | null | undefined, field: string, label: Bilingual, max = 500): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requiredText(value, field, label, max);
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
