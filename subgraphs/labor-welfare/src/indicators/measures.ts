import { personIdOfKey, type MeasureBranches } from '@rehab/server-kit';

const count = (code: string, from: string, join: string) => `SELECT r.i, count(x.id)::int AS numerator, NULL::int AS denominator,
  NULL::text[] AS person_keys FROM req r LEFT JOIN ${from} x ON ${join} WHERE r.code = '${code}' GROUP BY r.i`;

const distinctPersons = (code: string, from: string, join: string) => `SELECT r.i, count(DISTINCT x.person_id)::int AS numerator,
  NULL::int AS denominator, NULL::text[] AS person_keys FROM req r LEFT JOIN ${from} x ON ${join} WHERE r.code = '${code}' GROUP BY r.i`;

/**
 * Episodes that count for a unit: its facility or its commune of residence lies in the unit's
 * subtree. Two lateral arms, so each is answered by its path index (an OR of the two is not);
 * `counted` is `ep.id` (person-times: each episode once) or `ep.person_id` (each person once).
 */
const episodes = (
  code: string,
  condition: string,
  counted: 'ep.id' | 'ep.person_id' = 'ep.person_id',
) => `SELECT r.i, count(DISTINCT ${counted})::int AS numerator, NULL::int AS denominator,
  NULL::text[] AS person_keys FROM req r LEFT JOIN LATERAL (
    SELECT x.id, x.person_id FROM rehab_episode x WHERE ${condition} AND WITHIN(x.facility_owner_path)
    UNION ALL SELECT x.id, x.person_id FROM rehab_episode x WHERE ${condition} AND WITHIN(x.residence_owner_path, x.person_id)) ep ON true
  WHERE r.code = '${code}' GROUP BY r.i`;
/** A date in the period; `+ 0` keeps it a filter (see episodeOverlaps). */
const inPeriod = (column: string) => `${column} + 0 BETWEEN r.d_from AND r.d_to`;

/** A share over the post-rehab cases under management at some time in the period: those meeting `counted`. */
const underManagement = (code: string, counted: string) => `SELECT r.i, (count(x.id) FILTER (WHERE ${counted}))::int AS numerator,
    count(x.id)::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN post_rehab_case x ON x.decision_on <= r.d_to
      AND coalesce(x.relapsed_on, x.completed_on, r.d_to) >= r.d_from AND WITHIN(x.owner_unit_path, x.person_id)
    WHERE r.code = '${code}' GROUP BY r.i`;
/** An episode with at least one day in the period (admitted by its last day, not ended before its first). */
// `+ 0` keeps the period a filter: as an index condition the planner ANDs the whole
// (person_id, admitted_on) index into every unit's path-index scan (5 s at 100,000 persons).
const episodeOverlaps = (x: string) => `${x}.admitted_on + 0 <= r.d_to AND coalesce(${x}.ended_on, r.d_to) >= r.d_from`;
/** A post-rehab case under management at some time in the period (decided by its last day, not ended before its first). */
const managedInPeriod = (x: string) =>
  `${x}.decision_on <= r.d_to AND coalesce(${x}.relapsed_on, ${x}.completed_on, r.d_to) >= r.d_from`;
/** Community rehab episodes of the period by residence (no facility), each person once. */
const community = (code: string, setting: string | null) =>
  distinctPersons(
    code,
    'rehab_episode',
    `x.kind = 'VOLUNTARY_COMMUNITY' AND ${episodeOverlaps('x')} AND WITHIN(x.residence_owner_path, x.person_id)${
      setting ? ` AND x.community_setting = '${setting}'` : ''
    }`,
  );
/**
 * (A branch with its own WITH is wrapped as a subquery: a statement of one branch would
 * otherwise follow the request rows' WITH with a second one, which PostgreSQL refuses.)
 * The people other subgraphs counted for the value (compute.ts), as comma-separated texts (one parameter
 * of 100,000 items costs the driver far less than an array): ($7 value index, $8 person key (personKeyOf),
 * $9 has management records there: police management or substitution treatment, $10 treated or
 * counselled there: substitution treatment or counselling).
 */
