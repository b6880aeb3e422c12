import { domainError } from './errors';

/** A Vietnamese phone number as officers write it (10 digits from 0), or null when left blank. */
export function optionalPhone(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const phone = value.trim();
  if (!/^0[0-9]{9}$/.test(phone)) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Số điện thoại không hợp lệ: ${phone}`, en: `Invalid phone number: ${phone}` },
      { field },
    );
  }
  return phone;
}
