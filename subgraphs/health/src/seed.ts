import type { DataSource } from 'typeorm';
import { insertRows, seedPersonDirectory, seedPersonUnitAssignments } from '@rehab/server-kit';
import { DOSE_INSERT_COLUMNS } from './mutations/doses';
import { PSYCHOSIS_COLUMNS, psychosisRows } from './seed-psychosis';
import { CRITERIA_IN_FORCE_FROM } from './rules/addiction';
import {
  SeededRandom,
  addDays,
  demoPhaseHistory,
  demoUnitOn,
  unitAt,
  units,
  unitsOfLevel,
  type AdministrativeUnitRecord,
  type DemoPerson,
} from '@rehab/shared-schema';

/** Fixed seed of the health slice's own ids, so the same population always gives the same rows. */
export const HEALTH_SEED = 3003;

const CLINIC_COLUMNS = ['code', 'name', 'owner_unit_path'];
const POINT_COLUMNS = ['code', 'clinic_code', 'name', 'address', 'opened_on', 'owner_unit_path'];

/** The clinic's own counter, where seeded doses are dispensed. */
export const mainPointOf = (clinicCode: string): string => `${clinicCode}-01`;

/**
 * The commune of today whose health station hosts a clinic's satellite point: the first that
 * took in a commune of the old district the clinic is named after (MMT001: Ba Đình), else the
 * first of the clinic's province.
 */
function satelliteCommune(clinic: AdministrativeUnitRecord): AdministrativeUnitRecord | undefined {
  const communes = units().childrenOf(clinic.parentCode, undefined, ['COMMUNE']);
  const district = clinic.code.replace(/^MMT/, '');
  return (
    communes.find((c) =>
      units()
        .predecessors(c)
        .some((l) => l.predecessor.parentCode === district),
    ) ?? communes[0]
  );
}

/** The clinic as it was on `on` (a clinic whose province merged has two versions). */
function clinicOn(code: string, on: string): AdministrativeUnitRecord {
  const clinic = unitAt(code, on) ?? units().current(code);
  if (!clinic) throw new Error(`Unknown clinic ${code}`);
  return clinic;
}

/** Each clinic's own counter and a satellite point at the health station of a commune it serves. */
function dispensingPointRows(): unknown[][] {
  return unitsOfLevel('CLINIC').flatMap((c) => {
    const commune = satelliteCommune(c);
    const own = [mainPointOf(c.code), c.code, 'Quầy cấp phát tại cơ sở', c.name, '2021-12-31', c.path];
    if (!commune) return [own];
    return [
      own,
      [`${c.code}-02`, c.code, `Điểm cấp phát Trạm y tế ${commune.name}`, `Trạm y tế ${commune.name}`, '2022-06-01', c.path],
    ];
  });
}
const DETERMINATION_COLUMNS = [
  'id',
  'person_id',
  'examined_on',
  'addicted',
  'substance_classes',
  'document_number',
  'owner_unit_code',
  'owner_unit_path',
  'request_id',
];
/** Fixed seed of the clinical rows (examinations, doses, tests), a stream of its own. */
export const HEALTH_CARE_SEED = 3203;
const FACILITY_COLUMNS = ['code', 'name', 'qualified_on'];
const PHYSICIAN_COLUMNS = ['username', 'full_name', 'certificate_number', 'facility_code'];
const EXAMINATION_COLUMNS = [
  'id',
  'request_id',
  'determination_id',
  'person_id',
  'examined_on',
  'findings',
  'clinical_notes',
  'physician_username',
  'facility_code',
  'owner_unit_path',
];
const URINE_COLUMNS = ['id', 'person_id', 'tested_on', 'results', 'recorded_by', 'owner_unit_path'];
const INFECTION_COLUMNS = [
  'id',
  'person_id',
  'hiv',
  'hepatitis_b',
  'hepatitis_c',
  'tested_on',
  'arv',
  'arv_started_on',
  'recorded_by',
  'owner_unit_path',
];
/** Days of seeded doses from each seeded enrolment. */
export const SEEDED_DOSE_DAYS = 3;
/** Demo physicians (gateway demo accounts) and where they are certified. */
const DEMO_PHYSICIANS: readonly (readonly [string, string, string])[] = [
  ['yte.hanoi', 'Ngô Thị Hương', 'MMT001'],
  ['yte.mmt001', 'Đặng Minh Hiếu', 'MMT001'],
];
const REQUEST_COLUMNS = [
  'id',
  'person_id',
  'requested_at',
  'requested_on',
  'requested_by',
  'requested_by_username',
  'reason',
  'owner_unit_code',
  'owner_unit_path',
  'late_entry_reason',
];
const SCREENING_COLUMNS = [
  'id',
  'person_id',
  'screened_on',
  'instrument',
  'risk_level',
  'substance_classes',
  'referral',
  'residence_unit_path',
  'owner_unit_path',
  'recorded_by',
];
/** Fixed seed of the screenings' ids (a stream of its own, so the other rows keep theirs). */
const HEALTH_SCREENING_SEED = 3503;

