import { todayInHanoi } from '@rehab/shared-schema';
import { domainError, type Bilingual } from './errors';

/** Input checks every subgraph's mutations share: dates of acts and free texts, refused beside their field. */

const badInput = (text: Bilingual, field: string) => domainError('BAD_USER_INPUT', text, { field });

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

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
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

/** Trimmed text of at most max characters; empty means none. */
export function optionalText(value: string | null | undefined, field: string, label: Bilingual, max = 500): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requiredText(value, field, label, max);
}