const SENT_ROWS = `sent AS MATERIALIZED (SELECT pk.i, ${personIdOfKey('pk.k')} AS person_id, pk.counted, pk.treated
  FROM unnest(string_to_array($7::text, ',')::int[], string_to_array($8::text, ','), string_to_array($9::text, ',')::bool[],
    string_to_array($10::text, ',')::bool[]) AS pk(i, k, counted, treated))`;

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
  FACILITY_ADMISSIONS_PERSON_TIMES: episodes(
    'FACILITY_ADMISSIONS_PERSON_TIMES',
    `x.kind = 'COMPULSORY' AND ${inPeriod('x.admitted_on')}`,
    'ep.id',
  ),
  VOLUNTARY_MOBILISED: episodes('VOLUNTARY_MOBILISED', `x.kind <> 'COMPULSORY' AND ${inPeriod('x.admitted_on')}`),
  VOLUNTARY_MOBILISED_PERSON_TIMES: episodes(
    'VOLUNTARY_MOBILISED_PERSON_TIMES',
    `x.kind <> 'COMPULSORY' AND ${inPeriod('x.admitted_on')}`,
    'ep.id',
  ),
  FACILITY_REHAB_COMPULSORY: episodes('FACILITY_REHAB_COMPULSORY', `x.kind = 'COMPULSORY' AND ${episodeOverlaps('x')}`),
  FACILITY_REHAB_VOLUNTARY: episodes('FACILITY_REHAB_VOLUNTARY', `x.kind = 'VOLUNTARY_FACILITY' AND ${episodeOverlaps('x')}`),
  COMMUNITY_REHAB: community('COMMUNITY_REHAB', null),
  COMMUNITY_REHAB_HOUSE: community('COMMUNITY_REHAB_HOUSE', 'REHAB_HOUSE'),
  COMMUNITY_REHAB_HOME: community('COMMUNITY_REHAB_HOME', 'HOME'),
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
  // The case looked up per episode (its unique index): as a join inside the unit's LEFT JOIN the
  // planner scanned every case for every episode (28 s for Hà Nội's year at 100,000 persons).
  COMPLETIONS_UNDER_MANAGEMENT_SHARE: `SELECT r.i, (count(x.id) FILTER (WHERE EXISTS (SELECT 1 FROM post_rehab_case c
      WHERE c.episode_id = x.id AND c.decision_on IS NOT NULL)))::int AS numerator,
    count(x.id)::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN rehab_episode x
      ON x.status = 'COMPLETED' AND ${inPeriod('x.ended_on')} AND WITHIN(x.residence_owner_path, x.person_id)
    WHERE r.code = 'COMPLETIONS_UNDER_MANAGEMENT_SHARE' GROUP BY r.i`,
  REINTEGRATION_SUPPORT: support('REINTEGRATION_SUPPORT', null),
  LOANS: support('LOANS', 'LOAN'),
  VOCATIONAL_TRAINING: support('VOCATIONAL_TRAINING', 'VOCATIONAL_TRAINING'),
  JOB_PLACEMENT: support('JOB_PLACEMENT', 'JOB_PLACEMENT'),
  POST_REHAB_MODELS_MAINTAINED: models('POST_REHAB_MODELS_MAINTAINED', modelMaintained),
  POST_REHAB_MODELS_NEW: models('POST_REHAB_MODELS_NEW', modelNew),
  POST_REHAB_MODELS_TOTAL: models('POST_REHAB_MODELS_TOTAL', `(${modelMaintained}) OR ${modelNew}`),
  TRAINING_COURSES: count('TRAINING_COURSES', 'training_course', `${inPeriod('x.ended_on')} AND WITHIN(x.owner_unit_path)`),
  OFFICERS_TRAINED: `SELECT r.i, coalesce(sum(x.total_participants), 0)::int AS numerator, NULL::int AS denominator,
    NULL::text[] AS person_keys FROM req r LEFT JOIN training_course x ON ${inPeriod('x.ended_on')} AND WITHIN(x.owner_unit_path)
    WHERE r.code = 'OFFICERS_TRAINED' GROUP BY r.i`,
  INSPECTIONS: count('INSPECTIONS', 'inspection', `${inPeriod('x.inspected_on')} AND WITHIN(x.owner_unit_path)`),
  INSPECTION_VIOLATIONS_RESOLVED_SHARE: `SELECT r.i, (count(x.id) FILTER (WHERE x.resolved_on <= r.d_to))::int AS numerator,
    count(x.id)::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN inspection x ON ${inPeriod('x.inspected_on')} AND x.violations > 0 AND WITHIN(x.owner_unit_path)
    WHERE r.code = 'INSPECTION_VIOLATIONS_RESOLVED_SHARE' GROUP BY r.i`,
  BUDGET_ALLOCATED: `SELECT r.i, coalesce(sum(x.allocated), 0)::int AS numerator, NULL::int AS denominator,
    NULL::text[] AS person_keys FROM req r LEFT JOIN budget_line x
      ON x.fiscal_year BETWEEN extract(year FROM r.d_from) AND extract(year FROM r.d_to) AND WITHIN(x.owner_unit_path)
    WHERE r.code = 'BUDGET_ALLOCATED' GROUP BY r.i`,
  BUDGET_SPENT: `SELECT r.i, coalesce(sum(s.amount), 0)::int AS numerator, NULL::int AS denominator,
    NULL::text[] AS person_keys FROM req r LEFT JOIN (budget_line x JOIN budget_spending s ON s.budget_line_id = x.id)
      ON ${inPeriod('s.spent_on')} AND WITHIN(x.owner_unit_path)
    WHERE r.code = 'BUDGET_SPENT' GROUP BY r.i`,
  COMPLAINTS_RECEIVED: count('COMPLAINTS_RECEIVED', 'complaint', `${inPeriod('x.received_on')} AND WITHIN(x.owner_unit_path)`),
  COMPLAINTS_SETTLED_ON_TIME_SHARE: `SELECT r.i, (count(x.id) FILTER (WHERE x.resolved_on <= x.due_on))::int AS numerator,
    count(x.id)::int AS denominator, NULL::text[] AS person_keys
    FROM req r LEFT JOIN complaint x ON ${inPeriod('x.received_on')} AND x.due_on <= r.d_to AND WITHIN(x.owner_unit_path)
    WHERE r.code = 'COMPLAINTS_SETTLED_ON_TIME_SHARE' GROUP BY r.i`,
  RELAPSE_RATE: underManagement('RELAPSE_RATE', inPeriod('x.relapsed_on')),
  DRUG_USE_DURING_POST_REHAB_RATE: underManagement(
    'DRUG_USE_DURING_POST_REHAB_RATE',
    'EXISTS (SELECT 1 FROM post_rehab_drug_use u WHERE u.case_id = x.id AND u.used_on BETWEEN r.d_from AND r.d_to)',
  ),
  // People treated in any form: health's patients (sent) and the rehab episodes here, by residence.
  TREATED_TOTAL: `SELECT * FROM (WITH ${SENT_ROWS}, rows AS (SELECT DISTINCT r.i FROM req r WHERE r.code = 'TREATED_TOTAL'),
    people AS (SELECT s.i, s.person_id FROM sent s JOIN rows USING (i) WHERE s.treated
      UNION SELECT r.i, e.person_id FROM req r JOIN rehab_episode e ON ${episodeOverlaps('e')}
        AND WITHIN(e.residence_owner_path, e.person_id) WHERE r.code = 'TREATED_TOTAL')
    SELECT rows.i, count(p.person_id)::int AS numerator, NULL::int AS denominator, NULL::text[] AS person_keys
    FROM rows LEFT JOIN people p USING (i) GROUP BY rows.i) AS treated`,
  // People under police management (sent as counted) reached by prevention (sent by the mass organisations as treated).
  USERS_REACHED_BY_PREVENTION_SHARE: `SELECT * FROM (WITH ${SENT_ROWS}, rows AS (SELECT DISTINCT r.i FROM req r
      WHERE r.code = 'USERS_REACHED_BY_PREVENTION_SHARE'),
    persons AS (SELECT s.i, s.person_id, bool_or(s.counted) AS counted, bool_or(s.treated) AS reached
      FROM sent s JOIN rows USING (i) GROUP BY s.i, s.person_id)
    SELECT rows.i, (count(p.person_id) FILTER (WHERE p.counted AND p.reached))::int AS numerator,
      (count(p.person_id) FILTER (WHERE p.counted))::int AS denominator, NULL::text[] AS person_keys
    FROM rows LEFT JOIN persons p USING (i) GROUP BY rows.i) AS reached`,
  // People with management records: those police (management) and health (treatment) sent, with
  // the rehab episodes and post-rehab management here; treated: a rehab episode here (of any unit,
  // for a person counted in this one), treatment or counselling sent.
  RECORDS_IN_TREATMENT_SHARE: `SELECT * FROM (WITH ${SENT_ROWS}, rows AS (SELECT DISTINCT r.i, r.d_from, r.d_to FROM req r WHERE r.code = 'RECORDS_IN_TREATMENT_SHARE'),
    people AS (SELECT s.i, s.person_id, s.counted, s.treated FROM sent s JOIN rows USING (i)
      UNION ALL SELECT r.i, e.person_id, true, true FROM req r JOIN rehab_episode e ON ${episodeOverlaps('e')}
        AND WITHIN(e.residence_owner_path, e.person_id) WHERE r.code = 'RECORDS_IN_TREATMENT_SHARE'
      UNION ALL SELECT r.i, c.person_id, true, false FROM req r JOIN post_rehab_case c ON ${managedInPeriod('c')}
        AND WITHIN(c.owner_unit_path, c.person_id) WHERE r.code = 'RECORDS_IN_TREATMENT_SHARE'
      UNION ALL SELECT s.i, e.person_id, false, true FROM (SELECT DISTINCT i, person_id FROM sent) s JOIN rows r USING (i)
        JOIN rehab_episode e ON e.person_id = s.person_id AND ${episodeOverlaps('e')}),
    persons AS (SELECT i, person_id, bool_or(counted) AS counted, bool_or(treated) AS treated FROM people GROUP BY i, person_id)
    SELECT rows.i, (count(*) FILTER (WHERE p.counted AND p.treated))::int AS numerator,
      (count(*) FILTER (WHERE p.counted))::int AS denominator, NULL::text[] AS person_keys
    FROM rows LEFT JOIN persons p USING (i) GROUP BY rows.i) AS managed`,
};