/**
 * About half the people later asked a determination for were screened and assessed by the
 * province's health workers the day they were found using (chosen by the person id): a high
 * risk, referred to the determination that followed.
 */
function screeningRows(population: readonly DemoPerson[]): unknown[][] {
  const rng = new SeededRandom(HEALTH_SCREENING_SEED);
  return population
    .filter((p) => p.determination && parseInt(p.id.slice(-1), 16) % 2 === 0)
    .map((p) => {
      const residence = demoUnitOn(p, p.detectedOn).unitPath;
      const classes = p.determination?.substanceClasses.length ? p.determination.substanceClasses : ['STIMULANTS'];
      return [
        rng.uuid(),
        p.id,
        p.detectedOn,
        'ASSIST',
        'HIGH',
        classes,
        'ADDICTION_DETERMINATION',
        residence,
        residence.split('.')[0],
        'demo',
      ];
    });
}

/** Fixed seed of the determination requests' ids (a stream of its own, so the other rows keep theirs). */
export const HEALTH_REQUEST_SEED = 3103;
const TREATMENT_COLUMNS = [
  'id',
  'person_id',
  'clinic_code',
  'status',
  'phase',
  'enrolled_on',
  'medication',
  'owner_unit_path',
  'residence_unit_path',
  'stopped_on',
  'termination_reason',
  'termination_note',
];
/** Fixed seed of the stopped enrolments' ids (a stream of its own). */
export const HEALTH_STOPPED_SEED = 3303;
const STOP_REASONS = ['VOLUNTARY', 'FORCED_PROTOCOL_VIOLATIONS', 'FORCED_REPEATED_POSITIVE_TESTS', 'OTHER'];

interface HealthRows {
  determinations: unknown[][];
  treatments: unknown[][];
  /** The phase history of the enrolments (substitution_treatment_phase). */
  phases: unknown[][];
}
const PHASE_COLUMNS = ['treatment_id', 'phase', 'since', 'source', 'recorded_by'];
const phaseRow = (treatmentId: string, phase: string, since: string): unknown[] => [
  treatmentId,
  phase,
  since,
  'RECORDED',
  'demo-seed',
];

function healthRows(population: readonly DemoPerson[], requestOf: ReadonlyMap<string, string>): HealthRows {
  const rng = new SeededRandom(HEALTH_SEED);
  const rows: HealthRows = { determinations: [], treatments: [], phases: [] };
  for (const p of population) {
    const d = p.determination;
    if (d) {
      const residence = demoUnitOn(p, d.examinedOn);
      rows.determinations.push([
        rng.uuid(),
        p.id,
        d.examinedOn,
        d.addicted,
        d.substanceClasses,
        d.documentNumber,
        residence.unitCode,
        residence.unitPath,
        requestOf.get(p.id) ?? null,
      ]);
    }
    const s = p.substitution;
    if (s) {
      const treatmentId = rng.uuid();
      for (const change of s.phases) rows.phases.push(phaseRow(treatmentId, change.phase, change.since));
      rows.treatments.push([
        treatmentId,
        p.id,
        s.clinicCode,
        'ACTIVE',
        s.phase,
        s.enrolledOn,
        s.medication,
        clinicOn(s.clinicCode, s.enrolledOn).path,
        demoUnitOn(p, s.enrolledOn).unitPath,
        null,
        null,
        null,
      ]);
    }
  }
  // Every fourth opioid-addicted person without an ongoing enrolment stopped an earlier one (own id stream).
  const stopped = new SeededRandom(HEALTH_STOPPED_SEED);
  const candidates = population.filter(
    (p) => !p.substitution && p.determination?.addicted && p.determination.substanceClasses.includes('OPIOIDS'),
  );
  candidates
    .filter((_p, i) => i % 4 === 0)
    .forEach((p, i) => {
      const district = p.formerUnit.unitPath.split('.')[1] ?? '';
      const province = p.home.unitPath.split('.')[0] ?? '';
      const clinics = unitsOfLevel('CLINIC').filter((c) => c.parentCode === province);
      const clinic = clinics.find((c) => c.code === `MMT${district}`) ?? clinics[0];
      const enrolledOn = addDays(p.determination?.examinedOn ?? p.detectedOn, 7);
      if (!clinic) return;
      const treatmentId = stopped.uuid();
      const stoppedOn = addDays(enrolledOn, 120);
      // Induction, dose adjustment and maintenance (the demo's days), then stopped on day 120.
      for (const change of demoPhaseHistory(enrolledOn, 'MAINTENANCE', stoppedOn)) {
        rows.phases.push(phaseRow(treatmentId, change.phase, change.since));
      }
      rows.phases.push(phaseRow(treatmentId, 'STOPPED', stoppedOn));
      rows.treatments.push([
        treatmentId,
        p.id,
        clinic.code,
        'STOPPED',
        'STOPPED',
        enrolledOn,
        'METHADONE',
        clinicOn(clinic.code, enrolledOn).path,
        demoUnitOn(p, enrolledOn).unitPath,
        stoppedOn,
        STOP_REASONS[i % STOP_REASONS.length],
        'Ngừng điều trị (dữ liệu mẫu)',
      ]);
    });
  return rows;
}

