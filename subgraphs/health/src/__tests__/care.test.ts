import type { ApolloServer } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import {
  announceTestPersons,
  buildSubgraphServer,
  createContext,
  openTestDatabase,
  testCaller,
  type QueryCounter,
  type TestDatabase,
  demoUnits,
} from '@rehab/server-kit';
import {
  ACCESS_MATRIX,
  ROLES,
  addDays,
  generateDemoPopulation,
  todayInHanoi,
  unitAt,
  type Caller,
  type Role,
} from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { seedHealth } from '../seed';
import { createHealthDataSource, healthSubgraph } from '../server';
const { COMMUNE, LAO_CAI, OTHER_PROVINCE_COMMUNE, oldCommuneOfProvince, pathOf, wholePredecessor } = demoUnits;

let database: TestDatabase;
let server: ApolloServer<Context>;
const population = generateDemoPopulation({ persons: 50 });
const PHYSICIAN = 'test.health_worker';

beforeAll(async () => {
  database = await openTestDatabase('health', createHealthDataSource);
  await seedHealth(database.db, population);
  // The test caller is a physician certified at MMT001.
  await database.db.query(
    `INSERT INTO certified_physician (username, full_name, certificate_number, facility_code)
    VALUES ($1, 'Bác sĩ Kiểm Thử', 'CCHN-TEST', 'MMT001')`,
    [PHYSICIAN],
  );
  server = buildSubgraphServer(healthSubgraph, { db: database.db });
});

afterAll(async () => {
  await server.stop();
  await database.close();
});

interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

