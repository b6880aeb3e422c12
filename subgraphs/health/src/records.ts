import type { DerivedFinding, Substance } from './rules/addiction';
import type { SubstitutionTreatmentEntity } from './entities/SubstitutionTreatment';

/** An examination row as resolvers return it (the clinical record; health only). */
export interface ExaminationRecord {
  id: string;
  personId: string;
  examinedOn: string;
  findings: DerivedFinding[];
  clinicalNotes: string | null;
  physician: string;
  facilityCode: string;
  determinationId: string;
}

export interface StreakRecord {
  personId: string;
  treatment: SubstitutionTreatmentEntity;
  lastDoseOn: string | null;
  days: number;
}

export interface DoseRecord {
  id: string;
  personId: string;
  date: string;
  mg: number;
  kind: 'WITNESSED' | 'TAKE_HOME';
  dispensingPointCode: string;
  recordedBy: string;
  clinicCode: string;
}

export interface UrineTestRecord {
  id: string;
  personId: string;
  testedOn: string;
  results: { substanceClass: Substance; result: 'POSITIVE' | 'NEGATIVE' }[];
}

export interface InfectionStatusRecord {
  id: string;
  personId: string;
  hiv: 'POSITIVE' | 'NEGATIVE';
  hepatitisB: 'POSITIVE' | 'NEGATIVE';
  hepatitisC: 'POSITIVE' | 'NEGATIVE';
  testedOn: string;
  arv: 'NOT_STARTED' | 'ON_ARV' | 'STOPPED' | null;
  arvStartedOn: string | null;
}

interface ExaminationRow {
  id: string;
  person_id: string;
  examined_on: string;
  findings: DerivedFinding[];
  clinical_notes: string | null;
  physician_username: string;
  facility_code: string;
  determination_id: string;
}

export const EXAMINATION_COLUMNS =
  'id, person_id, examined_on::text AS examined_on, findings, clinical_notes, physician_username, facility_code, determination_id';

export function toExamination(r: ExaminationRow): ExaminationRecord {
  return {
    id: r.id,
    personId: r.person_id,
    examinedOn: r.examined_on,
    findings: r.findings,
    clinicalNotes: r.clinical_notes,
    physician: r.physician_username,
    facilityCode: r.facility_code,
    determinationId: r.determination_id,
  };
}

interface DoseRow {
  id: string;
  person_id: string;
  dose_date: string;
  mg: string;
  kind: DoseRecord['kind'];
  dispensing_point_code: string;
  recorded_by: string;
  clinic_code: string;
}

export const DOSE_COLUMNS =
  'id, person_id, dose_date::text AS dose_date, mg::text AS mg, kind, dispensing_point_code, recorded_by, clinic_code';

export function toDose(r: DoseRow): DoseRecord {
  return {
    id: r.id,
    personId: r.person_id,
    date: r.dose_date,
    mg: Number(r.mg),
    kind: r.kind,
    dispensingPointCode: r.dispensing_point_code,
    recordedBy: r.recorded_by,
    clinicCode: r.clinic_code,
  };
}

interface UrineRow {
  id: string;
  person_id: string;
  tested_on: string;
  results: UrineTestRecord['results'];
}

export const URINE_COLUMNS = 'id, person_id, tested_on::text AS tested_on, results';

export function toUrineTest(r: UrineRow): UrineTestRecord {
  return { id: r.id, personId: r.person_id, testedOn: r.tested_on, results: r.results };
}

interface InfectionRow {
  id: string;
  person_id: string;
  hiv: InfectionStatusRecord['hiv'];
  hepatitis_b: InfectionStatusRecord['hiv'];
  hepatitis_c: InfectionStatusRecord['hiv'];
  tested_on: string;
  arv: InfectionStatusRecord['arv'];
  arv_started_on: string | null;
}

export const INFECTION_COLUMNS =
  'id, person_id, hiv, hepatitis_b, hepatitis_c, tested_on::text AS tested_on, arv, arv_started_on::text AS arv_started_on';

export function toInfection(r: InfectionRow): InfectionStatusRecord {
  return {
    id: r.id,
    personId: r.person_id,
    hiv: r.hiv,
    hepatitisB: r.hepatitis_b,
    hepatitisC: r.hepatitis_c,
    testedOn: r.tested_on,
    arv: r.arv,
    arvStartedOn: r.arv_started_on,
  };
}

export interface DrugUseScreeningRecord {
  id: string;
  personId: string;
  screenedOn: string;
  instrument: 'ASSIST' | 'OTHER';
  riskLevel: 'LOW' | 'MODERATE' | 'HIGH';
  substanceClasses: Substance[];
  referral: 'NONE' | 'COUNSELLING' | 'ADDICTION_DETERMINATION' | 'TREATMENT';
  note: string | null;
}

interface ScreeningRow {
  id: string;
  person_id: string;
  screened_on: string;
  instrument: DrugUseScreeningRecord['instrument'];
  risk_level: DrugUseScreeningRecord['riskLevel'];
  substance_classes: Substance[];
  referral: DrugUseScreeningRecord['referral'];
  note: string | null;
}

export const SCREENING_COLUMNS =
  'id, person_id, screened_on::text AS screened_on, instrument, risk_level, substance_classes, referral, note';

export function toScreening(r: ScreeningRow): DrugUseScreeningRecord {
  return {
    id: r.id,
    personId: r.person_id,
    screenedOn: r.screened_on,
    instrument: r.instrument,
    riskLevel: r.risk_level,
    substanceClasses: r.substance_classes,
    referral: r.referral,
    note: r.note,
  };
}