/**
 * Each examined person's request: commune police asked the day after the detection
 * (09:00 local time), for the person's residence commune.
 */
function requestRows(population: readonly DemoPerson[]): (string | null)[][] {
  const rng = new SeededRandom(HEALTH_REQUEST_SEED);
  return population
    .filter((p) => p.determination)
    .map((p) => {
      const requestedOn = addDays(p.detectedOn, 1);
      const commune = demoUnitOn(p, requestedOn);
      // About one in eight was made on paper and entered late, a few days on (drawn from the id, not the generator).
      const late = parseInt(p.id.slice(-1), 16) % 8 === 5 && requestedOn >= CRITERIA_IN_FORCE_FROM;
      return [
        rng.uuid(),
        p.id,
        `${late ? addDays(requestedOn, 4) : requestedOn}T02:00:00Z`,
        requestedOn,
        'POLICE',
        `congan.xa${commune.unitCode}`,
        `Phát hiện sử dụng trái phép chất ma túy ngày ${p.detectedOn}`,
        commune.unitCode,
        commune.unitPath,
        late ? 'Đề nghị lập trên giấy, nhập vào hệ thống khi có kết quả khám' : null,
      ];
    });
}

/** The province of today a record belongs to (Lào Cai's records from old Lào Cai and Yên Bái included). */
const provinceOf = (path: string): string => units().provinceToday(path)?.code ?? path.split('.')[0] ?? '';
const CRITERIA = [
  'CRAVING',
  'LOSS_OF_CONTROL',
  'TOLERANCE',
  'NEGLECT_OF_OTHER_INTERESTS',
  'CONTINUED_USE_DESPITE_HARM',
  'WITHDRAWAL',
];

interface CareRows {
  facilities: unknown[][];
  physicians: unknown[][];
  examinations: unknown[][];
  doses: unknown[][];
  urineTests: unknown[][];
  infections: unknown[][];
}

/**
 * Clinical rows: every clinic is a qualified facility with one certified physician (plus the
 * demo accounts); each seeded determination gets the examination it derives from (criteria
 * consistent with its conclusion); each seeded enrolment gets its first days of doses, a
 * urine test and an HIV/hepatitis result.
 */
function careRows(determinations: readonly unknown[][], treatments: readonly unknown[][]): CareRows {
  const rng = new SeededRandom(HEALTH_CARE_SEED);
  const clinics = unitsOfLevel('CLINIC');
  const rows: CareRows = { facilities: [], physicians: [], examinations: [], doses: [], urineTests: [], infections: [] };
  const physicianOfProvince = new Map<string, [string, string, string]>();
  for (const c of clinics) {
    rows.facilities.push([c.code, c.name, '2021-12-31']);
    const username = `bacsi.${c.code.toLowerCase()}`;
    rows.physicians.push([username, `Bác sĩ ${c.name}`, `CCHN-${c.code}`, c.code]);
    if (!physicianOfProvince.has(provinceOf(c.path))) physicianOfProvince.set(provinceOf(c.path), [username, c.code, c.path]);
  }
  for (const [username, name, code] of DEMO_PHYSICIANS) {
    if (units().current(code)) rows.physicians.push([username, name, `CCHN-${username}`, code]);
  }
  for (const d of determinations) {
    const [determinationId, personId, examinedOn, addicted, classes, , , ownerPath, requestId] = d as [
      string,
      string,
      string,
      boolean,
      string[],
      string,
      string,
      string,
      string | null,
    ];
    const physician = physicianOfProvince.get(provinceOf(ownerPath));
    if (!requestId || !physician) continue;
    const findings = addicted
      ? classes.map((c) => ({
          substanceClass: c,
          criteria: CRITERIA.slice(0, rng.int(3, 6)),
          pattern: 'TOGETHER_AT_LEAST_ONE_MONTH',
          addicted: true,
        }))
      : [{ substanceClass: 'OPIOIDS', criteria: CRITERIA.slice(0, rng.int(0, 2)), pattern: 'NEITHER', addicted: false }];
    rows.examinations.push([
      rng.uuid(),
      requestId,
      determinationId,
      personId,
      examinedOn,
      JSON.stringify(findings),
      'Khám lâm sàng, xét nghiệm nước tiểu',
      physician[0],
      physician[1],
      physician[2],
    ]);
  }
  for (const t of treatments) {
    const [treatmentId, personId, clinicCode, , , enrolledOn, , clinicPath] = t as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    for (let day = 0; day < SEEDED_DOSE_DAYS; day += 1) {
      rows.doses.push([
        rng.uuid(),
        personId,
        treatmentId,
        addDays(enrolledOn, day),
        20 + 10 * day,
        'WITNESSED',
        mainPointOf(clinicCode),
        `bacsi.${clinicCode.toLowerCase()}`,
        clinicCode,
        clinicPath,
      ]);
    }
    rows.urineTests.push([
      rng.uuid(),
      personId,
      enrolledOn,
      JSON.stringify([{ substanceClass: 'OPIOIDS', result: rng.chance(0.3) ? 'POSITIVE' : 'NEGATIVE' }]),
      `bacsi.${clinicCode.toLowerCase()}`,
      clinicPath,
    ]);
    const result = (p: number) => (rng.chance(p) ? 'POSITIVE' : 'NEGATIVE');
    const [id, hiv, hepatitisB, hepatitisC] = [rng.uuid(), result(0.1), result(0.1), result(0.3)];
    const arv = arvOfDemo(hiv, personId, enrolledOn);
    rows.infections.push([
      id,
      personId,
      hiv,
      hepatitisB,
      hepatitisC,
      enrolledOn,
      arv.status,
      arv.startedOn,
      `bacsi.${clinicCode.toLowerCase()}`,
      clinicPath,
    ]);
  }
  return rows;
}

