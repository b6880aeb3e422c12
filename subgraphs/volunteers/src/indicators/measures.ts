import { indicatorMeasureResolvers, type MeasureBranches } from '@rehab/server-kit';

/**
 * SQL of the indicators the mass organisations measure: people counselled during the period (by
 * the assignment's unit). The unit's assignments come first (path index), then their counselling
 * (assignment, date index): starting from the period's counselling scanned it once per unit.
 */
/** Communication activities held in the unit's subtree in the period: a count or the people reached. */
const communication = (
  code: string,
  aggregate: string,
) => `SELECT r.i, (${aggregate})::int AS numerator, NULL::int AS denominator,
    NULL::text[] AS person_keys
    FROM req r LEFT JOIN communication_activity c ON c.held_on BETWEEN r.d_from AND r.d_to AND WITHIN(c.owner_unit_path)
    WHERE r.code = '${code}' GROUP BY r.i`;

export const VOLUNTEERS_MEASURES: MeasureBranches = {
  RECORDS_IN_TREATMENT_SHARE: `SELECT r.i, NULL::int AS numerator, NULL::int AS denominator,
    coalesce(array_agg(DISTINCT a.person_id::text) FILTER (WHERE a.id IS NOT NULL), '{}') AS person_keys
    FROM req r LEFT JOIN volunteer_assignment a ON WITHIN(a.owner_unit_path, a.person_id) AND EXISTS (SELECT 1
      FROM support_activity s WHERE s.assignment_id = a.id AND s.kind = 'COUNSELLING' AND s.occurred_on BETWEEN r.d_from AND r.d_to)
    WHERE r.code = 'RECORDS_IN_TREATMENT_SHARE' GROUP BY r.i`,
  COMMUNICATION_ACTIVITIES: communication('COMMUNICATION_ACTIVITIES', 'count(c.id)'),
  COMMUNICATION_AUDIENCE: communication('COMMUNICATION_AUDIENCE', 'coalesce(sum(c.audience), 0)'),
};

export const indicatorResolvers = indicatorMeasureResolvers('volunteersMeasure', VOLUNTEERS_MEASURES);
