import { indicatorMeasureResolvers, type MeasureBranches } from '@rehab/server-kit';

/** Substitution-treatment patients during the period, by residence (see the indicator definitions). */
const IN_TREATMENT = `JOIN substitution_treatment t ON t.enrolled_on <= r.d_to
  AND (t.stopped_on IS NULL OR t.stopped_on >= r.d_from) AND WITHIN(t.residence_unit_path, t.person_id)`;

/** SQL of the indicators health measures (server-kit's indicatorMeasureResolvers runs them as one statement). */
export const HEALTH_MEASURES: MeasureBranches = {
  METHADONE_MAINTAINED: `SELECT r.i, count(t.id)::int AS numerator, NULL::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT ${IN_TREATMENT} WHERE r.code = 'METHADONE_MAINTAINED' GROUP BY r.i`,
  METHADONE_MAINTENANCE_SHARE: `SELECT r.i, (count(t.id) FILTER (WHERE t.phase IN ('MAINTENANCE', 'TAPERING')))::int AS numerator,
    count(t.id)::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT ${IN_TREATMENT} WHERE r.code = 'METHADONE_MAINTENANCE_SHARE' GROUP BY r.i`,
  RECORDS_IN_TREATMENT_SHARE: `SELECT r.i, NULL::int AS numerator, NULL::int AS denominator,
    coalesce(array_agg(DISTINCT t.person_id::text) FILTER (WHERE t.id IS NOT NULL), '{}') AS person_keys
    FROM req r LEFT ${IN_TREATMENT} WHERE r.code = 'RECORDS_IN_TREATMENT_SHARE' GROUP BY r.i`,
};

export const indicatorResolvers = indicatorMeasureResolvers('healthMeasure', HEALTH_MEASURES);
