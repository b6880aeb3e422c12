import { indicatorMeasureResolvers, type MeasureBranches } from '@rehab/server-kit';

/**
 * SQL of the indicators police measure: the people under a drug-user management decision
 * in force during the period (the denominator of RECORDS_IN_TREATMENT_SHARE), with their
 * keys so labor-welfare can count those who received counselling, treatment or rehab.
 */
export const POLICE_MEASURES: MeasureBranches = {
  RECORDS_IN_TREATMENT_SHARE: `SELECT r.i, NULL::int AS numerator, count(DISTINCT m.person_id)::int AS denominator,
    coalesce(array_agg(DISTINCT m.person_id::text) FILTER (WHERE m.id IS NOT NULL), '{}') AS person_keys
    FROM req r LEFT JOIN drug_user_management m ON m.decision_date <= r.d_to
      AND coalesce(m.ended_on, m.superseded_on, m.period_ends_on) >= r.d_from AND WITHIN(m.owner_unit_path, m.person_id)
    WHERE r.code = 'RECORDS_IN_TREATMENT_SHARE' GROUP BY r.i`,
};

export const indicatorResolvers = indicatorMeasureResolvers('policeMeasure', POLICE_MEASURES);
