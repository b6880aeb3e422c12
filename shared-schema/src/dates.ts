/**
 * Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so a date never shifts
 * with the server's time zone. "Today" is the calendar date in Hà Nội (UTC+7).
 */
const DAY_MS = 86_400_000;
const HANOI_OFFSET_MS = 7 * 3_600_000;

/** The last day computed, valid from `from` (inclusive) to `to` (exclusive), in ms since the epoch. */
let lastDay = { from: 0, to: 0, date: '' };

/** Today's date in Hà Nội (read on every request's scope: the day's string is kept until midnight there). */
export function todayInHanoi(now: Date = new Date()): string {
  const ms = now.getTime();
  if (ms >= lastDay.from && ms < lastDay.to) return lastDay.date;
  const from = Math.floor((ms + HANOI_OFFSET_MS) / DAY_MS) * DAY_MS - HANOI_OFFSET_MS;
  lastDay = { from, to: from + DAY_MS, date: new Date(ms + HANOI_OFFSET_MS).toISOString().slice(0, 10) };
  return lastDay.date;
}

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  return new Date(toUtc(date).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Adds calendar months; a day past the end of the target month is clamped to its last day. */
export function addMonths(date: string, months: number): string {
  const d = toUtc(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

/** Age in completed years on `on` (a person born on 29 February turns a year older on 1 March). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** First and last day of the month `date` lies in. */
export function monthOf(date: string): { first: string; last: string } {
  const first = `${date.slice(0, 7)}-01`;
  return { first, last: addDays(addMonths(first, 1), -1) };
}

/** 2025-07-01 → 01/07/2025, as Vietnamese officers write dates. */
export function formatDateVi(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
