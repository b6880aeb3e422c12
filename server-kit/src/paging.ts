import { domainError } from './errors';

export const MAX_PAGE_SIZE = 200;

export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!value || encodeCursor(value) !== cursor) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: 'Con trỏ phân trang không hợp lệ', en: 'Invalid pagination cursor' },
      { field: 'after' },
    );
  }
  return value;
}

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: `Số bản ghi mỗi trang phải từ 1 đến ${MAX_PAGE_SIZE}`,
        en: `Page size must be between 1 and ${MAX_PAGE_SIZE}`,
      },
      { field: 'first' },
    );
  }
  return size;
}
