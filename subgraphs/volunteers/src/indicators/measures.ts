import { indicatorMeasureResolvers, type MeasureBranches } from '@rehab/server-kit';

/**
 * SQL of the indicators the mass organisations measure: people counselled during the period (by
 * the assignment's unit). The unit's assignments come first (path index), then their counselling
 * (assignment, date index): starting from the period's counselling scanned it once per unit.
 */
export const VOLUNTEERS_MEASURES: MeasureBranches = {
  RECORDS_IN_TREATMENT_SHARE: `SELECT r.i, NULL::int AS numerator, NULL::int AS denominator,
    coalesce(array_agg(DISTINCT a.person_id::text) FILTER (WHERE a.id IS NOT NULL), '{}') AS person_keys
    FROM req r LEFT JOIN volunteer_assignment a ON WITHIN(a.owner_unit_path, a.person_id) AND EXISTS (SELECT 1
      FROM support_activity s WHERE s.assignment_id = a.id AND s.kind = 'COUNSELLING' AND s.occurred_on BETWEEN r.d_from AND r.d_to)
    WHERE r.code = 'RECORDS_IN_TREATMENT_SHARE' GROUP BY r.i`,
};

export const indicatorResolvers = indicatorMeasureResolvers('volunteersMeasure', VOLUNTEERS_MEASURES);
