/**
 * Numbers of the dashboard as the screen shows them, in the portal's language: counts with
 * the language's separators, shares and ratios as a percentage with one decimal at most
 * ("45,5 %" in Vietnamese, "45.5%" in English). The CSV export writes these same texts, so
 * a file says what the screen said.
 */
export type DashboardLocale = 'vi' | 'en';

const LANG: Readonly<Record<DashboardLocale, string>> = { vi: 'vi-VN', en: 'en-GB' };

/** Nothing to show (no target, or no value). */
export const NO_VALUE = '—';

export function formatCount(value: number | null, locale: DashboardLocale): string {
  return value === null ? NO_VALUE : value.toLocaleString(LANG[locale], { maximumFractionDigits: 1 });
}

/** A share or ratio (0.4545…) as a percentage: "45,5 %" (vi), "45.5%" (en). */
export function formatPercent(value: number | null, locale: DashboardLocale): string {
  if (value === null) return NO_VALUE;
  const number = (value * 100).toLocaleString(LANG[locale], { maximumFractionDigits: 1 });
  return locale === 'vi' ? `${number} %` : `${number}%`;
}

export function formatValue(value: number | null, measure: 'COUNT' | 'SHARE', locale: DashboardLocale): string {
  return measure === 'SHARE' ? formatPercent(value, locale) : formatCount(value, locale);
}
