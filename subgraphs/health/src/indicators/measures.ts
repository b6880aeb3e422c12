import { indicatorMeasureResolvers, type MeasureBranches } from '@rehab/server-kit';

/**
 * Substitution-treatment enrolments with at least one day in the period, by residence (see the
 * indicator definitions). Period bounds are written `column + 0` so they stay filters: as index
 * conditions the planner ANDs the whole (person_id, enrolled_on) index into every unit's path scan.
 */
const IN_TREATMENT = `JOIN substitution_treatment t ON t.enrolled_on + 0 <= r.d_to
  AND (t.stopped_on IS NULL OR t.stopped_on >= r.d_from) AND WITHIN(t.residence_unit_path, t.person_id)`;

/**
 * The phase of an enrolment on the last day of the period it spent in treatment (the period's
 * last day, or the day before it stopped when it stopped in the period), from the phase
 * history: a later phase change never changes a closed period.
 */
const PHASE_ON_LAST_DAY = `LEFT JOIN LATERAL (SELECT h.phase FROM substitution_treatment_phase h
    WHERE h.treatment_id = t.id AND h.since <= least(r.d_to, coalesce(t.stopped_on - 1, r.d_to))
    ORDER BY h.since DESC, h.id DESC LIMIT 1) ph ON true`;

const personKeys = (code: string) => `SELECT r.i, NULL::int AS numerator, NULL::int AS denominator,
    coalesce(array_agg(DISTINCT t.person_id::text) FILTER (WHERE t.id IS NOT NULL), '{}') AS person_keys
    FROM req r LEFT ${IN_TREATMENT} WHERE r.code = '${code}' GROUP BY r.i`;

const enrolments = (code: string, counted: string, condition: string) => `SELECT r.i, ${counted}::int AS numerator,
    NULL::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN substitution_treatment t ON ${condition} AND WITHIN(t.residence_unit_path, t.person_id)
    WHERE r.code = '${code}' GROUP BY r.i`;

/** SQL of the indicators health measures (server-kit's indicatorMeasureResolvers runs them as one statement). */
export const HEALTH_MEASURES: MeasureBranches = {
  METHADONE_MAINTAINED: `SELECT r.i, count(DISTINCT t.person_id)::int AS numerator, NULL::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT ${IN_TREATMENT} WHERE r.code = 'METHADONE_MAINTAINED' GROUP BY r.i`,
  METHADONE_NEW: enrolments('METHADONE_NEW', 'count(DISTINCT t.person_id)', 't.enrolled_on + 0 BETWEEN r.d_from AND r.d_to'),
  METHADONE_NEW_PERSON_TIMES: enrolments(
    'METHADONE_NEW_PERSON_TIMES',
    'count(DISTINCT t.id)',
    't.enrolled_on + 0 BETWEEN r.d_from AND r.d_to',
  ),
  METHADONE_CARRIED_OVER: enrolments(
    'METHADONE_CARRIED_OVER',
    'count(DISTINCT t.person_id)',
    't.enrolled_on < r.d_from AND (t.stopped_on IS NULL OR t.stopped_on >= r.d_from)',
  ),
  METHADONE_MAINTENANCE_SHARE: `SELECT r.i, (count(DISTINCT t.person_id) FILTER (WHERE ph.phase IN ('MAINTENANCE', 'TAPERING')))::int AS numerator,
    count(DISTINCT t.person_id)::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT ${IN_TREATMENT} ${PHASE_ON_LAST_DAY} WHERE r.code = 'METHADONE_MAINTENANCE_SHARE' GROUP BY r.i`,
  // People on substitution treatment in the period: labor-welfare combines them with police's and its own.
  RECORDS_IN_TREATMENT_SHARE: personKeys('RECORDS_IN_TREATMENT_SHARE'),
  TREATED_TOTAL: personKeys('TREATED_TOTAL'),
  SCREENED_AND_ASSESSED: `SELECT r.i, count(DISTINCT s.person_id)::int AS numerator, NULL::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN drug_use_screening s ON s.screened_on + 0 BETWEEN r.d_from AND r.d_to
      AND WITHIN(s.residence_unit_path, s.person_id)
    WHERE r.code = 'SCREENED_AND_ASSESSED' GROUP BY r.i`,
  DRUG_INDUCED_PSYCHOSIS_UNDER_CARE: `SELECT r.i, count(DISTINCT x.person_id)::int AS numerator, NULL::int AS denominator,
      NULL::text[] AS person_keys
    FROM req r LEFT JOIN drug_induced_psychosis x ON x.diagnosed_on <= r.d_to AND (x.ended_on IS NULL OR x.ended_on >= r.d_from)
      AND WITHIN(x.residence_unit_path, x.person_id)
    WHERE r.code = 'DRUG_INDUCED_PSYCHOSIS_UNDER_CARE' GROUP BY r.i`,
};

export const indicatorResolvers = indicatorMeasureResolvers('healthMeasure', HEALTH_MEASURES);
