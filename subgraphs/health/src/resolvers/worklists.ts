import { domainError } from '@rehab/server-kit';
import { todayInHanoi } from '@rehab/shared-schema';
import type { QueryMissedDoseStreaksArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import { SubstitutionTreatmentEntity } from '../entities/SubstitutionTreatment';
import { clinicInScope, requireDate } from '../mutations/common';
import type { StreakRecord } from '../records';
import { missedDays } from '../rules/treatment';

/** Default length of a streak worth a call (consecutive days without a dose). */
export const DEFAULT_MIN_MISSED_DAYS = 3;

/**
 * Active treatments at a clinic whose latest dose on or before asOf (or, never dosed, their
 * enrolment) leaves at least minDays consecutive days without a dose up to asOf; longest first.
 */
export async function missedDoseStreaks(args: QueryMissedDoseStreaksArgs, ctx: Context): Promise<StreakRecord[]> {
  const asOf = args.asOf == null ? todayInHanoi() : requireDate(args.asOf, 'asOf');
  const minDays = args.minDays ?? DEFAULT_MIN_MISSED_DAYS;
  if (!Number.isInteger(minDays) || minDays < 1 || minDays > 366) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: 'Số ngày phải từ 1 đến 366', en: 'minDays must be 1 to 366' },
      { field: 'minDays' },
    );
  }
  await clinicInScope(ctx.db.manager, ctx.caller, args.clinicCode, 'clinicCode');
  const rows = await ctx.db.query<{ id: string; last: string | null }[]>(
    `SELECT t.id, (SELECT max(d.dose_date) FROM dose d WHERE d.treatment_id = t.id AND d.dose_date <= $2)::text AS last
    FROM substitution_treatment t WHERE t.clinic_code = $1 AND t.status = 'ACTIVE' AND t.enrolled_on <= $2`,
    [args.clinicCode, asOf],
  );
  const treatments =
    rows.length === 0
      ? []
      : await ctx.db
          .getRepository(SubstitutionTreatmentEntity)
          .createQueryBuilder('t')
          .where('t.id IN (:...ids)', { ids: rows.map((r) => r.id) })
          .getMany();
  const byId = new Map(treatments.map((t) => [t.id, t]));
  return rows
    .flatMap((r) => {
      const treatment = byId.get(r.id);
      if (!treatment) return [];
      const days = missedDays(asOf, treatment.enrolledOn, r.last);
      return days >= minDays ? [{ personId: treatment.personId, treatment, lastDoseOn: r.last, days }] : [];
    })
    .sort((a, b) => b.days - a.days || a.personId.localeCompare(b.personId));
}