/**
 * A demo patient's ARV status beside a positive HIV result: most are on ARV from the day they
 * were tested, some not started yet; drawn from the person id, not the generator, so the
 * rest of the demo data stays as it was.
 */
function arvOfDemo(hiv: string, personId: string, testedOn: string): { status: string | null; startedOn: string | null } {
  if (hiv !== 'POSITIVE') return { status: null, startedOn: null };
  return personId.endsWith('f') ? { status: 'NOT_STARTED', startedOn: null } : { status: 'ON_ARV', startedOn: testedOn };
}

/** Is the health database still empty (no clinics, no determinations), so demo data may be seeded? */
export async function isHealthEmpty(db: DataSource): Promise<boolean> {
  const [{ count }] = await db.query<[{ count: number }]>(
    'SELECT ((SELECT count(*) FROM clinic) + (SELECT count(*) FROM addiction_determination))::int AS count',
  );
  return count === 0;
}

/** Bulk-inserts the clinics and the health part of the demo population (multi-row INSERTs, one transaction). */
export async function seedHealth(db: DataSource, population: readonly DemoPerson[]): Promise<void> {
  const clinics = unitsOfLevel('CLINIC').map((u) => [u.code, u.name, u.path]);
  const requests = requestRows(population);
  const { determinations, treatments, phases } = healthRows(
    population,
    new Map(requests.map((r) => [r[1] as string, r[0] as string])),
  );
  const care = careRows(determinations, treatments);
  await db.transaction(async (manager) => {
    await insertRows(manager, 'clinic', CLINIC_COLUMNS, clinics);
    await seedPersonUnitAssignments(manager, population);
    await seedPersonDirectory(manager, population);
    await insertRows(manager, 'dispensing_point', POINT_COLUMNS, dispensingPointRows());
    await insertRows(manager, 'addiction_determination_request', REQUEST_COLUMNS, requests, 1000);
    await insertRows(manager, 'addiction_determination', DETERMINATION_COLUMNS, determinations, 1000);
    await insertRows(manager, 'substitution_treatment', TREATMENT_COLUMNS, treatments, 1000);
    await insertRows(manager, 'substitution_treatment_phase', PHASE_COLUMNS, phases, 1000);
    await insertRows(manager, 'qualified_facility', FACILITY_COLUMNS, care.facilities, 1000);
    await insertRows(manager, 'certified_physician', PHYSICIAN_COLUMNS, care.physicians, 1000);
    await insertRows(manager, 'addiction_examination', EXAMINATION_COLUMNS, care.examinations, 1000);
    await insertRows(manager, 'dose', DOSE_INSERT_COLUMNS, care.doses, 1000);
    await insertRows(manager, 'urine_test', URINE_COLUMNS, care.urineTests, 1000);
    await insertRows(manager, 'infection_status', INFECTION_COLUMNS, care.infections, 1000);
    await insertRows(manager, 'drug_use_screening', SCREENING_COLUMNS, screeningRows(population), 1000);
    await insertRows(manager, 'drug_induced_psychosis', PSYCHOSIS_COLUMNS, psychosisRows(population), 1000);
  });
}
