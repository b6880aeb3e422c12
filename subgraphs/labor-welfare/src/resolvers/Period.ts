import type { PeriodResolvers } from '../__generated__/resolvers';

/** A reporting period; its label in the asked language ("6 tháng đầu năm 2026" / "First half of 2026"). */
export const Period: PeriodResolvers = {
  label: (p, { locale }) => (locale === 'EN' ? p.label.en : p.label.vi),
};
