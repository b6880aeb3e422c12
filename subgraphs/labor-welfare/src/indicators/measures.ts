import type { MeasureBranches } from '@rehab/server-kit';

const count = (code: string, from: string, join: string) => `SELECT r.i, count(x.id)::int AS numerator, NULL::int AS denominator,
  NULL::text[] AS person_keys FROM req r LEFT JOIN ${from} x ON ${join} WHERE r.code = '${code}' GROUP BY r.i`;

const distinctPersons = (code: string, from: string, join: string) => `SELECT r.i, count(DISTINCT x.person_id)::int AS numerator,
  NULL::int AS denominator, NULL::text[] AS person_keys FROM req r LEFT JOIN ${from} x ON ${join} WHERE r.code = '${code}' GROUP BY r.i`;

/**
 * Episodes that count for a unit: its facility or its commune of residence lies in the unit's
 * subtree. Two lateral arms, so each is answered by its path index (an OR of the two is not).
 */
const episodes = (
  code: string,
  condition: string,
) => `SELECT r.i, count(DISTINCT ep.id)::int AS numerator, NULL::int AS denominator,
  NULL::text[] AS person_keys FROM req r LEFT JOIN LATERAL (
    SELECT x.id FROM rehab_episode x WHERE ${condition} AND WITHIN(x.facility_owner_path)
    UNION ALL SELECT x.id FROM rehab_episode x WHERE ${condition} AND WITHIN(x.residence_owner_path, x.person_id)) ep ON true
  WHERE r.code = '${code}' GROUP BY r.i`;
const inPeriod = (column: string) => `${column} BETWEEN r.d_from AND r.d_to`;
const support = (code: string, kind: string | null) =>
  distinctPersons(
    code,
    'reintegration_support',
    `${inPeriod('x.started_on')} AND WITHIN(x.owner_unit_path, x.person_id)${kind ? ` AND x.kind = '${kind}'` : ''}`,
  );

/** A model runs through the period when set up before it and not ended by its last day. */
const modelMaintained = 'x.established_on < r.d_from AND (x.ended_on IS NULL OR x.ended_on > r.d_to)';
const modelNew = inPeriod('x.established_on');
const models = (code: string, condition: string) =>
  count(code, 'post_rehab_model', `(${condition}) AND WITHIN(x.owner_unit_path)`);

/**
 * The indicators labour-welfare measures from its own records, as SQL branches (run as
 * one statement per list by server-kit's runMeasureBranches). The definitions in words:
 * shared-schema/src/indicators/catalogue.ts.
 */
export const LABOR_WELFARE_MEASURES: MeasureBranches = {
  COMPULSORY_DOSSIERS: count(
    'COMPULSORY_DOSSIERS',
    'compulsory_rehab_dossier',
    `${inPeriod('x.started_on')} AND WITHIN(x.owner_unit_path, x.person_id)`,
  ),
  FACILITY_ADMISSIONS: episodes('FACILITY_ADMISSIONS', `x.kind = 'COMPULSORY' AND ${inPeriod('x.admitted_on')}`),
  VOLUNTARY_MOBILISED: episodes('VOLUNTARY_MOBILISED', `x.kind <> 'COMPULSORY' AND ${inPeriod('x.admitted_on')}`),
  FACILITY_VOCATIONAL_TRAINING: episodes(
    'FACILITY_VOCATIONAL_TRAINING',
    `x.facility_code IS NOT NULL
    AND x.admitted_on <= r.d_to AND coalesce(x.ended_on, r.d_to) >= r.d_from
    AND (x.phase IN ('VOCATIONAL_LABOUR_THERAPY', 'REINTEGRATION_PREPARATION') OR x.status = 'COMPLETED')`,
  ),
  POST_REHAB_MANAGEMENT: count(
    'POST_REHAB_MANAGEMENT',
    'post_rehab_case',
    `${inPeriod('x.decision_on')} AND WITHIN(x.owner_unit_path, x.person_id)`,
  ),
  COMPLETIONS_UNDER_MANAGEMENT_SHARE: `SELECT r.i, (count(x.id) FILTER (WHERE c.decision_on IS NOT NULL))::int AS numerator,
    count(x.id)::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN (rehab_episode x LEFT JOIN post_rehab_case c ON c.episode_id = x.id)
      ON x.status = 'COMPLETED' AND ${inPeriod('x.ended_on')} AND WITHIN(x.residence_owner_path, x.person_id)
    WHERE r.code = 'COMPLETIONS_UNDER_MANAGEMENT_SHARE' GROUP BY r.i`,
  REINTEGRATION_SUPPORT: support('REINTEGRATION_SUPPORT', null),
  LOANS: support('LOANS', 'LOAN'),
  VOCATIONAL_TRAINING: support('VOCATIONAL_TRAINING', 'VOCATIONAL_TRAINING'),
  JOB_PLACEMENT: support('JOB_PLACEMENT', 'JOB_PLACEMENT'),
  POST_REHAB_MODELS_MAINTAINED: models('POST_REHAB_MODELS_MAINTAINED', modelMaintained),
  POST_REHAB_MODELS_NEW: models('POST_REHAB_MODELS_NEW', modelNew),
  POST_REHAB_MODELS_TOTAL: models('POST_REHAB_MODELS_TOTAL', `(${modelMaintained}) OR ${modelNew}`),
  RELAPSE_RATE: `SELECT r.i, (count(x.id) FILTER (WHERE ${inPeriod('x.relapsed_on')}))::int AS numerator,
    count(x.id)::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN post_rehab_case x ON x.decision_on <= r.d_to
      AND coalesce(x.relapsed_on, x.completed_on, r.d_to) >= r.d_from AND WITHIN(x.owner_unit_path, x.person_id)
    WHERE r.code = 'RELAPSE_RATE' GROUP BY r.i`,
  // The people police count (RECORDS_IN_TREATMENT_SHARE) that neither health nor the mass
  // organisations counted, passed as ($7 index, $8 person id) pairs: those with a rehab
  // episode during the period.
  RECORDS_IN_TREATMENT_SHARE: `SELECT r.i, count(DISTINCT pk.person_id)::int AS numerator, NULL::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN unnest($7::int[], $8::uuid[]) AS pk(i, person_id) ON pk.i = r.i AND EXISTS (
      SELECT 1 FROM rehab_episode e WHERE e.person_id = pk.person_id AND e.admitted_on <= r.d_to AND coalesce(e.ended_on, r.d_to) >= r.d_from)
    WHERE r.code = 'RECORDS_IN_TREATMENT_SHARE' GROUP BY r.i`,
};