async function run(
  query: string,
  variables: Record<string, unknown>,
  role: Role,
  unitCode = '01',
  overrides: Partial<Caller> = {},
): Promise<Result> {
  const contextValue = createContext(database.db, testCaller(role, unitCode, overrides), createLoaders);
  const response = await server.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

function ok<T>(result: Result, field: string): T {
  expect(result.errors).toBeUndefined();
  return (result.data as Record<string, T>)[field] as T;
}

function failure(result: Result): { code: unknown; field: unknown; i18n: unknown } {
  const [error] = result.errors ?? [];
  return { code: error?.extensions?.code, field: error?.extensions?.field, i18n: error?.extensions?.i18n };
}

const count = async (table: string): Promise<number> => {
  const [{ n }] = await database.db.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
};

const REQUEST = `mutation($p: ID!) { requestAddictionDetermination(personId: $p, reason: "Phát hiện sử dụng", requestedBy: POLICE) { id } }`;
const EXAMINE = `mutation($id: ID!, $input: AddictionExaminationInput!) { recordAddictionExamination(requestId: $id, input: $input) {
  id examinedOn physician facilityCode clinicalNotes findings { substanceClass criteria pattern addicted }
  determination { addicted substanceClasses documentNumber examinedOn } } }`;
const ENROL = `mutation($p: ID!, $c: ID!, $on: Date!, $dob: Date!, $res: ID!, $g: GuardianConsentInput) {
  enrollSubstitutionTreatment(personId: $p, clinicCode: $c, medication: METHADONE, enrolledOn: $on, dateOfBirth: $dob, residenceUnitCode: $res, guardianConsent: $g) {
    id status phase enrolledOn version clinic { code } } }`;
const ADVANCE = `mutation($t: ID!, $to: SubstitutionPhase!, $on: Date!, $v: Int) { advanceTreatmentPhase(treatmentId: $t, to: $to, on: $on, expectedVersion: $v) { id phase status version stoppedOn } }`;
const TRANSFER = `mutation($t: ID!, $c: ID!) { transferTreatment(treatmentId: $t, toClinicCode: $c) { id clinic { code } version } }`;
const TERMINATE = `mutation($t: ID!, $on: Date!) { terminateTreatment(treatmentId: $t, reason: FORCED_PROTOCOL_VIOLATIONS, note: "Vi phạm nhiều lần", on: $on) {
  id status phase stoppedOn terminationReason } }`;
const DOSES = `mutation($c: ID!, $d: Date!, $doses: [DoseInput!]!) { recordClinicDoses(clinicCode: $c, date: $d, doses: $doses) { clinicCode date recorded } }`;
const STREAKS = `query($c: ID!, $asOf: Date, $min: Int) { missedDoseStreaks(clinicCode: $c, asOf: $asOf, minDays: $min) { personId days lastDoseOn treatment { id } } }`;
const URINE = `mutation($p: ID!, $d: Date!, $r: [UrineResultInput!]!) { recordUrineTest(personId: $p, date: $d, results: $r) { id testedOn results { substanceClass result } } }`;
const INFECTION = `mutation($p: ID!) { recordInfectionStatus(personId: $p, hiv: POSITIVE, hepatitisB: NEGATIVE, hepatitisC: POSITIVE, testedOn: "2026-03-01",
  arv: ON_ARV, arvStartedOn: "2026-03-10") { id hiv hepatitisB hepatitisC testedOn arv arvStartedOn } }`;
const INFECTION_ARGS = `mutation($p: ID!, $hiv: TestResult!, $arv: ArvStatus, $from: Date) { recordInfectionStatus(personId: $p, hiv: $hiv,
  hepatitisB: NEGATIVE, hepatitisC: NEGATIVE, testedOn: "2026-03-01", arv: $arv, arvStartedOn: $from) { hiv arv arvStartedOn } }`;
const PERSON = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
  addictionDeterminations { addicted substanceClasses documentNumber }
  addictionDeterminationRequests { id determination { addicted substanceClasses } }
  substitutionTreatment { phase status clinic { code } }
} } }`;

const OPIOID_FINDINGS = [
  { substanceClass: 'OPIOIDS', criteria: ['CRAVING', 'TOLERANCE', 'WITHDRAWAL'], pattern: 'TOGETHER_AT_LEAST_ONE_MONTH' },
  { substanceClass: 'CANNABIS', criteria: ['CRAVING', 'TOLERANCE'], pattern: 'REPEATED_WITHIN_12_MONTHS' },
];
const examination = (findings: unknown[], documentNumber = 'KQ-001/2026') => ({
  examinedOn: todayInHanoi(),
  documentNumber,
  findings,
  clinicalNotes: 'Đồng tử co, vết tiêm ở tay',
});

async function requested(personId: string): Promise<string> {
  await announceTestPersons(database.db, COMMUNE, personId);
  return ok<{ id: string }>(await run(REQUEST, { p: personId }, 'police_officer', COMMUNE), 'requestAddictionDetermination').id;
}

/** A person with a fresh police request examined as opioid-addicted. */
async function opioidAddicted(): Promise<string> {
  const person = randomUUID();
  const id = await requested(person);
  ok(await run(EXAMINE, { id, input: examination(OPIOID_FINDINGS) }, 'health_worker'), 'recordAddictionExamination');
  return person;
}

describe('recordAddictionExamination', () => {
  it('derives the conclusion per substance; the requesting police see it without the criteria', async () => {
    const person = randomUUID();
    const id = await requested(person);
    const exam = ok<Record<string, unknown>>(
      await run(EXAMINE, { id, input: examination(OPIOID_FINDINGS) }, 'health_worker'),
      'recordAddictionExamination',
    );
    expect(exam).toMatchObject({
      physician: PHYSICIAN,
      facilityCode: 'MMT001',
      findings: [
        { substanceClass: 'OPIOIDS', addicted: true, pattern: 'TOGETHER_AT_LEAST_ONE_MONTH' },
        { substanceClass: 'CANNABIS', addicted: false },
      ],
      determination: { addicted: true, substanceClasses: ['OPIOIDS'], documentNumber: 'KQ-001/2026' },
    });
    const police = await run(PERSON, { r: [{ __typename: 'Person', id: person }] }, 'police_officer', COMMUNE);
    expect(police.errors).toBeUndefined();
    expect(police.data?._entities).toEqual([
      {
        addictionDeterminations: [{ addicted: true, substanceClasses: ['OPIOIDS'], documentNumber: 'KQ-001/2026' }],
        addictionDeterminationRequests: [{ id, determination: { addicted: true, substanceClasses: ['OPIOIDS'] } }],
        substitutionTreatment: null,
      },
    ]);
    const criteria = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { addictionExaminations { id } } } }`,
      { r: [{ __typename: 'Person', id: person }] },
      'police_officer',
      COMMUNE,
    );
    expect(failure(criteria).code).toBe('FORBIDDEN');
    const audit = await database.db.query<{ entity_type: string }[]>(
      `SELECT entity_type FROM audit_log WHERE person_id = $1 AND action = 'CHANGE' ORDER BY id`,
      [person],
    );
    expect(audit.map((a) => a.entity_type)).toEqual(['AddictionDeterminationRequest', 'AddictionExamination']);
  });

  it('concludes not addicted below three criteria, and refuses a second examination of the request', async () => {
    const id = await requested(randomUUID());
    const exam = ok<{ determination: unknown }>(
      await run(
        EXAMINE,
        { id, input: examination([{ substanceClass: 'STIMULANTS', criteria: ['CRAVING'], pattern: 'NEITHER' }]) },
        'health_worker',
      ),
      'recordAddictionExamination',
    );
    expect(exam.determination).toMatchObject({ addicted: false, substanceClasses: [] });
    const before = await count('addiction_determination');
    expect(failure(await run(EXAMINE, { id, input: examination(OPIOID_FINDINGS) }, 'health_worker')).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(await count('addiction_determination')).toBe(before);
  });

  it("is denied to other roles, to uncertified health workers and outside the physician's facility; rejects bad input", async () => {
    const id = await requested(randomUUID());
    const input = examination(OPIOID_FINDINGS);
    const before = await count('addiction_examination');
    for (const role of ROLES.filter((r) => r !== 'health_worker')) {
      expect(failure(await run(EXAMINE, { id, input }, role, '01')).code).toBe('FORBIDDEN');
    }
    expect(failure(await run(EXAMINE, { id, input }, 'health_worker', '01', { username: 'uncertified' })).code).toBe('FORBIDDEN');
    expect(failure(await run(EXAMINE, { id, input }, 'health_worker', 'MMT002')).code).toBe('FORBIDDEN');
    expect(failure(await run(EXAMINE, { id: randomUUID(), input }, 'health_worker')).code).toBe('NOT_FOUND');
    expect(
      failure(await run(EXAMINE, { id, input: examination([...OPIOID_FINDINGS, OPIOID_FINDINGS[0]]) }, 'health_worker')),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.findings.2.substanceClass' });
    expect(failure(await run(EXAMINE, { id, input: examination([]) }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.findings',
    });
    expect(failure(await run(EXAMINE, { id, input: { ...input, documentNumber: ' ' } }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.documentNumber',
    });
    expect(failure(await run(EXAMINE, { id, input: { ...input, examinedOn: '2020-01-01' } }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.examinedOn',
    });
    expect(failure(await run(EXAMINE, { id: 'nope', input }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'requestId',
    });
    expect(await count('addiction_examination')).toBe(before);
  });
  it("examines the requests of the physician's province, Lào Cai's old communes and Yên Bái's merged into it included", async () => {
    await database.db.query(`INSERT INTO certified_physician (username, full_name, certificate_number, facility_code)
      VALUES ('test.laocai', 'Bác sĩ Lào Cai', 'CCHN-LC-TEST', 'MMTLC1')`);
    const laoCaiPhysician = { username: 'test.laocai' };
    const oldRequest = async (path: string): Promise<string> => {
      const id = randomUUID();
      await database.db.query(
        `INSERT INTO addiction_determination_request (id, person_id, requested_at, requested_on, requested_by,
        requested_by_username, reason, owner_unit_code, owner_unit_path) VALUES ($1, $2, '2025-05-02T02:00:00Z', '2025-05-02', 'POLICE', 'congan.cu', 'Phát hiện sử dụng', $3, $4)`,
        [id, randomUUID(), path.split('.').pop(), path],
      );
      return id;
    };
    // Today's Phường Lào Cai; a commune of the old Lào Cai ('10') and one of the old Yên Bái ('15'), both before the merge.
    const requests = [
      ok<{ id: string }>(
        await run(
          REQUEST,
          { p: (await announceTestPersons(database.db, OTHER_PROVINCE_COMMUNE, randomUUID()))[0] },
          'police_officer',
          OTHER_PROVINCE_COMMUNE,
        ),
        'requestAddictionDetermination',
      ).id,
      await oldRequest(wholePredecessor(OTHER_PROVINCE_COMMUNE)),
      await oldRequest(oldCommuneOfProvince(LAO_CAI)),
    ];
    const hanoiRequest = await requested(randomUUID());
    const before = await count('addiction_examination');
    expect(
      failure(
        await run(EXAMINE, { id: hanoiRequest, input: examination(OPIOID_FINDINGS) }, 'health_worker', 'MMTLC1', laoCaiPhysician),
      ).code,
    ).toBe('NOT_FOUND');
    expect(failure(await run(EXAMINE, { id: requests[0], input: examination(OPIOID_FINDINGS) }, 'health_worker')).code).toBe(
      'NOT_FOUND',
    );
    expect(await count('addiction_examination')).toBe(before);
    for (const [i, id] of requests.entries()) {
      const exam = ok<{ facilityCode: string; determination: { addicted: boolean } }>(
        await run(EXAMINE, { id, input: examination(OPIOID_FINDINGS, `KQ-LC-${i}`) }, 'health_worker', 'MMTLC1', laoCaiPhysician),
        'recordAddictionExamination',
      );
      expect(exam).toMatchObject({ facilityCode: 'MMTLC1', determination: { addicted: true } });
    }
  });
});

const TODAY = todayInHanoi();
const enrolVars = (p: string, extra: Record<string, unknown> = {}) => ({
  p,
  c: 'MMT001',
  on: TODAY,
  dob: '1990-01-01',
  res: COMMUNE,
  ...extra,
});

describe('substitution treatment', () => {
  it("enrols only a determined opioid addiction, once; under 16 with a guardian's consent", async () => {
    const notExamined = randomUUID();
    // Health knows no determination of the person: the same NOT_FOUND as a person determined elsewhere.
    expect(failure(await run(ENROL, enrolVars(notExamined), 'health_worker'))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'personId',
    });
    const person = await opioidAddicted();
    const minor = enrolVars(person, { dob: addDays(TODAY, -15 * 365) });
    expect(failure(await run(ENROL, minor, 'health_worker'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'guardianConsent' });
    const enrolled = ok<Record<string, unknown>>(
      await run(
        ENROL,
        { ...minor, g: { guardianName: 'Nguyễn Văn Bố', relationship: 'Bố', consentedOn: TODAY } },
        'health_worker',
      ),
      'enrollSubstitutionTreatment',
    );
    expect(enrolled).toMatchObject({
      status: 'ACTIVE',
      phase: 'INDUCTION',
      enrolledOn: TODAY,
      version: 1,
      clinic: { code: 'MMT001' },
    });
    expect(failure(await run(ENROL, enrolVars(person), 'health_worker')).code).toBe('ILLEGAL_TRANSITION');
    const treatmentSeenBy = async (unitCode: string) =>
      (
        (await run(PERSON, { r: [{ __typename: 'Person', id: person }] }, 'labour_officer', unitCode)).data?._entities as {
          substitutionTreatment: unknown;
        }[]
      )[0]?.substitutionTreatment;
    expect(await treatmentSeenBy('01')).toEqual({ phase: 'INDUCTION', status: 'ACTIVE', clinic: { code: 'MMT001' } });
    // Quận Ba Đình's account (the district ended on 30 June 2025) reads the past only; Lào Cai none of Hà Nội's.
    expect(await treatmentSeenBy('001')).toBeNull();
    expect(await treatmentSeenBy(LAO_CAI)).toBeNull();
  });

  it("is denied to other roles and outside the caller's clinic; rejects bad input", async () => {
    const person = await opioidAddicted();
    for (const role of ROLES.filter((r) => r !== 'health_worker'))
      expect(failure(await run(ENROL, enrolVars(person), role)).code).toBe('FORBIDDEN');
    expect(failure(await run(ENROL, enrolVars(person), 'health_worker', 'MMT002'))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'clinicCode',
    });
    expect(failure(await run(ENROL, enrolVars(person, { res: 'MMT001' }), 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'residenceUnitCode',
    });
    expect(failure(await run(ENROL, enrolVars(person, { on: '2026-02-30' }), 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(failure(await run(ENROL, enrolVars(person, { dob: addDays(TODAY, 1) }), 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'dateOfBirth',
    });
    const [{ n }] = await database.db.query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM substitution_treatment WHERE person_id = $1',
      [person],
    );
    expect(n).toBe(0);
  });

  it('advances phase by phase, refuses skips and stale versions, transfers and terminates', async () => {
    const person = await opioidAddicted();
    const t = ok<{ id: string }>(await run(ENROL, enrolVars(person), 'health_worker'), 'enrollSubstitutionTreatment').id;
    expect(failure(await run(ADVANCE, { t, to: 'MAINTENANCE', on: TODAY }, 'health_worker')).code).toBe('ILLEGAL_TRANSITION');
    expect(
      ok(await run(ADVANCE, { t, to: 'DOSE_ADJUSTMENT', on: TODAY, v: 1 }, 'health_worker'), 'advanceTreatmentPhase'),
    ).toMatchObject({ phase: 'DOSE_ADJUSTMENT', version: 2 });
    expect(failure(await run(ADVANCE, { t, to: 'MAINTENANCE', on: TODAY, v: 1 }, 'health_worker'))).toMatchObject({
      code: 'CONFLICT',
      field: 'expectedVersion',
    });
    expect(failure(await run(ADVANCE, { t, to: 'MAINTENANCE', on: TODAY }, 'police_officer')).code).toBe('FORBIDDEN');
    expect(failure(await run(ADVANCE, { t, to: 'MAINTENANCE', on: TODAY }, 'health_worker', 'MMT002')).code).toBe('NOT_FOUND');
    expect(failure(await run(ADVANCE, { t, to: 'MAINTENANCE', on: addDays(TODAY, -1) }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'on',
    });
    expect(ok(await run(TRANSFER, { t, c: 'MMT002' }, 'health_worker'), 'transferTreatment')).toMatchObject({
      clinic: { code: 'MMT002' },
      version: 3,
    });
    expect(failure(await run(TRANSFER, { t, c: 'MMT002' }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toClinicCode',
    });
    expect(failure(await run(TRANSFER, { t, c: 'NOPE' }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toClinicCode',
    });
    // MMT001 handed over: its staff no longer reach the treatment.
    expect(failure(await run(TERMINATE, { t, on: TODAY }, 'health_worker', 'MMT001')).code).toBe('NOT_FOUND');
    expect(ok(await run(TERMINATE, { t, on: TODAY }, 'health_worker', 'MMT002'), 'terminateTreatment')).toEqual({
      id: t,
      status: 'STOPPED',
      phase: 'STOPPED',
      stoppedOn: TODAY,
      terminationReason: 'FORCED_PROTOCOL_VIOLATIONS',
    });
    expect(failure(await run(TERMINATE, { t, on: TODAY }, 'health_worker')).code).toBe('ILLEGAL_TRANSITION');
    expect(failure(await run(TRANSFER, { t, c: 'MMT001' }, 'health_worker')).code).toBe('ILLEGAL_TRANSITION');
    expect(failure(await run(ADVANCE, { t, to: 'MAINTENANCE', on: TODAY }, 'health_worker')).code).toBe('ILLEGAL_TRANSITION');
    // A new enrolment is possible after the stop.
    ok(await run(ENROL, enrolVars(person), 'health_worker'), 'enrollSubstitutionTreatment');
  });

  it('takes the residence commune as it was on the enrolment date', async () => {
    const person = randomUUID();
    const before = '2025-06-01';
    const oldWard = unitAt(COMMUNE, before);
    await database.db.query(
      `INSERT INTO addiction_determination (id, person_id, examined_on, addicted, substance_classes, document_number,
      owner_unit_code, owner_unit_path) VALUES ($1, $2, '2025-05-20', true, '{OPIOIDS}', 'KQ-CU/2025', $3, $4)`,
      [randomUUID(), person, COMMUNE, oldWard?.path],
    );
    // The district tier still existed on that date, but a district is not a commune.
    expect(failure(await run(ENROL, enrolVars(person, { on: before, res: '001' }), 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'residenceUnitCode',
    });
    const t = ok<{ id: string }>(
      await run(ENROL, enrolVars(person, { on: before }), 'health_worker'),
      'enrollSubstitutionTreatment',
    ).id;
    const [row] = await database.db.query<[{ residence_unit_path: string }]>(
      'SELECT residence_unit_path FROM substitution_treatment WHERE id = $1',
      [t],
    );
    // Before 1 July 2025 the code named the old ward (Phường Trúc Bạch of Quận Ba Đình), not today's.
    expect(oldWard?.path).not.toBe(pathOf(COMMUNE));
    expect(row.residence_unit_path).toBe(oldWard?.path);
  });

  it('walks INDUCTION → … → STOPPED', async () => {
    const person = await opioidAddicted();
    const t = ok<{ id: string }>(await run(ENROL, enrolVars(person), 'health_worker'), 'enrollSubstitutionTreatment').id;
    for (const to of ['DOSE_ADJUSTMENT', 'MAINTENANCE', 'TAPERING']) {
      expect(ok(await run(ADVANCE, { t, to, on: TODAY }, 'health_worker'), 'advanceTreatmentPhase')).toMatchObject({
        phase: to,
        status: 'ACTIVE',
      });
    }
    expect(ok(await run(ADVANCE, { t, to: 'STOPPED', on: TODAY }, 'health_worker'), 'advanceTreatmentPhase')).toMatchObject({
      phase: 'STOPPED',
      status: 'STOPPED',
      stoppedOn: TODAY,
    });
  });
});

describe('recordClinicDoses', () => {
  const CLINIC = 'MMT016';
  const DAY = '2026-04-01';
  const persons = Array.from({ length: 500 }, () => randomUUID());

  beforeAll(async () => {
    const params: unknown[] = [];
    const values = persons.map((p) => {
      params.push(randomUUID(), p);
      return `($${params.length - 1}, $${params.length}, '${CLINIC}', 'ACTIVE', 'MAINTENANCE', '2026-03-01', 'METHADONE', '${pathOf(CLINIC)}', '${pathOf(COMMUNE)}')`;
    });
    await database.db.query(
      `INSERT INTO substitution_treatment (id, person_id, clinic_code, status, phase, enrolled_on, medication, owner_unit_path, residence_unit_path)
      VALUES ${values.join(', ')}`,
      params,
    );
  });

  const dosesOf = (ids: readonly string[]) =>
    ids.map((personId, i) => ({
      personId,
      mg: 60 + (i % 5),
      kind: i % 10 === 0 ? 'TAKE_HOME' : 'WITNESSED',
      dispensingPointCode: `${CLINIC}-01`,
    }));
  const dosesOn = async (date: string): Promise<number> => {
    const [{ n }] = await database.db.query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM dose WHERE clinic_code = $1 AND dose_date = $2',
      [CLINIC, date],
    );
    return n;
  };

  it('records nothing when the 500th row is bad, naming the row', async () => {
    const bad = dosesOf([...persons.slice(0, 499), randomUUID()]);
    expect(failure(await run(DOSES, { c: CLINIC, d: DAY, doses: bad }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'doses.499.personId',
    });
    expect(await dosesOn(DAY)).toBe(0);
    const zero = dosesOf(persons).map((d, i) => (i === 499 ? { ...d, mg: 0 } : d));
    expect(failure(await run(DOSES, { c: CLINIC, d: DAY, doses: zero }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'doses.499.mg',
    });
    expect(await dosesOn(DAY)).toBe(0);
  });

  it('enters 500 doses in one transaction with one INSERT, audited per person', async () => {
    const counter = database.db.logger as QueryCounter;
    const seen: string[] = [];
    const original = counter.logQuery.bind(counter);
    counter.logQuery = (query: string) => {
      seen.push(query);
      original(query);
    };
    try {
      expect(ok(await run(DOSES, { c: CLINIC, d: DAY, doses: dosesOf(persons) }, 'health_worker'), 'recordClinicDoses')).toEqual({
        clinicCode: CLINIC,
        date: DAY,
        recorded: 500,
      });
    } finally {
      counter.logQuery = original;
    }
    expect(seen.filter((q) => /^\s*(START TRANSACTION|BEGIN)/i.test(q))).toHaveLength(1);
    expect(seen.filter((q) => /^\s*COMMIT/i.test(q))).toHaveLength(1);
    expect(seen.filter((q) => /^\s*INSERT INTO dose/i.test(q))).toHaveLength(1);
    expect(seen.length).toBeLessThanOrEqual(8);
    expect(await dosesOn(DAY)).toBe(500);
    const [{ n }] = await database.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'Dose' AND person_id = ANY ($1::uuid[])`,
      [persons],
    );
    expect(n).toBe(500);
  });

  it('refuses a second dose the same day, duplicates, other roles and other clinics', async () => {
    const [first, second] = persons as [string, string];
    expect(failure(await run(DOSES, { c: CLINIC, d: DAY, doses: dosesOf([first]) }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'doses.0.personId',
    });
    expect(
      failure(await run(DOSES, { c: CLINIC, d: '2026-04-02', doses: dosesOf([first, first]) }, 'health_worker')),
    ).toMatchObject({ field: 'doses.1.personId' });
    for (const point of ['MMT001-01', `${CLINIC}-99`, ' ']) {
      expect(
        failure(
          await run(
            DOSES,
            { c: CLINIC, d: '2026-04-02', doses: [{ ...dosesOf([second])[0], dispensingPointCode: point }] },
            'health_worker',
          ),
        ),
      ).toMatchObject({ field: 'doses.0.dispensingPointCode' });
    }
    const tomorrow = addDays(todayInHanoi(), 1);
    expect(failure(await run(DOSES, { c: CLINIC, d: tomorrow, doses: dosesOf([second]) }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'date',
    });
    expect(failure(await run(DOSES, { c: CLINIC, d: '2026-02-01', doses: dosesOf([second]) }, 'health_worker'))).toMatchObject({
      field: 'doses.0.personId',
    });
    expect(failure(await run(DOSES, { c: CLINIC, d: '2026-04-02', doses: [] }, 'health_worker'))).toMatchObject({
      field: 'doses',
    });
    expect(
      failure(await run(DOSES, { c: CLINIC, d: '2026-04-02', doses: dosesOf([second]) }, 'health_worker', 'MMT001')),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'clinicCode' });
    for (const role of ROLES.filter((r) => r !== 'health_worker')) {
      expect(failure(await run(DOSES, { c: CLINIC, d: '2026-04-02', doses: dosesOf([second]) }, role)).code).toBe('FORBIDDEN');
    }
    expect(await dosesOn('2026-04-02')).toBe(0);
  });

  it('lists missed-dose streaks as of a date', async () => {
    const [dosed, missing] = persons as [string, string];
    for (const date of ['2026-04-02', '2026-04-03', '2026-04-04']) {
      ok(await run(DOSES, { c: CLINIC, d: date, doses: dosesOf([dosed]) }, 'health_worker', 'MMT016'), 'recordClinicDoses');
    }
    const streaks = ok<{ personId: string; days: number; lastDoseOn: string | null }[]>(
      await run(STREAKS, { c: CLINIC, asOf: '2026-04-04' }, 'health_worker'),
      'missedDoseStreaks',
    );
    expect(streaks.find((s) => s.personId === dosed)).toBeUndefined();
    expect(streaks.find((s) => s.personId === missing)).toMatchObject({ days: 3, lastDoseOn: '2026-04-01' });
    expect(streaks).toHaveLength(499);
    const four = ok<unknown[]>(
      await run(STREAKS, { c: CLINIC, asOf: '2026-04-04', min: 4 }, 'health_worker'),
      'missedDoseStreaks',
    );
    expect(four).toHaveLength(0);
    expect(failure(await run(STREAKS, { c: CLINIC, min: 0 }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'minDays',
    });
    expect(failure(await run(STREAKS, { c: CLINIC }, 'health_worker', 'MMT001')).code).toBe('NOT_FOUND');
    for (const role of ROLES.filter((r) => r !== 'health_worker'))
      expect(failure(await run(STREAKS, { c: CLINIC }, role)).code).toBe('FORBIDDEN');
  });
});

describe('urine tests and HIV/hepatitis status', () => {
  const HEALTH_ONLY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { urineTests { testedOn results { substanceClass result } } infectionStatus { hiv hepatitisB hepatitisC testedOn arv arvStartedOn } doses { mg } } } }`;

  it('records ARV status with a positive HIV result only, its start date when it started; a bad one changes nothing', async () => {
    const person = await opioidAddicted();
    const infections = async (): Promise<number> =>
      (
        await database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM infection_status WHERE person_id = $1', [person])
      )[0].n;
    const refused: [Record<string, unknown>, string][] = [
      [{ hiv: 'POSITIVE' }, 'arv'],
      [{ hiv: 'NEGATIVE', arv: 'NOT_STARTED' }, 'arv'],
      [{ hiv: 'NEGATIVE', from: '2026-03-02' }, 'arv'],
      [{ hiv: 'POSITIVE', arv: 'ON_ARV' }, 'arvStartedOn'],
      [{ hiv: 'POSITIVE', arv: 'STOPPED' }, 'arvStartedOn'],
      [{ hiv: 'POSITIVE', arv: 'NOT_STARTED', from: '2026-03-02' }, 'arvStartedOn'],
      [{ hiv: 'POSITIVE', arv: 'ON_ARV', from: addDays(todayInHanoi(), 1) }, 'arvStartedOn'],
    ];
    for (const [args, field] of refused) {
      const error = failure(await run(INFECTION_ARGS, { p: person, ...args }, 'health_worker'));
      expect({ args, code: error.code, field: error.field }).toEqual({ args, code: 'BAD_USER_INPUT', field });
    }
    expect(await infections()).toBe(0);
    for (const [args, expected] of [
      [{ hiv: 'NEGATIVE' }, { hiv: 'NEGATIVE', arv: null, arvStartedOn: null }],
      [
        { hiv: 'POSITIVE', arv: 'NOT_STARTED' },
        { hiv: 'POSITIVE', arv: 'NOT_STARTED', arvStartedOn: null },
      ],
      [
        { hiv: 'POSITIVE', arv: 'STOPPED', from: '2025-11-01' },
        { hiv: 'POSITIVE', arv: 'STOPPED', arvStartedOn: '2025-11-01' },
      ],
    ] as const) {
      expect(ok(await run(INFECTION_ARGS, { p: person, ...args }, 'health_worker'), 'recordInfectionStatus')).toEqual(expected);
    }
    expect(await infections()).toBe(3);
  });

  it('records them for health only and shows them to health workers only', async () => {
    const person = await opioidAddicted();
    ok(
      await run(
        URINE,
        {
          p: person,
          d: '2026-03-02',
          r: [
            { substanceClass: 'OPIOIDS', result: 'POSITIVE' },
            { substanceClass: 'STIMULANTS', result: 'NEGATIVE' },
          ],
        },
        'health_worker',
      ),
      'recordUrineTest',
    );
    expect(ok(await run(INFECTION, { p: person }, 'health_worker'), 'recordInfectionStatus')).toMatchObject({
      hiv: 'POSITIVE',
      hepatitisB: 'NEGATIVE',
      hepatitisC: 'POSITIVE',
      arv: 'ON_ARV',
      arvStartedOn: '2026-03-10',
    });
    const seen = await run(HEALTH_ONLY, { r: [{ __typename: 'Person', id: person }] }, 'health_worker');
    expect(seen.errors).toBeUndefined();
    expect(seen.data?._entities).toEqual([
      {
        urineTests: [
          {
            testedOn: '2026-03-02',
            results: [
              { substanceClass: 'OPIOIDS', result: 'POSITIVE' },
              { substanceClass: 'STIMULANTS', result: 'NEGATIVE' },
            ],
          },
        ],
        infectionStatus: {
          hiv: 'POSITIVE',
          hepatitisB: 'NEGATIVE',
          hepatitisC: 'POSITIVE',
          testedOn: '2026-03-01',
          arv: 'ON_ARV',
          arvStartedOn: '2026-03-10',
        },
        doses: [],
      },
    ]);
    for (const role of ROLES.filter((r) => r !== 'health_worker')) {
      const denied = await run(HEALTH_ONLY, { r: [{ __typename: 'Person', id: person }] }, role);
      expect((denied.errors ?? []).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
      expect(failure(await run(INFECTION, { p: person }, role)).code).toBe('FORBIDDEN');
      expect(
        failure(await run(URINE, { p: person, d: '2026-03-02', r: [{ substanceClass: 'OPIOIDS', result: 'NEGATIVE' }] }, role))
          .code,
      ).toBe('FORBIDDEN');
    }
    // A patient of another unit and an unknown id get the same NOT_FOUND, and nothing is written.
    const count = async (): Promise<number> =>
      Number(
        (
          await database.db.query<[{ n: string }]>(
            'SELECT (SELECT count(*) FROM urine_test) + (SELECT count(*) FROM infection_status) AS n',
          )
        )[0].n,
      );
    const before = await count();
    for (const id of [person, randomUUID()]) {
      expect(failure(await run(INFECTION, { p: id }, 'health_worker', 'MMT002'))).toMatchObject({
        code: 'NOT_FOUND',
        field: 'personId',
      });
      expect(
        failure(
          await run(
            URINE,
            { p: id, d: '2026-03-02', r: [{ substanceClass: 'OPIOIDS', result: 'NEGATIVE' }] },
            'health_worker',
            'MMT002',
          ),
        ),
      ).toMatchObject({ code: 'NOT_FOUND', field: 'personId' });
    }
    expect(await count()).toBe(before);
    // A health worker of another clinic does not see what the province recorded.
    const other = await run(HEALTH_ONLY, { r: [{ __typename: 'Person', id: person }] }, 'health_worker', 'MMT002');
    expect(other.data?._entities).toEqual([{ urineTests: [], infectionStatus: null, doses: [] }]);
  });

  it('rejects bad input', async () => {
    expect(failure(await run(URINE, { p: randomUUID(), d: '2026-03-02', r: [] }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'results',
    });
    expect(
      failure(
        await run(
          URINE,
          {
            p: randomUUID(),
            d: '2026-03-02',
            r: [
              { substanceClass: 'OPIOIDS', result: 'NEGATIVE' },
              { substanceClass: 'OPIOIDS', result: 'POSITIVE' },
            ],
          },
          'health_worker',
        ),
      ),
    ).toMatchObject({ field: 'results' });
    expect(
      failure(
        await run(URINE, { p: 'x', d: '2026-03-02', r: [{ substanceClass: 'OPIOIDS', result: 'NEGATIVE' }] }, 'health_worker'),
      ),
    ).toMatchObject({ field: 'personId' });
    expect(failure(await run(INFECTION, { p: 'x' }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'personId',
    });
  });

  it('refuses tests dated in the future, recording nothing', async () => {
    const person = randomUUID();
    const tomorrow = addDays(todayInHanoi(), 1);
    expect(
      failure(
        await run(URINE, { p: person, d: tomorrow, r: [{ substanceClass: 'OPIOIDS', result: 'NEGATIVE' }] }, 'health_worker'),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    const future = INFECTION.replace('"2026-03-01"', `"${tomorrow}"`);
    expect(failure(await run(future, { p: person }, 'health_worker'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'testedOn',
    });
    const [{ n }] = await database.db.query<[{ n: number }]>(
      `SELECT ((SELECT count(*) FROM urine_test WHERE person_id = $1)
      + (SELECT count(*) FROM infection_status WHERE person_id = $1))::int AS n`,
      [person],
    );
    expect(n).toBe(0);
  });
});

describe('dispensing points', () => {
  const POINTS = `query($u: ID, $all: Boolean) { clinics(unitCode: $u) { code dispensingPoints(includeClosed: $all) { code clinicCode name address openedOn closedOn version } } }`;
  const OPEN = `mutation($c: ID!, $n: String!, $a: String!, $on: Date!) { openDispensingPoint(clinicCode: $c, name: $n, address: $a, openedOn: $on) { code name closedOn version } }`;
  const CLOSE = `mutation($code: ID!, $on: Date!, $v: Int!) { closeDispensingPoint(code: $code, closedOn: $on, expectedVersion: $v) { code closedOn version } }`;

  it('seeds each clinic with its own counter and a satellite point, readable by every role', async () => {
    for (const role of ROLES) {
      const [clinic] = ok<{ code: string; dispensingPoints: { code: string; clinicCode: string; name: string }[] }[]>(
        await run(POINTS, { u: 'MMT001' }, role),
        'clinics',
      );
      expect(clinic?.dispensingPoints.map((p) => [p.code, p.clinicCode])).toEqual([
        ['MMT001-01', 'MMT001'],
        ['MMT001-02', 'MMT001'],
      ]);
      expect(clinic?.dispensingPoints[0]?.name).toBe('Quầy cấp phát tại cơ sở');
    }
  });

  it('opens a numbered point, closes it, and refuses doses there from the closing day', async () => {
    const opened = ok<{ code: string; version: number }>(
      await run(
        OPEN,
        { c: 'MMT004', n: 'Điểm cấp phát lưu động', a: 'Trạm y tế phường', on: '2026-01-05' },
        'health_worker',
        'MMT004',
      ),
      'openDispensingPoint',
    );
    expect(opened).toEqual({ code: 'MMT004-03', name: 'Điểm cấp phát lưu động', closedOn: null, version: 1 });
    expect(
      failure(await run(OPEN, { c: 'MMT004', n: 'Điểm cấp phát lưu động', a: 'x', on: '2026-01-05' }, 'health_worker', 'MMT004')),
    ).toMatchObject({ code: 'CONFLICT', field: 'name' });
    expect(failure(await run(CLOSE, { code: opened.code, on: '2026-02-01', v: 7 }, 'health_worker', 'MMT004'))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(failure(await run(CLOSE, { code: opened.code, on: '2026-01-01', v: 1 }, 'health_worker', 'MMT004'))).toMatchObject({
      field: 'closedOn',
    });
    expect(
      ok(await run(CLOSE, { code: opened.code, on: '2026-02-01', v: 1 }, 'health_worker', 'MMT004'), 'closeDispensingPoint'),
    ).toEqual({ code: opened.code, closedOn: '2026-02-01', version: 2 });
    const [open, all] = await Promise.all(
      [false, true].map(async (includeClosed) =>
        ok<{ dispensingPoints: { code: string }[] }[]>(
          await run(POINTS, { u: 'MMT004', all: includeClosed }, 'health_worker', 'MMT004'),
          'clinics',
        )[0]?.dispensingPoints.map((p) => p.code),
      ),
    );
    expect(open).not.toContain(opened.code);
    expect(all).toContain(opened.code);

    const treatment = randomUUID();
    const person = randomUUID();
    await database.db.query(
      `INSERT INTO substitution_treatment (id, person_id, clinic_code, status, phase, enrolled_on, medication, owner_unit_path, residence_unit_path)
      VALUES ($1, $2, 'MMT004', 'ACTIVE', 'MAINTENANCE', '2026-01-01', 'METHADONE', $3, $4)`,
      [treatment, person, pathOf('MMT004'), pathOf(COMMUNE)],
    );
    const dose = (d: string) =>
      run(
        DOSES,
        { c: 'MMT004', d, doses: [{ personId: person, mg: 40, kind: 'WITNESSED', dispensingPointCode: opened.code }] },
        'health_worker',
        'MMT004',
      );
    expect(ok(await dose('2026-01-31'), 'recordClinicDoses')).toMatchObject({ recorded: 1 });
    expect(failure(await dose('2026-02-01'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'doses.0.dispensingPointCode' });
    expect(failure(await dose('2026-01-04'))).toMatchObject({ field: 'doses.0.dispensingPointCode' });
  });

  it('lets only health workers of the clinic open or close points', async () => {
    for (const role of ROLES.filter((r) => r !== 'health_worker')) {
      expect(failure(await run(OPEN, { c: 'MMT001', n: 'X', a: 'Y', on: '2026-01-05' }, role)).code).toBe('FORBIDDEN');
      expect(failure(await run(CLOSE, { code: 'MMT001-02', on: '2026-01-05', v: 1 }, role)).code).toBe('FORBIDDEN');
    }
    expect(failure(await run(OPEN, { c: 'MMT001', n: 'X', a: 'Y', on: '2026-01-05' }, 'health_worker', 'MMT002'))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'clinicCode',
    });
    expect(failure(await run(CLOSE, { code: 'MMT001-02', on: '2026-01-05', v: 1 }, 'health_worker', 'MMT002'))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(failure(await run(OPEN, { c: 'MMT001', n: ' ', a: 'Y', on: '2026-01-05' }, 'health_worker', 'MMT001'))).toMatchObject({
      field: 'name',
    });
    expect(
      failure(await run(OPEN, { c: 'MMT001', n: 'X', a: 'Y', on: addDays(todayInHanoi(), 1) }, 'health_worker', 'MMT001')),
    ).toMatchObject({ field: 'openedOn' });
  });
});

it('gives every new mutation and query a rule', () => {
  for (const name of [
    'recordAddictionExamination',
    'enrollSubstitutionTreatment',
    'advanceTreatmentPhase',
    'transferTreatment',
    'terminateTreatment',
    'recordClinicDoses',
    'recordUrineTest',
    'recordInfectionStatus',
    'openDispensingPoint',
    'closeDispensingPoint',
  ]) {
    expect(ACCESS_MATRIX[`Mutation.${name}`]?.read).toEqual(['health_worker']);
  }
  expect(ACCESS_MATRIX['Query.missedDoseStreaks']?.read).toEqual(['health_worker']);
});
