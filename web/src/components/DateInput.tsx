import type { InputHTMLAttributes, ReactNode } from 'react';
import { formatDate } from '../i18n';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TYPED_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

export const isIsoDate = (value: string): boolean => ISO_DATE.test(value);

/** "3/12/2026" or "03/12/2026" → "2026-12-03"; null when it is not a date of the calendar. */
export function parseTypedDate(text: string): string | null {
  const match = TYPED_DATE.exec(text.trim());
  if (!match) return null;
  const [, d, m, y] = match;
  const iso = `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  // 31/02 rolls over to March in Date: only a date that reads back the same is one.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  /** "YYYY-MM-DD" once the text is a date, else the text as typed. */
  value: string;
  onChange: (value: string) => void;
};

/**
 * A date typed and shown as dd/mm/yyyy whatever the browser's language (a native date
 * input follows the browser and shows mm/dd/yyyy in an English one).
 */
export function DateInput({ value, onChange, ...rest }: Props): ReactNode {
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      maxLength={10}
      value={isIsoDate(value) ? formatDate(value) : value}
      onChange={(e) => onChange(parseTypedDate(e.target.value) ?? e.target.value)}
    />
  );
}
