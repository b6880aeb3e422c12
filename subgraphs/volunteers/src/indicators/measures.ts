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

/** An entry on the prevention list at some time in the period (listed by its last day, not taken off before its first). */
const onListInPeriod = (p: string) => `${p}.listed_on <= r.d_to AND (${p}.removed_on IS NULL OR ${p}.removed_on >= r.d_from)`;
/** The entry has a prevention service in the period. */
const servedInPeriod = (where: string) =>
  `EXISTS (SELECT 1 FROM prevention_service s WHERE ${where} AND s.provided_on BETWEEN r.d_from AND r.d_to)`;

export const VOLUNTEERS_MEASURES: MeasureBranches = {
  PEOPLE_AT_RISK: `SELECT r.i, count(p.id)::int AS numerator, NULL::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN person_at_risk p ON p.listed_on <= r.d_to AND (p.removed_on IS NULL OR p.removed_on > r.d_to)
      AND WITHIN(p.owner_unit_path)
    WHERE r.code = 'PEOPLE_AT_RISK' GROUP BY r.i`,
  PEOPLE_AT_RISK_REACHED_SHARE: `SELECT r.i, (count(p.id) FILTER (WHERE ${servedInPeriod('s.person_at_risk_id = p.id')}))::int AS numerator,
    count(p.id)::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN person_at_risk p ON ${onListInPeriod('p')} AND WITHIN(p.owner_unit_path)
    WHERE r.code = 'PEOPLE_AT_RISK_REACHED_SHARE' GROUP BY r.i`,
  // The people on record given a prevention service in the period (directly or through their linked entry), sent to
  // labour-welfare, which counts those of them police manage (the share's denominator).
  USERS_REACHED_BY_PREVENTION_SHARE: `SELECT r.i, NULL::int AS numerator, NULL::int AS denominator,
    coalesce(array_agg(DISTINCT coalesce(s.person_id, p.person_id)::text)
      FILTER (WHERE coalesce(s.person_id, p.person_id) IS NOT NULL), '{}') AS person_keys
    FROM req r LEFT JOIN (prevention_service s LEFT JOIN person_at_risk p ON p.id = s.person_at_risk_id)
      ON s.provided_on BETWEEN r.d_from AND r.d_to AND WITHIN(s.owner_unit_path)
    WHERE r.code = 'USERS_REACHED_BY_PREVENTION_SHARE' GROUP BY r.i`,
  RECORDS_IN_TREATMENT_SHARE: `SELECT r.i, NULL::int AS numerator, NULL::int AS denominator,
    coalesce(array_agg(DISTINCT a.person_id::text) FILTER (WHERE a.id IS NOT NULL), '{}') AS person_keys
    FROM req r LEFT JOIN volunteer_assignment a ON WITHIN(a.owner_unit_path, a.person_id) AND EXISTS (SELECT 1
      FROM support_activity s WHERE s.assignment_id = a.id AND s.kind = 'COUNSELLING' AND s.occurred_on BETWEEN r.d_from AND r.d_to)
    WHERE r.code = 'RECORDS_IN_TREATMENT_SHARE' GROUP BY r.i`,
  COMMUNICATION_ACTIVITIES: communication('COMMUNICATION_ACTIVITIES', 'count(c.id)'),
  COMMUNICATION_AUDIENCE: communication('COMMUNICATION_AUDIENCE', 'coalesce(sum(c.audience), 0)'),
};

export const indicatorResolvers = indicatorMeasureResolvers('volunteersMeasure', VOLUNTEERS_MEASURES);
