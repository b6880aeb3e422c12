import type { EntityManager } from 'typeorm';
import { actsOn, domainError, requireUnit } from '@rehab/server-kit';
import { todayInHanoi, type Caller } from '@rehab/shared-schema';
import type { Transition } from '../rules/treatment';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date (the Date scalar checks the shape; this also rejects 2026-02-30). */
/** A typed BAD_USER_INPUT on one field. */
export const badInput = (field: string, vi: string, en: string) => domainError('BAD_USER_INPUT', { vi, en }, { field });

export function requireDate(date: string, field: string): string {
  const parsed = Date.parse(`${date}T00:00:00Z`);
  if (!ISO_DATE.test(date) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== date) {
    throw domainError('BAD_USER_INPUT', { vi: `Ngày không hợp lệ: ${date}`, en: `Invalid date: ${date}` }, { field });
  }
  return date;
}

/** A real date that is not after today in Hà Nội: what happened cannot be recorded ahead of time. */
export function requirePastDate(date: string, field: string): string {
  const day = requireDate(date, field);
  const today = todayInHanoi();
  if (day > today) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Ngày ${day} ở tương lai (hôm nay là ${today})`, en: `${day} is in the future (today is ${today})` },
      { field },
    );
  }
  return day;
}

/** Trimmed text of 1..max characters. */
export function requireText(text: string, field: string, max: number): string {
  const value = text.trim();
  if (value === '' || value.length > max) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Trường ${field} phải có từ 1 đến ${max} ký tự`, en: `${field} must have 1 to ${max} characters` },
      { field },
    );
  }
  return value;
}

export function allowed<S>(transition: Transition<S>): S {
  if (!transition.ok) throw domainError('ILLEGAL_TRANSITION', transition.text);
  return transition.to;
}

/** A clinic's unit path when the clinic exists and the caller's unit acts on it (no grants: they open reads); NOT_FOUND otherwise. */
export async function clinicInScope(manager: EntityManager, caller: Caller, code: string, field: string): Promise<string> {
  const rows = await manager.query<{ owner_unit_path: string }[]>('SELECT owner_unit_path FROM clinic WHERE code = $1', [code]);
  const [row] = rows;
  if (!row || !actsOn(caller, row.owner_unit_path)) {
    throw domainError(
      'NOT_FOUND',
      { vi: `Không tìm thấy cơ sở điều trị ${code} trong phạm vi đơn vị của bạn`, en: `No clinic ${code} within your unit` },
      { field },
    );
  }
  return row.owner_unit_path;
}

/** The path of the commune `code` names on `on` (a code can name other territory before the 2025 reform). */
export function communePath(code: string, field: string, on: string): string {
  return requireUnit(code, field, ['COMMUNE'], on).path;
}

export { isUniqueViolation } from '@rehab/server-kit';
