import { indicatorMeasureResolvers, type MeasureBranches } from '@rehab/server-kit';

/**
 * SQL of the indicators police measure: the people under a drug-user management decision
 * in force during the period (the denominator of RECORDS_IN_TREATMENT_SHARE), with their
 * keys so labor-welfare can count those who received counselling, treatment or rehab.
 */
/** The people under a management decision in force in the period, with their keys (the denominator of a cross-agency share). */
const managed = (code: string) => `SELECT r.i, NULL::int AS numerator, count(DISTINCT m.person_id)::int AS denominator,
    coalesce(array_agg(DISTINCT m.person_id::text) FILTER (WHERE m.id IS NOT NULL), '{}') AS person_keys
    FROM req r LEFT JOIN drug_user_management m ON m.decision_date <= r.d_to
      AND coalesce(m.ended_on, m.superseded_on, m.period_ends_on) >= r.d_from AND WITHIN(m.owner_unit_path, m.person_id)
    WHERE r.code = '${code}' GROUP BY r.i`;

export const POLICE_MEASURES: MeasureBranches = {
  DRUG_HOTSPOTS: `SELECT r.i, count(h.id)::int AS numerator, NULL::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN drug_hotspot h ON h.identified_on <= r.d_to AND (h.cleared_on IS NULL OR h.cleared_on > r.d_to)
      AND WITHIN(h.owner_unit_path)
    WHERE r.code = 'DRUG_HOTSPOTS' GROUP BY r.i`,
  DRUG_FREE_COMMUNES: `SELECT r.i, count(DISTINCT d.commune_code)::int AS numerator, NULL::int AS denominator,
    NULL::text[] AS person_keys
    FROM req r LEFT JOIN drug_free_recognition d ON d.recognised_on <= r.d_to
      AND (d.withdrawn_on IS NULL OR d.withdrawn_on > r.d_to) AND WITHIN(d.owner_unit_path)
    WHERE r.code = 'DRUG_FREE_COMMUNES' GROUP BY r.i`,
  RECORDS_IN_TREATMENT_SHARE: managed('RECORDS_IN_TREATMENT_SHARE'),
  USERS_REACHED_BY_PREVENTION_SHARE: managed('USERS_REACHED_BY_PREVENTION_SHARE'),
};

export const indicatorResolvers = indicatorMeasureResolvers('policeMeasure', POLICE_MEASURES);
