/**
 * Indicators through the gateway: a small fixture of people across the four
 * agencies in 2015 (the demo data counts back from 2026-11-01 and does not reach 2015),
 * whose indicator values are computed by hand below; the analyst's drill-down is
 * pseudonymous; a list costs one statement per measuring subgraph whatever its length.
 */
import type { InProcessSystem } from '@rehab/ops';
import { startTestSystem } from './fixtures';

// The hand-made fixture's exact values, small cells included: suppression off here
// (SMALL_CELL_THRESHOLD=1); analysts' small-cell suppression is proved in inference.test.ts.
process.env.SMALL_CELL_THRESHOLD = '1';

let system: InProcessSystem;
let analyst: string;

/** Two wards of Quận Ba Đình in 2015: Phúc Xá and Trúc Bạch. */
const BA_DINH_1 = { code: '00001', path: '01.001.00001' };
const BA_DINH_2 = { code: '00004', path: '01.001.00004' };
const uuid = (n: number) => `15000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** P1 … P9 of the fixture. */
const P = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(uuid);

async function sql(
  name: 'police' | 'labor-welfare' | 'health' | 'volunteers',
  text: string,
  params: unknown[] = [],
): Promise<unknown[]> {
  return system.dbs.subgraph(name).db.query<unknown[]>(text, params);
}

async function policeFixture(): Promise<void> {
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const unit = [1, 2, 5, 7].includes(n) ? BA_DINH_1 : BA_DINH_2;
    await sql(
      'police',
      `INSERT INTO person (id, identification_number, full_name, full_name_folded, date_of_birth, sex, ethnicity,
      permanent_unit_code, permanent_address, current_unit_code, current_address, owner_unit_path)
      VALUES ($1, $2, $3, $4, '1990-01-01', 'MALE', 'Kinh', $5, 'Số 1', $5, 'Số 1', $6)`,
      [P[n], `00109000000${n}`, `Người Thử ${n}`, `nguoi thu ${n}`, unit.code, unit.path],
    );
  }
  // P1–P4 under a management decision in force in 2015; P5's ended in 2014.
  const decisions: [number, string, string][] = [
    [1, '2015-01-10', BA_DINH_1.path],
    [2, '2015-02-01', BA_DINH_1.path],
    [3, '2015-03-01', BA_DINH_2.path],
    [4, '2015-04-01', BA_DINH_2.path],
  ];
  for (const [n, on, path] of decisions) {
    await sql(
      'police',
      `INSERT INTO drug_user_management (id, person_id, status, detected_on, detection_method, substances, detected_by,
      decision_number, decision_date, period_ends_on, owner_unit_path)
      VALUES ($1, $2, 'ACTIVE', $3, 'CAUGHT_USING', '{OPIOIDS}', 'test', $4, $3, ($3::date + 365), $5)`,
      [uuid(100 + n), P[n], on, `QD-${n}`, path],
    );
  }
  await sql(
    'police',
    `INSERT INTO drug_user_management (id, person_id, status, detected_on, detection_method, substances, detected_by,
    decision_number, decision_date, period_ends_on, ended_on, end_reason, owner_unit_path)
    VALUES ($1, $2, 'ENDED', '2014-01-01', 'CAUGHT_USING', '{OPIOIDS}', 'test', 'QD-5', '2014-01-01', '2014-12-31', '2014-12-31', 'PERIOD_COMPLETED', $3)`,
    [uuid(105), P[5], BA_DINH_1.path],
  );
}

async function modelsFixture(): Promise<void> {
  const models: [number, string, typeof BA_DINH_1, string, string | null][] = [
    [1, 'CLUB', BA_DINH_1, '2014-05-01', null],
    [2, 'VOLUNTEER_TEAM', BA_DINH_2, '2014-01-01', '2015-06-30'],
    [3, 'COUNSELLING_POINT', BA_DINH_1, '2015-03-01', null],
    [4, 'SELF_MANAGED_GROUP', BA_DINH_2, '2015-09-01', '2015-11-30'],
  ];
  for (const [n, kind, unit, from, to] of models) {
    await sql(
      'labor-welfare',
      `INSERT INTO post_rehab_model (id, name, kind, unit_code, owner_unit_path, established_on, ended_on, recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, 'test')`,
      [uuid(500 + n), `Mô hình M${n}`, kind, unit.code, unit.path, from, to],
    );
  }
  // Training: 30 at Phúc Xá ending in April 2015, 200 for the city ending in September, 20 at Trúc Bạch in 2016.
  const courses: [number, string, string, string, number][] = [
    [1, BA_DINH_1.code, BA_DINH_1.path, '2015-04-10', 30],
    [2, '01', '01', '2015-09-30', 200],
    [3, BA_DINH_2.code, BA_DINH_2.path, '2016-02-01', 20],
  ];
  for (const [n, unit, path, endedOn, total] of courses) {
    await sql(
      'labor-welfare',
      `INSERT INTO training_course (id, unit_code, owner_unit_path, title, agency, started_on, ended_on, participants,
      total_participants, recorded_by) VALUES ($1, $2, $3, 'Tập huấn', 'police', $4::date - 2, $4, $5::jsonb, $6, 'test')`,
      [uuid(520 + n), unit, path, endedOn, JSON.stringify([{ group: 'POLICE', count: total }]), total],
    );
  }
  // Inspections: CSCN1 in May 2015 (one violation, put right on 1 July), Phúc Xá in October (two,
  // still open), Trúc Bạch in November (none).
  const inspections: [number, string, string, string, number, string | null, string | null][] = [
    [1, 'CSCN1', '01.CSCN1', '2015-05-05', 1, '2015-06-05', '2015-07-01'],
    [2, BA_DINH_1.code, BA_DINH_1.path, '2015-10-10', 2, '2015-12-10', null],
    [3, BA_DINH_2.code, BA_DINH_2.path, '2015-11-20', 0, null, null],
  ];
  for (const [n, unit, path, on, violations, due, resolved] of inspections) {
    await sql(
      'labor-welfare',
      `INSERT INTO inspection (id, unit_code, owner_unit_path, kind, inspected_on, agency, findings, violations, follow_up_due_on,
      resolved_on, resolution, recorded_by) VALUES ($1, $2, $3, 'PLANNED', $4, 'labor-welfare', 'Kết luận', $5, $6, $7, $8, 'test')`,
      [uuid(540 + n), unit, path, on, violations, due, resolved, resolved ? 'Đã khắc phục' : null],
    );
  }
}

async function budgetsAndComplaintsFixture(): Promise<void> {
  // Budgets: the city's prevention line of 2015 (1,000 million; 200 spent in March, 300 in September),
  // Phúc Xá's communication line of 2015 (50; 40 spent in June) and of 2016 (70; 10 spent in February 2016).
  const lines: [number, string, string, number, string, number, [string, number][]][] = [
    [
      1,
      '01',
      '01',
      2015,
      'PREVENTION',
      1000,
      [
        ['2015-03-10', 200],
        ['2015-09-15', 300],
      ],
    ],
    [2, BA_DINH_1.code, BA_DINH_1.path, 2015, 'COMMUNICATION', 50, [['2015-06-01', 40]]],
    [3, BA_DINH_1.code, BA_DINH_1.path, 2016, 'COMMUNICATION', 70, [['2016-02-01', 10]]],
  ];
  for (const [n, unit, path, year, activity, allocated, spendings] of lines) {
    const spent = spendings.reduce((sum, [, amount]) => sum + amount, 0);
    await sql(
      'labor-welfare',
      `INSERT INTO budget_line (id, unit_code, owner_unit_path, fiscal_year, source, activity, allocated, allocated_on, agency,
      spent, recorded_by) VALUES ($1, $2, $3, $4::int, 'PROVINCE', $5, $6, make_date($4::int, 1, 5), 'police', $7, 'test')`,
      [uuid(560 + n), unit, path, year, activity, allocated, spent],
    );
    for (const [i, [on, amount]] of spendings.entries()) {
      await sql(
        'labor-welfare',
        `INSERT INTO budget_spending (id, budget_line_id, spent_on, amount, recorded_by) VALUES ($1, $2, $3, $4, 'test')`,
        [uuid(570 + n * 3 + i), uuid(560 + n), on, amount],
      );
    }
  }
  // Complaints: Phúc Xá's of February settled on time, Trúc Bạch's of November settled late, and
  // CSCN1's of 20 December open with a time limit in 2016.
  const complaints: [number, string, string, string, string, string | null][] = [
    [1, BA_DINH_1.code, BA_DINH_1.path, '2015-02-01', '2015-03-03', '2015-02-25'],
    [2, BA_DINH_2.code, BA_DINH_2.path, '2015-11-01', '2015-12-01', '2015-12-20'],
    [3, 'CSCN1', '01.CSCN1', '2015-12-20', '2016-01-19', null],
  ];
  for (const [n, unit, path, received, due, resolved] of complaints) {
    await sql(
      'labor-welfare',
      `INSERT INTO complaint (id, kind, unit_code, owner_unit_path, agency, received_on, subject, summary, complainant_name,
      due_on, resolved_on, outcome, resolution, recorded_by)
      VALUES ($1, 'COMPLAINT', $2, $3, 'commune', $4, 'DECISION', 'Nội dung', 'Người khiếu nại', $5, $6, $7, $8, 'test')`,
      [uuid(590 + n), unit, path, received, due, resolved, resolved ? 'NOT_UPHELD' : null, resolved ? 'Đã trả lời' : null],
    );
  }
}

async function preventionFixture(): Promise<void> {
  // People at risk: A1 in Phúc Xá (listed February 2015, screened in March), A2 in Trúc Bạch (listed
  // June, never served), A3 in Trúc Bạch (listed 2014, later P3 on record; counselled in April 2015),
  // A4 in Phúc Xá (listed and taken off in 2014). P2 was given legal aid directly in May 2015.
  const entries: [number, typeof BA_DINH_1, string, string | null, string | null][] = [
    [1, BA_DINH_1, '2015-02-01', null, null],
    [2, BA_DINH_2, '2015-06-01', null, null],
    [3, BA_DINH_2, '2014-10-01', null, P[3] ?? null],
    [4, BA_DINH_1, '2014-05-01', '2014-12-01', null],
  ];
  for (const [n, unit, listed, removed, person] of entries) {
    await sql(
      'volunteers',
      `INSERT INTO person_at_risk (id, full_name, birth_year, commune_code, owner_unit_path, risk_group, listed_on, agency,
      person_id, linked_on, removed_on, removal_reason, recorded_by)
      VALUES ($1, $2, 1998, $3, $4, 'SUSPECTED_USE', $5, 'volunteers', $6, $7, $8, $9, 'test')`,
      [
        uuid(600 + n),
        `Người nguy cơ ${n}`,
        unit.code,
        unit.path,
        listed,
        person,
        person ? '2015-08-01' : null,
        removed,
        removed ? 'Chuyển đi' : null,
      ],
    );
  }
  const services: [number, number | null, string | null, string, string, string][] = [
    [1, 1, null, BA_DINH_1.path, 'RISK_SCREENING', '2015-03-05'],
    [2, 3, null, BA_DINH_2.path, 'COUNSELLING', '2015-04-04'],
    [3, null, P[2] ?? null, BA_DINH_1.path, 'LEGAL_AID', '2015-05-20'],
  ];
  for (const [n, entry, person, path, kind, on] of services) {
    await sql(
      'volunteers',
      `INSERT INTO prevention_service (id, person_at_risk_id, person_id, owner_unit_path, kind, provided_on, agency, recorded_by)
      VALUES ($1, $2, $3, $4, $5, $6, 'volunteers', 'test')`,
      [uuid(610 + n), entry === null ? null : uuid(600 + entry), person, path, kind, on],
    );
  }
  // Hotspots: Phúc Xá's from June 2014, cleared on 1 August 2015; Trúc Bạch's from October 2015.
  // Drug-free: Phúc Xá recognised on 1 May 2015; Trúc Bạch's recognition of 2014 withdrawn on 1 July 2015.
  for (const [n, unit, from, to] of [
    [1, BA_DINH_1, '2014-06-01', '2015-08-01'],
    [2, BA_DINH_2, '2015-10-01', null],
  ] as const) {
    await sql(
      'police',
      `INSERT INTO drug_hotspot (id, commune_code, owner_unit_path, description, identified_on, cleared_on, clearance_note, agency, recorded_by)
      VALUES ($1, $2, $3, 'Điểm tụ tập', $4, $5, $6, 'police', 'test')`,
      [uuid(620 + n), unit.code, unit.path, from, to, to ? 'Đã xóa bỏ' : null],
    );
  }
  for (const [n, unit, from, to] of [
    [1, BA_DINH_1, '2015-05-01', null],
    [2, BA_DINH_2, '2014-01-01', '2015-07-01'],
  ] as const) {
    await sql(
      'police',
      `INSERT INTO drug_free_recognition (id, commune_code, owner_unit_path, recognised_on, decision_number, withdrawn_on,
      withdrawal_reason, agency, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, 'police', 'test')`,
      [uuid(630 + n), unit.code, unit.path, from, `QĐ-${n}`, to, to ? 'Có điểm tụ tập mới' : null],
    );
  }
}

const PHASE = `INSERT INTO substitution_treatment_phase (treatment_id, phase, since, source, recorded_by)
  VALUES ($1, $2, $3, 'RECORDED', 'test')`;

async function phases(treatment: string, history: [string, string][]): Promise<void> {
  for (const [phase, since] of history) await sql('health', PHASE, [treatment, phase, since]);
}

async function healthFixture(): Promise<void> {
  // P1 enrolled in March 2015, in maintenance from May; P6 in treatment until February 2015
  // (stopped; in maintenance on his last day); P9 enrolled on 10 December 2015, in dose
  // adjustment at the year's end (his maintenance is recorded later, in the test below).
  await sql(
    'health',
    `INSERT INTO substitution_treatment (id, person_id, clinic_code, status, phase, enrolled_on, medication, owner_unit_path, residence_unit_path)
    VALUES ($1, $2, 'MMT001', 'ACTIVE', 'MAINTENANCE', '2015-03-01', 'METHADONE', '01.MMT001', $3)`,
    [uuid(201), P[1], BA_DINH_1.path],
  );
  await sql(
    'health',
    `INSERT INTO substitution_treatment (id, person_id, clinic_code, status, phase, enrolled_on, medication, owner_unit_path,
    residence_unit_path, stopped_on, termination_reason) VALUES ($1, $2, 'MMT001', 'STOPPED', 'STOPPED', '2014-06-01', 'METHADONE', '01.MMT001', $3,
    '2015-02-01', 'VOLUNTARY')`,
    [uuid(206), P[6], BA_DINH_2.path],
  );
  await sql(
    'health',
    `INSERT INTO substitution_treatment (id, person_id, clinic_code, status, phase, enrolled_on, medication, owner_unit_path, residence_unit_path)
    VALUES ($1, $2, 'MMT001', 'ACTIVE', 'DOSE_ADJUSTMENT', '2015-12-10', 'METHADONE', '01.MMT001', $3)`,
    [uuid(209), P[9], BA_DINH_1.path],
  );
  // Screenings: P2 twice in 2015 (February and September, counted once), P4 in November, P3 in
  // December 2014 (outside 2015). All in Ba Đình; P2 in Phúc Xá, P3 and P4 in Trúc Bạch.
  const screenings: [number, number, string, typeof BA_DINH_1][] = [
    [1, 2, '2015-02-10', BA_DINH_1],
    [2, 2, '2015-09-05', BA_DINH_1],
    [3, 4, '2015-11-20', BA_DINH_2],
    [4, 3, '2014-12-15', BA_DINH_2],
  ];
  for (const [n, person, on, unit] of screenings) {
    await sql(
      'health',
      `INSERT INTO drug_use_screening (id, person_id, screened_on, instrument, risk_level, substance_classes, referral,
      residence_unit_path, owner_unit_path, recorded_by) VALUES ($1, $2, $3, 'ASSIST', 'MODERATE', '{STIMULANTS}', 'COUNSELLING', $4, '01', 'test')`,
      [uuid(250 + n), P[person], on, unit.path],
    );
  }
  // Psychosis from synthetic drugs: P5 found in March 2015 in Phúc Xá, recovered in June; P6 found in
  // November 2014 in Trúc Bạch, still under care; P2 found in January 2016 (outside 2015).
  const psychoses: [number, number, string, string | null, typeof BA_DINH_1][] = [
    [1, 5, '2015-03-10', '2015-06-01', BA_DINH_1],
    [2, 6, '2014-11-01', null, BA_DINH_2],
    [3, 2, '2016-01-05', null, BA_DINH_1],
  ];
  for (const [n, person, on, ended, unit] of psychoses) {
    await sql(
      'health',
      `INSERT INTO drug_induced_psychosis (id, person_id, diagnosed_on, substance_classes, severity, risk_to_others, care, status,
      ended_on, end_reason, residence_unit_path, owner_unit_path, recorded_by) VALUES ($1, $2, $3, '{STIMULANTS}', 'MODERATE', false,
      'OUTPATIENT', $4, $5, $6, $7, '01', 'test')`,
      [uuid(270 + n), P[person], on, ended ? 'ENDED' : 'UNDER_CARE', ended, ended ? 'RECOVERED' : null, unit.path],
    );
  }
  await phases(uuid(201), [
    ['INDUCTION', '2015-03-01'],
    ['DOSE_ADJUSTMENT', '2015-03-15'],
    ['MAINTENANCE', '2015-05-01'],
  ]);
  await phases(uuid(206), [
    ['INDUCTION', '2014-06-01'],
    ['DOSE_ADJUSTMENT', '2014-06-15'],
    ['MAINTENANCE', '2014-08-01'],
    ['STOPPED', '2015-02-01'],
  ]);
  await phases(uuid(209), [
    ['INDUCTION', '2015-12-10'],
    ['DOSE_ADJUSTMENT', '2015-12-24'],
  ]);
}

async function volunteersFixture(): Promise<void> {
  // P2 counselled in May 2015 (and only visited in January).
  const [volunteer] = (await sql('volunteers', 'SELECT id FROM volunteer ORDER BY id LIMIT 1')) as { id: string }[];
  await sql(
    'volunteers',
    `INSERT INTO volunteer_assignment (id, person_id, volunteer_id, reason, started_on, ended_on, end_reason, owner_unit_path)
    VALUES ($1, $2, $3, 'DRUG_USER_MANAGEMENT', '2015-01-05', '2015-12-31', 'ENDED', $4)`,
    [uuid(302), P[2], volunteer?.id, BA_DINH_1.path],
  );
  for (const [n, on, kind] of [
    [1, '2015-01-20', 'VISIT'],
    [2, '2015-05-05', 'COUNSELLING'],
  ] as const) {
    await sql(
      'volunteers',
      `INSERT INTO support_activity (id, assignment_id, occurred_on, kind, relapse_risk, recorded_by)
      VALUES ($1, $2, $3, $4, 'NONE', 'test')`,
      [uuid(310 + n), uuid(302), on, kind],
    );
  }
  // Communication: a forum of 120 in Phúc Xá in March, leaflets to 300 in Trúc Bạch in September,
  // a broadcast heard by 2,000 across Ba Đình district in September 2015 (held at the district's
  // province, Hà Nội, so it counts for the city, not the district), and a talk of 40 in Phúc Xá in 2016.
  for (const [n, unit, path, kind, on, audience] of [
    [1, BA_DINH_1.code, BA_DINH_1.path, 'FORUM', '2015-03-12', 120],
    [2, BA_DINH_2.code, BA_DINH_2.path, 'LEAFLET', '2015-09-02', 300],
    [3, '01', '01', 'BROADCAST', '2015-09-20', 2000],
    [4, BA_DINH_1.code, BA_DINH_1.path, 'TALK', '2016-01-08', 40],
  ] as const) {
    await sql(
      'volunteers',
      `INSERT INTO communication_activity (id, unit_code, owner_unit_path, kind, held_on, title, agency, audience, recorded_by)
      VALUES ($1, $2, $3, $4, $5, 'Tuyên truyền phòng, chống ma túy', 'volunteers', $6, 'test')`,
      [uuid(320 + n), unit, path, kind, on, audience],
    );
  }
}

const EPISODE = `INSERT INTO rehab_episode (id, person_id, kind, status, facility_code, residence_unit_code, facility_owner_path, residence_owner_path,
  admitted_on, planned_end_on, ended_on, certificate_number, phase, phase_since, community_setting)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`;

async function laborWelfareFixture(): Promise<void> {
  // P3: voluntary rehab at home from June 2015 (open). P5: at a community rehab house since October
  // 2014 (open). P7: compulsory at CSCN1, completed in August, decided post-rehab management,
  // relapsed in November, a loan and a job, admitted again in December. P8: voluntary at CSCN2,
  // completed in September, still awaiting the commune's decision.
  await sql('labor-welfare', EPISODE, [
    uuid(403),
    P[3],
    'VOLUNTARY_COMMUNITY',
    'ADMITTED',
    null,
    BA_DINH_2.code,
    null,
    BA_DINH_2.path,
    '2015-06-01',
    '2015-12-01',
    null,
    null,
    null,
    null,
    'HOME',
  ]);
  await sql('labor-welfare', EPISODE, [
    uuid(405),
    P[5],
    'VOLUNTARY_COMMUNITY',
    'ADMITTED',
    null,
    BA_DINH_1.code,
    null,
    BA_DINH_1.path,
    '2014-10-01',
    '2015-10-01',
    null,
    null,
    null,
    null,
    'REHAB_HOUSE',
  ]);
  await sql('labor-welfare', EPISODE, [
    uuid(407),
    P[7],
    'COMPULSORY',
    'COMPLETED',
    'CSCN1',
    BA_DINH_1.code,
    '01.CSCN1',
    BA_DINH_1.path,
    '2015-02-01',
    '2015-08-01',
    '2015-08-01',
    'GCN-7',
    'REINTEGRATION_PREPARATION',
    '2015-07-01',
    null,
  ]);
  await sql('labor-welfare', EPISODE, [
    uuid(417),
    P[7],
    'COMPULSORY',
    'ADMITTED',
    'CSCN1',
    BA_DINH_1.code,
    '01.CSCN1',
    BA_DINH_1.path,
    '2015-12-01',
    '2017-12-01',
    null,
    null,
    'DETOX',
    '2015-12-01',
    null,
  ]);
  await sql('labor-welfare', EPISODE, [
    uuid(408),
    P[8],
    'VOLUNTARY_FACILITY',
    'COMPLETED',
    'CSCN2',
    BA_DINH_2.code,
    '01.CSCN2',
    BA_DINH_2.path,
    '2015-03-01',
    '2015-09-01',
    '2015-09-01',
    'GCN-8',
    'EDUCATION_BEHAVIOUR',
    '2015-04-01',
    null,
  ]);
  await sql(
    'labor-welfare',
    `INSERT INTO post_rehab_case (id, person_id, episode_id, status, residence_unit_code, owner_unit_path, opened_on,
    decision_number, decision_on, period_months, ends_on, relapsed_on) VALUES ($1, $2, $3, 'RELAPSED', $4, $5, '2015-08-01', 'QD-QL-7',
    '2015-08-10', 12, '2016-08-10', '2015-11-01')`,
    [uuid(507), P[7], uuid(407), BA_DINH_1.code, BA_DINH_1.path],
  );
  // P7 tested positive in September while under management, not yet a relapse into addiction (that came on 1 November).
  await sql(
    'labor-welfare',
    `INSERT INTO post_rehab_drug_use (id, case_id, used_on, evidence, recorded_by) VALUES ($1, $2, '2015-09-15', 'POSITIVE_TEST', 'test')`,
    [uuid(517), uuid(507)],
  );
  await sql(
    'labor-welfare',
    `INSERT INTO post_rehab_case (id, person_id, episode_id, status, residence_unit_code, owner_unit_path, opened_on)
    VALUES ($1, $2, $3, 'AWAITING_DECISION', $4, $5, '2015-09-01')`,
    [uuid(508), P[8], uuid(408), BA_DINH_2.code, BA_DINH_2.path],
  );
  for (const [n, kind, on, amount] of [
    [1, 'LOAN', '2015-09-01', 20000000],
    [2, 'JOB_PLACEMENT', '2015-10-01', null],
  ] as const) {
    await sql(
      'labor-welfare',
      `INSERT INTO reintegration_support (id, person_id, kind, provider, started_on, amount_vnd, outcome, residence_unit_code, owner_unit_path)
      VALUES ($1, $2, $3, 'Ngân hàng Chính sách xã hội', $4, $5, 'PENDING', $6, $7)`,
      [uuid(600 + n), P[7], kind, on, amount, BA_DINH_1.code, BA_DINH_1.path],
    );
  }
}

interface Value {
  indicator: { code: string };
  unit: { code: string };
  target: number | null;
  actual: number | null;
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
}

const VALUES = `query($plan: ID!, $unit: ID!, $period: PeriodInput!) { plans(year: 2022) { id }
  indicators(plan: $plan, unit: $unit, period: $period) { indicator { code } unit { code } target actual ratio numerator denominator } }`;

let plan2022: string;

async function values(unit: string, period: Record<string, unknown>): Promise<Record<string, Value>> {
  const response = await system.graphql<{ indicators: Value[] }>(analyst, VALUES, { plan: plan2022, unit, period });
  expect(response.errors).toBeUndefined();
  return Object.fromEntries((response.data?.indicators ?? []).map((v) => [v.indicator.code, v]));
}

const YEAR_2015 = { kind: 'YEAR', year: 2015 };
const pick = (v: Value | undefined) => v && { actual: v.actual, numerator: v.numerator, denominator: v.denominator };

beforeAll(async () => {
  system = await startTestSystem();
  analyst = await system.login('phantich.hanoi');
  const response = await system.graphql<{ plans: { id: string; title: string }[] }>(
    analyst,
    '{ plans(year: 2022) { id title } }',
  );
  plan2022 = response.data?.plans[0]?.id ?? '';
  // Nothing in 2015 before the fixture: the values below are the fixture's alone.
  const before = await values('01', YEAR_2015);
  for (const v of Object.values(before)) expect([0, null]).toContain(v.numerator);
  await policeFixture();
  await healthFixture();
  await volunteersFixture();
  await laborWelfareFixture();
  await modelsFixture();
  await budgetsAndComplaintsFixture();
  await preventionFixture();
});

afterAll(async () => {
  await system.stop();
});

describe('indicator values on a hand-computed fixture (2015, Quận Ba Đình)', () => {
  it("computes each agency's indicators for the district", async () => {
    const v = await values('001', YEAR_2015);
    // People with management records in 2015: P1–P4 (police decisions), P5 (community rehab), P6 and
    // P9 (substitution treatment), P7 and P8 (facility rehab; P7 also post-rehab management). Treated
    // or counselled: all but P4 (P2 counselled, the others treated): 8 of 9.
    expect(pick(v.RECORDS_IN_TREATMENT_SHARE)).toEqual({ actual: 8 / 9, numerator: 8, denominator: 9 });
    // Treated in any form: P3, P5 (community), P7, P8 (facility), P1, P6, P9 (substitution).
    expect(pick(v.TREATED_TOTAL)).toEqual({ actual: 7, numerator: 7, denominator: null });
    // Health: P1, P6 (stopped in February, carried over from 2014) and P9 (new in December).
    expect(pick(v.METHADONE_MAINTAINED)).toEqual({ actual: 3, numerator: 3, denominator: null });
    expect(pick(v.METHADONE_NEW)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(v.METHADONE_NEW_PERSON_TIMES)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(v.METHADONE_CARRIED_OVER)).toEqual({ actual: 1, numerator: 1, denominator: null });
    // On 31 December P1 in maintenance, P9 in dose adjustment; P6 in maintenance on his last day (31 January).
    expect(pick(v.METHADONE_MAINTENANCE_SHARE)).toEqual({ actual: 2 / 3, numerator: 2, denominator: 3 });
    // Rehab by form: P7 compulsory (admitted twice: 1 person, 2 person-times), P8 voluntary at a
    // facility, P3 at home and P5 at a community rehab house (admitted in 2014, still in rehab).
    expect(pick(v.FACILITY_ADMISSIONS_PERSON_TIMES)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(v.FACILITY_REHAB_COMPULSORY)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.FACILITY_REHAB_VOLUNTARY)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.COMMUNITY_REHAB)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(v.COMMUNITY_REHAB_HOUSE)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.COMMUNITY_REHAB_HOME)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.VOLUNTARY_MOBILISED_PERSON_TIMES)).toEqual({ actual: 2, numerator: 2, denominator: null });
    // Labour: P7 compulsory (one person); P3 (home) and P8 (facility) voluntary admitted in 2015; P7 and P8 completed, only P7 decided; P7 relapsed.
    expect(pick(v.FACILITY_ADMISSIONS)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.VOLUNTARY_MOBILISED)).toEqual({ actual: 2, numerator: 2, denominator: null });
    // Residents in 2015 past the vocational phase or completed: P7 (reintegration preparation) and P8 (completed).
    expect(pick(v.FACILITY_VOCATIONAL_TRAINING)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(v.POST_REHAB_MANAGEMENT)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.COMPLETIONS_UNDER_MANAGEMENT_SHARE)).toEqual({ actual: 0.5, numerator: 1, denominator: 2 });
    expect(pick(v.RELAPSE_RATE)).toEqual({ actual: 1, numerator: 1, denominator: 1 });
    // Screened and assessed in 2015: P2 (twice, once counted) and P4; P3's was in December 2014.
    expect(pick(v.SCREENED_AND_ASSESSED)).toEqual({ actual: 2, numerator: 2, denominator: null });
    // Psychosis under care in 2015: P5 (March to June) and P6 (since November 2014); P2's is in 2016.
    expect(pick(v.DRUG_INDUCED_PSYCHOSIS_UNDER_CARE)).toEqual({ actual: 2, numerator: 2, denominator: null });
    // P7 used in September (without relapse into addiction) before relapsing in November.
    expect(pick(v.DRUG_USE_DURING_POST_REHAB_RATE)).toEqual({ actual: 1, numerator: 1, denominator: 1 });
    // Communication in Ba Đình in 2015: the forum (120) and the leaflets (300); the city's broadcast and 2016's talk are not the district's.
    expect(pick(v.COMMUNICATION_ACTIVITIES)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(v.COMMUNICATION_AUDIENCE)).toEqual({ actual: 420, numerator: 420, denominator: null });
    // Training in Ba Đình in 2015: Phúc Xá's course (30); the city's and 2016's are not the district's.
    expect(pick(v.TRAINING_COURSES)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.OFFICERS_TRAINED)).toEqual({ actual: 30, numerator: 30, denominator: null });
    // Inspections of Ba Đình in 2015: Phúc Xá (violations still open) and Trúc Bạch (none); CSCN1 is the city's.
    expect(pick(v.INSPECTIONS)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(v.INSPECTION_VIOLATIONS_RESOLVED_SHARE)).toEqual({ actual: 0, numerator: 0, denominator: 1 });
    // Budgets of Ba Đình in 2015: Phúc Xá's line (50, 40 spent); the city's and 2016's are not the district's.
    expect(pick(v.BUDGET_ALLOCATED)).toEqual({ actual: 50, numerator: 50, denominator: null });
    expect(pick(v.BUDGET_SPENT)).toEqual({ actual: 40, numerator: 40, denominator: null });
    // Complaints received in Ba Đình in 2015: Phúc Xá's (on time) and Trúc Bạch's (late).
    expect(pick(v.COMPLAINTS_RECEIVED)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(v.COMPLAINTS_SETTLED_ON_TIME_SHARE)).toEqual({ actual: 0.5, numerator: 1, denominator: 2 });
    // Prevention lists on 31 December 2015: A1, A2, A3 (A4 taken off in 2014); on a list in 2015: the
    // same three, of whom A1 and A3 were served. Managed P1–P4, of whom P2 (directly) and P3 (through A3) were reached.
    expect(pick(v.PEOPLE_AT_RISK)).toEqual({ actual: 3, numerator: 3, denominator: null });
    expect(pick(v.PEOPLE_AT_RISK_REACHED_SHARE)).toEqual({ actual: 2 / 3, numerator: 2, denominator: 3 });
    expect(pick(v.USERS_REACHED_BY_PREVENTION_SHARE)).toEqual({ actual: 0.5, numerator: 2, denominator: 4 });
    // At the end of 2015: Trúc Bạch's hotspot (Phúc Xá's cleared in August); Phúc Xá drug-free (Trúc Bạch's withdrawn).
    expect(pick(v.DRUG_HOTSPOTS)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.DRUG_FREE_COMMUNES)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.REINTEGRATION_SUPPORT)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.LOANS)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.JOB_PLACEMENT)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.VOCATIONAL_TRAINING)).toEqual({ actual: 0, numerator: 0, denominator: null });
    expect(pick(v.COMPULSORY_DOSSIERS)).toEqual({ actual: 0, numerator: 0, denominator: null });
    // Models: M1 (2014, running) maintained; M3 (March) and M4 (September, ended November) new; M2 ended in June.
    expect(pick(v.POST_REHAB_MODELS_MAINTAINED)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(v.POST_REHAB_MODELS_NEW)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(v.POST_REHAB_MODELS_TOTAL)).toEqual({ actual: 3, numerator: 3, denominator: null });
    // Ba Đình's 2022 targets; ratio = actual / target.
    expect(v.POST_REHAB_MANAGEMENT).toMatchObject({ unit: { code: '001' }, target: 44, ratio: 1 / 44 });
    expect(v.FACILITY_ADMISSIONS).toMatchObject({ target: null, ratio: null });
  });

  it('counts post-rehab models per commune and per quarter', async () => {
    const c1 = await values(BA_DINH_1.code, YEAR_2015);
    const c2 = await values(BA_DINH_2.code, YEAR_2015);
    expect(
      [c1, c2].map((c) => [
        c.POST_REHAB_MODELS_MAINTAINED?.actual,
        c.POST_REHAB_MODELS_NEW?.actual,
        c.POST_REHAB_MODELS_TOTAL?.actual,
      ]),
    ).toEqual([
      [1, 1, 2],
      [0, 1, 1],
    ]);
    // First quarter: M1 and M2 (ended only in June) maintained, M3 new.
    const q1 = await values('001', { kind: 'QUARTER', year: 2015, number: 1 });
    expect([
      q1.POST_REHAB_MODELS_MAINTAINED?.actual,
      q1.POST_REHAB_MODELS_NEW?.actual,
      q1.POST_REHAB_MODELS_TOTAL?.actual,
    ]).toEqual([2, 1, 3]);
  });

  it('rolls communes up and splits by period', async () => {
    const c1 = await values(BA_DINH_1.code, YEAR_2015);
    const c2 = await values(BA_DINH_2.code, YEAR_2015);
    // Phúc Xá: P1, P2, P5, P7, P9, all treated or counselled; Trúc Bạch: P3, P4, P6, P8 (P4 not).
    expect(pick(c1.RECORDS_IN_TREATMENT_SHARE)).toEqual({ actual: 1, numerator: 5, denominator: 5 });
    expect(pick(c2.RECORDS_IN_TREATMENT_SHARE)).toEqual({ actual: 0.75, numerator: 3, denominator: 4 });
    expect(pick(c1.METHADONE_MAINTAINED)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(c2.VOLUNTARY_MOBILISED)).toEqual({ actual: 2, numerator: 2, denominator: null });
    // Q1 2015: P1–P3 managed (P4 from April), P5 (community rehab), P6 (treatment until February),
    // P7, P8 (facility rehab): 7; treated P1 (March), P5, P6, P7, P8; P2's counselling and P3's rehab came later.
    const q1 = await values('001', { kind: 'QUARTER', year: 2015, number: 1 });
    expect(pick(q1.RECORDS_IN_TREATMENT_SHARE)).toEqual({ numerator: 5, denominator: 7, actual: 5 / 7 });
    expect(pick(q1.TREATED_TOTAL)).toEqual({ actual: 5, numerator: 5, denominator: null });
    expect(pick(q1.FACILITY_ADMISSIONS)).toEqual({ actual: 1, numerator: 1, denominator: null });
    // November 2015: P7's relapse; under management that month: P7 only.
    const nov = await values('001', { kind: 'MONTH', year: 2015, number: 11 });
    expect(pick(nov.RELAPSE_RATE)).toEqual({ actual: 1, numerator: 1, denominator: 1 });
    // P7's use in September is counted there as use, not as a relapse; November has the relapse and no use.
    expect(pick(nov.DRUG_USE_DURING_POST_REHAB_RATE)).toEqual({ actual: 0, numerator: 0, denominator: 1 });
    const sep = await values('001', { kind: 'MONTH', year: 2015, number: 9 });
    // September: P2's second screening; by commune, 2015: Phúc Xá P2, Trúc Bạch P4.
    expect(pick(sep.SCREENED_AND_ASSESSED)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(nov.SCREENED_AND_ASSESSED)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(c1.SCREENED_AND_ASSESSED)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(c2.SCREENED_AND_ASSESSED)).toEqual({ actual: 1, numerator: 1, denominator: null });
    // Psychosis under care: September P6 only (P5 ended in June); by commune, 2015: Phúc Xá P5, Trúc Bạch P6.
    expect(pick(sep.DRUG_INDUCED_PSYCHOSIS_UNDER_CARE)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(q1.DRUG_INDUCED_PSYCHOSIS_UNDER_CARE)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(c1.DRUG_INDUCED_PSYCHOSIS_UNDER_CARE)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(c2.DRUG_INDUCED_PSYCHOSIS_UNDER_CARE)).toEqual({ actual: 1, numerator: 1, denominator: null });
    // Communication: Phúc Xá's forum in March (Q1); Trúc Bạch's leaflets in September; the city adds its broadcast.
    expect(pick(c1.COMMUNICATION_AUDIENCE)).toEqual({ actual: 120, numerator: 120, denominator: null });
    expect(pick(c2.COMMUNICATION_ACTIVITIES)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(q1.COMMUNICATION_ACTIVITIES)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(sep.COMMUNICATION_AUDIENCE)).toEqual({ actual: 300, numerator: 300, denominator: null });
    expect(pick(nov.COMMUNICATION_ACTIVITIES)).toEqual({ actual: 0, numerator: 0, denominator: null });
    const city = await values('01', YEAR_2015);
    expect(pick(city.COMMUNICATION_ACTIVITIES)).toEqual({ actual: 3, numerator: 3, denominator: null });
    expect(pick(city.COMMUNICATION_AUDIENCE)).toEqual({ actual: 2420, numerator: 2420, denominator: null });
    // Training: the city adds its course of September; the first quarter had none ending in it.
    expect(pick(city.TRAINING_COURSES)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(city.OFFICERS_TRAINED)).toEqual({ actual: 230, numerator: 230, denominator: null });
    expect(pick(q1.OFFICERS_TRAINED)).toEqual({ actual: 0, numerator: 0, denominator: null });
    expect(pick(c2.TRAINING_COURSES)).toEqual({ actual: 0, numerator: 0, denominator: null });
    // The city: CSCN1's violation put right in July, Phúc Xá's open; in the second quarter CSCN1's was still open.
    expect(pick(city.INSPECTIONS)).toEqual({ actual: 3, numerator: 3, denominator: null });
    expect(pick(city.INSPECTION_VIOLATIONS_RESOLVED_SHARE)).toEqual({ actual: 0.5, numerator: 1, denominator: 2 });
    const cityQ2 = await values('01', { kind: 'QUARTER', year: 2015, number: 2 });
    expect(pick(cityQ2.INSPECTION_VIOLATIONS_RESOLVED_SHARE)).toEqual({ actual: 0, numerator: 0, denominator: 1 });
    // Budgets: the city adds its line (1,000 allocated, 500 spent); a quarter counts its year's allocation and its own spending.
    expect(pick(city.BUDGET_ALLOCATED)).toEqual({ actual: 1050, numerator: 1050, denominator: null });
    expect(pick(city.BUDGET_SPENT)).toEqual({ actual: 540, numerator: 540, denominator: null });
    const cityQ1 = await values('01', { kind: 'QUARTER', year: 2015, number: 1 });
    expect(pick(cityQ1.BUDGET_ALLOCATED)).toEqual({ actual: 1050, numerator: 1050, denominator: null });
    expect(pick(cityQ1.BUDGET_SPENT)).toEqual({ actual: 200, numerator: 200, denominator: null });
    // Complaints: the city adds CSCN1's, whose time limit falls in 2016 (not yet due in 2015).
    expect(pick(city.COMPLAINTS_RECEIVED)).toEqual({ actual: 3, numerator: 3, denominator: null });
    expect(pick(city.COMPLAINTS_SETTLED_ON_TIME_SHARE)).toEqual({ actual: 0.5, numerator: 1, denominator: 2 });
    expect(pick(c1.COMPLAINTS_SETTLED_ON_TIME_SHARE)).toEqual({ actual: 1, numerator: 1, denominator: 1 });
    // Prevention by commune and quarter: Phúc Xá lists A1; in Q1 A1 and A3 were on a list, A1 served;
    // P1–P3 managed in Q1, none reached yet.
    expect(pick(c1.PEOPLE_AT_RISK)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(c2.PEOPLE_AT_RISK_REACHED_SHARE)).toEqual({ actual: 0.5, numerator: 1, denominator: 2 });
    expect(pick(q1.PEOPLE_AT_RISK_REACHED_SHARE)).toEqual({ actual: 0.5, numerator: 1, denominator: 2 });
    expect(pick(q1.USERS_REACHED_BY_PREVENTION_SHARE)).toEqual({ actual: 0, numerator: 0, denominator: 3 });
    // Hotspots on 31 March: Phúc Xá's only; on 30 September none. Drug-free on 31 March: Trúc Bạch; on 30 June both.
    expect(pick(q1.DRUG_HOTSPOTS)).toEqual({ actual: 1, numerator: 1, denominator: null });
    expect(pick(sep.DRUG_HOTSPOTS)).toEqual({ actual: 0, numerator: 0, denominator: null });
    expect(pick(q1.DRUG_FREE_COMMUNES)).toEqual({ actual: 1, numerator: 1, denominator: null });
    const q2 = await values('001', { kind: 'QUARTER', year: 2015, number: 2 });
    expect(pick(q2.DRUG_FREE_COMMUNES)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(sep.DRUG_USE_DURING_POST_REHAB_RATE)).toEqual({ actual: 1, numerator: 1, denominator: 1 });
    expect(pick(sep.RELAPSE_RATE)).toEqual({ actual: 0, numerator: 0, denominator: 1 });
    expect(pick(nov.VOLUNTARY_MOBILISED)).toEqual({ actual: 0, numerator: 0, denominator: null });
    // By facility: CSCN1 admitted P7, CSCN2 P8 (its 2022 target: 600 voluntary).
    const cscn2 = await values('CSCN2', YEAR_2015);
    expect(cscn2.VOLUNTARY_MOBILISED).toMatchObject({ actual: 1, target: 600, ratio: 1 / 600 });
    expect((await values('CSCN1', YEAR_2015)).FACILITY_ADMISSIONS).toMatchObject({ actual: 1, target: 165 });
  });

  it('breaks a number down by child unit, and the province by facility for facility indicators', async () => {
    const Q = `query($plan: ID!, $indicator: ID!, $unit: ID!, $period: PeriodInput!) {
      indicatorBreakdown(plan: $plan, indicator: $indicator, unit: $unit, period: $period) { unit { code } actual numerator denominator target } }`;
    interface Row {
      unit: { code: string };
      actual: number | null;
      numerator: number | null;
      denominator: number | null;
      target: number | null;
    }
    const communes = await system.graphql<{ indicatorBreakdown: Row[] }>(analyst, Q, {
      plan: plan2022,
      indicator: 'RECORDS_IN_TREATMENT_SHARE',
      unit: '001',
      period: YEAR_2015,
    });
    expect(communes.errors).toBeUndefined();
    const rows = communes.data?.indicatorBreakdown ?? [];
    // Quận Ba Đình's thirteen wards of 2015 (the list of 1 March 2025), in code order.
    expect(rows.map((r) => r.unit.code)).toEqual([
      '00001',
      '00004',
      '00006',
      '00007',
      '00008',
      '00013',
      '00016',
      '00019',
      '00022',
      '00025',
      '00028',
      '00031',
      '00034',
    ]);
    expect(rows.slice(0, 3).map((r) => [r.numerator, r.denominator])).toEqual([
      [5, 5],
      [3, 4],
      [0, 0],
    ]);
    const facilities = await system.graphql<{ indicatorBreakdown: Row[] }>(analyst, Q, {
      plan: plan2022,
      indicator: 'FACILITY_ADMISSIONS',
      unit: '01',
      period: YEAR_2015,
    });
    expect(facilities.data?.indicatorBreakdown.map((r) => [r.unit.code, r.actual, r.target])).toEqual([
      ['CSCN1', 1, 165],
      ['CSCN2', 0, 150],
      ['CSCN3', 0, 170],
      ['CSCN4', 0, 165],
      ['CSCN5', 0, null],
      ['CSCN6', 0, 150],
      ['CSCN7', 0, 150],
      // The city's private facility (voluntary only, licensed): listed with the city's facilities, no target.
      ['CSCNTN1', 0, null],
    ]);
    const districts = await system.graphql<{ indicatorBreakdown: Row[] }>(analyst, Q, {
      plan: plan2022,
      indicator: 'COMPULSORY_DOSSIERS',
      unit: '01',
      period: YEAR_2015,
    });
    expect(districts.data?.indicatorBreakdown).toHaveLength(30);
    expect(districts.data?.indicatorBreakdown.reduce((a, r) => a + (r.target ?? 0), 0)).toBe(950);
  });

  it('costs two statements per measuring subgraph for a list, whatever its length; one once its measures are kept', async () => {
    const Q = `query($plan: ID!, $unit: ID!, $indicator: ID!) {
      indicatorBreakdown(plan: $plan, indicator: $indicator, unit: $unit, period: { kind: YEAR, year: 2015 }) { actual } }`;
    const counts = async (unit: string, { afterAWrite }: { afterAWrite: boolean }) => {
      // A write in each measuring subgraph: their kept measures are then computed again (the tests' staleness bound is 1 ms).
      if (afterAWrite)
        for (const name of ['police', 'health', 'volunteers'] as const)
          await system.dbs.subgraph(name).db.query(`UPDATE administrative_unit SET name = name WHERE code = '01'`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      system.resetQueryCounts();
      const response = await system.graphql(analyst, Q, { plan: plan2022, unit, indicator: 'RECORDS_IN_TREATMENT_SHARE' });
      expect(response.errors).toBeUndefined();
      return {
        police: system.queryCount('police'),
        health: system.queryCount('health'),
        volunteers: system.queryCount('volunteers'),
      };
    };
    const six = await counts('001', { afterAWrite: true });
    const thirty = await counts('01', { afterAWrite: true });
    expect(thirty).toEqual(six);
    // The change counter, then the measures of the whole list in one statement.
    expect(thirty).toEqual({ police: 2, health: 2, volunteers: 2 });
    // Asked again with no record written since: the counter alone.
    expect(await counts('01', { afterAWrite: false })).toEqual({ police: 1, health: 1, volunteers: 1 });
  });
});

describe("the analyst's drill-down", () => {
  const RECORDS = `query($plan: ID!, $indicator: ID!, $unit: ID!, $after: String) {
    indicatorRecords(plan: $plan, indicator: $indicator, unit: $unit, period: { kind: YEAR, year: 2015 }, first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { personId person { id } date description unit { code } } } }`;
  interface Page {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: { personId: string; person: { id: string } | null; date: string; description: string; unit: { code: string } }[];
  }

  it('lists the records behind a number with pseudonymous person ids, page by page', async () => {
    const first = await system.graphql<{ indicatorRecords: Page }>(analyst, RECORDS, {
      plan: plan2022,
      indicator: 'VOLUNTARY_MOBILISED',
      unit: '001',
    });
    expect(first.errors).toBeUndefined();
    const page = first.data?.indicatorRecords as Page;
    expect(page.totalCount).toBe(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await system.graphql<{ indicatorRecords: Page }>(analyst, RECORDS, {
      plan: plan2022,
      indicator: 'VOLUNTARY_MOBILISED',
      unit: '001',
      after: page.pageInfo.endCursor,
    });
    expect(second.errors).toBeUndefined();
    const nodes = [...page.nodes, ...(second.data?.indicatorRecords.nodes ?? [])];
    expect(nodes.map((n) => [n.date, n.unit.code])).toEqual([
      ['2015-03-01', 'CSCN2'],
      ['2015-06-01', '00004'],
    ]);
    expect(nodes[0]?.description).toBe('Tiếp nhận cai nghiện tự nguyện tại cơ sở tại CSCN2');
    for (const n of nodes) {
      expect(P).not.toContain(n.personId);
      expect(n.person?.id).toBe(n.personId);
    }
    expect(JSON.stringify(nodes)).not.toMatch(/Người Thử|(?<![0-9a-f-])\d{12}(?![0-9a-f-])/i);
    // Each person listed is audited with the real id.
    const audit = (await sql(
      'labor-welfare',
      `SELECT DISTINCT person_id FROM audit_log WHERE username = 'phantich.hanoi'
      AND entity_type = 'IndicatorRecord' ORDER BY person_id`,
    )) as { person_id: string }[];
    expect(audit.map((a) => a.person_id)).toEqual(expect.arrayContaining([P[3], P[8]]));
  });

  it("refuses the analyst the person's name and identification number", async () => {
    const response = await system.graphql(
      analyst,
      `query($plan: ID!) { indicatorRecords(plan: $plan, indicator: "FACILITY_ADMISSIONS", unit: "01",
      period: { kind: YEAR, year: 2015 }) { nodes { personId person { fullName identificationNumber } } } }`,
      { plan: plan2022 },
    );
    expect(response.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(JSON.stringify(response.data)).not.toMatch(/Người Thử|(?<![0-9a-f-])\d{12}(?![0-9a-f-])/i);
  });

  it('lets a supervisor see the real person behind a record, and refuses a health worker', async () => {
    const supervisor = await system.login('giamsat.hanoi');
    const response = await system.graphql<{ indicatorRecords: { nodes: { personId: string; person: { fullName: string } }[] } }>(
      supervisor,
      `query($plan: ID!) { indicatorRecords(plan: $plan, indicator: "FACILITY_ADMISSIONS", unit: "CSCN1", period: { kind: YEAR, year: 2015 }) {
        nodes { personId person { fullName } } } }`,
      { plan: plan2022 },
    );
    expect(response.errors).toBeUndefined();
    // P7's two admissions (one person, two person-times).
    expect(response.data?.indicatorRecords.nodes).toEqual([
      { personId: P[7], person: { fullName: 'Người Thử 7' } },
      { personId: P[7], person: { fullName: 'Người Thử 7' } },
    ]);
    const health = await system.login('yte.hanoi');
    const refused = await system.graphql(
      health,
      `query($plan: ID!) { indicatorRecords(plan: $plan, indicator: "FACILITY_ADMISSIONS", unit: "01",
      period: { kind: YEAR, year: 2015 }) { totalCount } }`,
      { plan: plan2022 },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('methadone by the phase history', () => {
  const METHADONE = ['METHADONE_MAINTAINED', 'METHADONE_NEW', 'METHADONE_CARRIED_OVER', 'METHADONE_MAINTENANCE_SHARE'];
  const methadone = async () => {
    const v = await values('001', YEAR_2015);
    return METHADONE.map((code) => pick(v[code]));
  };

  it("keeps a closed year's methadone numbers when a phase is recorded later", async () => {
    const before = await methadone();
    expect(before[3]).toEqual({ actual: 2 / 3, numerator: 2, denominator: 3 });
    // P9 reaches maintenance in February 2016 (his current phase from then on).
    const health = await system.login('yte.hanoi');
    const advanced = await system.graphql<{ advanceTreatmentPhase: { phase: string } }>(
      health,
      `mutation($id: ID!) { advanceTreatmentPhase(treatmentId: $id, to: MAINTENANCE, on: "2016-02-08") { phase } }`,
      { id: uuid(209) },
    );
    expect(advanced.errors).toBeUndefined();
    expect(advanced.data?.advanceTreatmentPhase.phase).toBe('MAINTENANCE');
    const history = (await sql(
      'health',
      `SELECT phase, to_char(since, 'YYYY-MM-DD') AS since, source FROM substitution_treatment_phase
      WHERE treatment_id = $1 ORDER BY since`,
      [uuid(209)],
    )) as { phase: string; since: string; source: string }[];
    expect(history.map((h) => [h.phase, h.since])).toEqual([
      ['INDUCTION', '2015-12-10'],
      ['DOSE_ADJUSTMENT', '2015-12-24'],
      ['MAINTENANCE', '2016-02-08'],
    ]);
    // 2015 is unchanged (the current phase would have counted P9 in maintenance); 2016 counts him.
    expect(await methadone()).toEqual(before);
    const y2016 = await values('001', { kind: 'YEAR', year: 2016 });
    expect(pick(y2016.METHADONE_MAINTENANCE_SHARE)).toEqual({ actual: 1, numerator: 2, denominator: 2 });
    expect(pick(y2016.METHADONE_CARRIED_OVER)).toEqual({ actual: 2, numerator: 2, denominator: null });
    expect(pick(y2016.METHADONE_NEW)).toEqual({ actual: 0, numerator: 0, denominator: null });
  });

  it('refuses a phase change dated before the current phase started, and changes nothing', async () => {
    const health = await system.login('yte.hanoi');
    const refused = await system.graphql(
      health,
      `mutation($id: ID!) { advanceTreatmentPhase(treatmentId: $id, to: TAPERING, on: "2016-01-01") { phase } }`,
      { id: uuid(209) },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/trước ngày bắt đầu giai đoạn hiện tại/);
    const rows = (await sql('health', 'SELECT count(*)::int AS n FROM substitution_treatment_phase WHERE treatment_id = $1', [
      uuid(209),
    ])) as { n: number }[];
    expect(rows[0]?.n).toBe(3);
  });
});

describe('drill-down of the new indicators', () => {
  const LIST = `query($plan: ID!, $indicator: ID!) { indicatorRecords(plan: $plan, indicator: $indicator, unit: "001",
    period: { kind: YEAR, year: 2015 }) { totalCount nodes { date description unit { code } } } }`;
  interface Listed {
    indicatorRecords: { totalCount: number; nodes: { date: string; description: string; unit: { code: string } }[] };
  }

  it('lists the community rehab at a rehab house and the person-time admissions', async () => {
    const house = await system.graphql<Listed>(analyst, LIST, { plan: plan2022, indicator: 'COMMUNITY_REHAB_HOUSE' });
    expect(house.errors).toBeUndefined();
    // The analyst's dates are coarsened to the month.
    expect(house.data?.indicatorRecords.nodes).toEqual([
      {
        date: '2014-10-01',
        description:
          'Đang cai nghiện tự nguyện tại gia đình, cộng đồng tại cơ sở, điểm cai nghiện ở cộng đồng trong kỳ, trạng thái ADMITTED',
        unit: { code: '00001' },
      },
    ]);
    const times = await system.graphql<Listed>(analyst, LIST, {
      plan: plan2022,
      indicator: 'FACILITY_ADMISSIONS_PERSON_TIMES',
    });
    expect(times.data?.indicatorRecords.totalCount).toBe(2);
  });

  it('says the records of a cross-agency or health indicator are not listed here', async () => {
    for (const indicator of ['TREATED_TOTAL', 'METHADONE_NEW']) {
      const response = await system.graphql(analyst, LIST, { plan: plan2022, indicator });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('the demo year (2026, Hà Nội)', () => {
  it('counts every treated person among the people with management records', async () => {
    const from = '2026-01-01';
    const to = '2026-12-31';
    const ids = async (name: Parameters<typeof sql>[0], text: string) =>
      new Set(((await sql(name, text, [from, to])) as { person_id: string }[]).map((r) => r.person_id));
    const managed = await ids(
      'police',
      `SELECT DISTINCT person_id FROM drug_user_management WHERE decision_date <= $2
      AND coalesce(ended_on, superseded_on, period_ends_on) >= $1 AND owner_unit_path LIKE '01.%'`,
    );
    const rehab = await ids(
      'labor-welfare',
      `SELECT DISTINCT person_id FROM rehab_episode WHERE admitted_on <= $2 AND coalesce(ended_on, $2) >= $1
      AND residence_owner_path LIKE '01.%'`,
    );
    const postRehab = await ids(
      'labor-welfare',
      `SELECT DISTINCT person_id FROM post_rehab_case WHERE decision_on <= $2
      AND coalesce(relapsed_on, completed_on, $2) >= $1 AND owner_unit_path LIKE '01.%'`,
    );
    const substitution = await ids(
      'health',
      `SELECT DISTINCT person_id FROM substitution_treatment WHERE enrolled_on <= $2
      AND (stopped_on IS NULL OR stopped_on >= $1) AND residence_unit_path LIKE '01.%'`,
    );
    const treated = new Set([...rehab, ...substitution]);
    const outsideManagement = [...treated].filter((p) => !managed.has(p));
    // The demo has treated people without a police management decision in force: they now count.
    expect(outsideManagement.length).toBeGreaterThan(0);
    const everyone = new Set([...managed, ...treated, ...postRehab]);
    const v = await values('01', { kind: 'YEAR', year: 2026 });
    expect(v.RECORDS_IN_TREATMENT_SHARE?.denominator).toBe(everyone.size);
    expect(v.TREATED_TOTAL?.actual).toBe(treated.size);
    expect(v.RECORDS_IN_TREATMENT_SHARE?.numerator).toBeGreaterThanOrEqual(treated.size);
  });
});
