import { ADMINISTRATIVE_UNITS, FACILITY_UNITS, type AdministrativeUnitRecord } from '../reference/units';
import { makeIdentificationNumber, PROVINCE_CODES, type Sex } from '../identification';
import { SeededRandom } from './random';
import { addDays, addMonths } from '../dates';
import {
  ETHNICITIES, FAMILY_NAMES, FEMALE_GIVEN, FEMALE_MIDDLE, HAMLETS, MALE_GIVEN, MALE_MIDDLE, NICKNAMES, STREETS,
} from './names';

/**
 * A deterministic demo population spread over every stage of the path (DOMAIN.md).
 * Every subgraph seeds its own slice from the same list, so ids and dates agree
 * across agencies. Dates are computed backwards from a fixed reference date, never
 * from the clock, so the same seed always gives the same data.
 */
export const DEMO_SEED = 2022;
export const DEMO_REFERENCE_DATE = '2026-11-01';
export const DEMO_PERSONS = 3000;

export type PathStage =
  | 'MANAGED'
  | 'NOT_ADDICTED'
  | 'VOLUNTARY_COMMUNITY'
  | 'VOLUNTARY_FACILITY'
  | 'SUBSTITUTION'
  | 'COMPULSORY_IN_FACILITY'
  | 'POST_REHAB'
  | 'POST_REHAB_COMPLETED'
  | 'RELAPSED';

const STAGE_WEIGHTS: ReadonlyArray<readonly [PathStage, number]> = [
  ['MANAGED', 20], ['NOT_ADDICTED', 4], ['VOLUNTARY_COMMUNITY', 10], ['VOLUNTARY_FACILITY', 8],
  ['SUBSTITUTION', 18], ['COMPULSORY_IN_FACILITY', 15], ['POST_REHAB', 15], ['POST_REHAB_COMPLETED', 7], ['RELAPSED', 3],
];

export type SubstanceClass = 'OPIOIDS' | 'STIMULANTS' | 'CANNABIS' | 'OTHER';
export type RehabKind = 'COMPULSORY' | 'VOLUNTARY_FACILITY' | 'VOLUNTARY_COMMUNITY';
export type RehabStatus = 'ADMITTED' | 'ON_LEAVE' | 'ABSCONDED' | 'COMPLETED' | 'TERMINATED';
export type TreatmentPhase = 'INDUCTION' | 'DOSE_ADJUSTMENT' | 'MAINTENANCE' | 'TAPERING' | 'STOPPED';

export interface DemoResidence {
  unitCode: string;
  addressLine: string;
}

export interface DemoDetermination {
  examinedOn: string;
  addicted: boolean;
  substanceClasses: SubstanceClass[];
  documentNumber: string;
}

export interface DemoSubstitution {
  clinicCode: string;
  enrolledOn: string;
  phase: TreatmentPhase;
  medication: 'METHADONE' | 'BUPRENORPHINE';
}

export interface DemoRehab {
  kind: RehabKind;
  /** Facility unit code; null for rehab at home/community. */
  facilityCode: string | null;
  admittedOn: string;
  plannedEndOn: string;
  endedOn: string | null;
  status: RehabStatus;
}

export interface DemoPostRehab {
  decisionOn: string;
  endsOn: string;
  completed: boolean;
  relapsedOn: string | null;
}

export interface DemoPerson {
  id: string;
  identificationNumber: string;
  fullName: string;
  otherNames: string[];
  dateOfBirth: string;
  sex: Sex;
  ethnicity: string;
  phone: string;
  permanentResidence: DemoResidence;
  currentResidence: DemoResidence;
  stage: PathStage;
  detectedOn: string;
  determination: DemoDetermination | null;
  substitution: DemoSubstitution | null;
  rehab: DemoRehab | null;
  postRehab: DemoPostRehab | null;
}

const COMMUNES = ADMINISTRATIVE_UNITS.filter((u) => u.level === 'COMMUNE');
const CLINICS = ADMINISTRATIVE_UNITS.filter((u) => u.level === 'CLINIC');
const COMPULSORY_FACILITIES = ['CSCN1', 'CSCN2', 'CSCN3', 'CSCN4', 'CSCN6', 'CSCN7'];
const VOLUNTARY_FACILITIES = ['CSCN2', 'CSCN5', 'CSCN6', 'CSCN7'];

function pickStage(rng: SeededRandom): PathStage {
  const total = STAGE_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [stage, weight] of STAGE_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return stage;
  }
  return 'MANAGED';
}

/** The address line within the commune (the commune itself is the residence's unit). */
function addressIn(rng: SeededRandom, commune: AdministrativeUnitRecord): string {
  if (commune.name.startsWith('Xã')) return `Số nhà ${rng.int(1, 90)}, ${rng.pick(HAMLETS)}`;
  return `Số ${rng.int(1, 180)} ngõ ${rng.int(1, 400)} phố ${rng.pick(STREETS)}`;
}

function name(rng: SeededRandom, sex: Sex): string {
  const middle = rng.pick(sex === 'MALE' ? MALE_MIDDLE : FEMALE_MIDDLE);
  const given = rng.pick(sex === 'MALE' ? MALE_GIVEN : FEMALE_GIVEN);
  return `${rng.pick(FAMILY_NAMES)} ${middle} ${given}`;
}

function substances(rng: SeededRandom, stage: PathStage): SubstanceClass[] {
  if (stage === 'SUBSTITUTION') return rng.chance(0.3) ? ['OPIOIDS', 'STIMULANTS'] : ['OPIOIDS'];
  const roll = rng.next();
  if (roll < 0.4) return ['OPIOIDS'];
  if (roll < 0.9) return ['STIMULANTS'];
  return rng.chance(0.5) ? ['CANNABIS'] : ['OTHER'];
}

function rehabFor(rng: SeededRandom, stage: PathStage, ref: string): DemoRehab | null {
  const inFacility = stage === 'COMPULSORY_IN_FACILITY' || stage === 'VOLUNTARY_FACILITY' || stage === 'VOLUNTARY_COMMUNITY';
  const completed = stage === 'POST_REHAB' || stage === 'POST_REHAB_COMPLETED' || stage === 'RELAPSED';
  if (!inFacility && !completed) return null;
  const kind: RehabKind = stage === 'COMPULSORY_IN_FACILITY' ? 'COMPULSORY'
    : stage === 'VOLUNTARY_FACILITY' ? 'VOLUNTARY_FACILITY'
      : stage === 'VOLUNTARY_COMMUNITY' ? 'VOLUNTARY_COMMUNITY'
        : rng.pick<RehabKind>(['COMPULSORY', 'COMPULSORY', 'COMPULSORY', 'VOLUNTARY_FACILITY', 'VOLUNTARY_COMMUNITY']);
  const termMonths = kind === 'COMPULSORY' ? rng.pick([12, 18, 24]) : rng.pick([6, 9, 12]);
  const facilityCode = kind === 'VOLUNTARY_COMMUNITY' ? null
    : rng.pick(kind === 'COMPULSORY' ? COMPULSORY_FACILITIES : VOLUNTARY_FACILITIES);
  if (inFacility) {
    const admittedOn = addDays(addMonths(ref, -termMonths), rng.int(20, termMonths * 30 - 5));
    const roll = rng.next();
    const status: RehabStatus = roll < 0.03 ? 'ABSCONDED' : roll < 0.06 ? 'ON_LEAVE' : 'ADMITTED';
    return { kind, facilityCode, admittedOn, plannedEndOn: addMonths(admittedOn, termMonths), endedOn: null, status };
  }
  const monthsAgo = stage === 'POST_REHAB' ? rng.int(0, 10) : rng.int(14, 48);
  const endedOn = addDays(addMonths(ref, -monthsAgo), -rng.int(5, 25));
  const admittedOn = addMonths(endedOn, -termMonths);
  return { kind, facilityCode, admittedOn, plannedEndOn: endedOn, endedOn, status: 'COMPLETED' };
}

function postRehabFor(rng: SeededRandom, stage: PathStage, rehab: DemoRehab | null): DemoPostRehab | null {
  if (!rehab?.endedOn) return null;
  const decisionOn = addDays(rehab.endedOn, rng.int(3, 15));
  const endsOn = addMonths(decisionOn, 12);
  const relapsedOn = stage === 'RELAPSED' ? addDays(decisionOn, rng.int(30, 300)) : null;
  return { decisionOn, endsOn, completed: stage === 'POST_REHAB_COMPLETED', relapsedOn };
}

function substitutionFor(rng: SeededRandom, stage: PathStage, commune: AdministrativeUnitRecord,
  examinedOn: string, ref: string): DemoSubstitution | null {
  if (stage !== 'SUBSTITUTION') return null;
  const local = CLINICS.find((c) => c.parentCode === commune.parentCode);
  const enrolledOn = addDays(examinedOn, rng.int(2, 5));
  const days = (Date.parse(ref) - Date.parse(enrolledOn)) / 86_400_000;
  const phase: TreatmentPhase = days < 14 ? 'INDUCTION' : days < 60 ? 'DOSE_ADJUSTMENT'
    : rng.chance(0.1) ? 'TAPERING' : 'MAINTENANCE';
  return { clinicCode: (local ?? rng.pick(CLINICS)).code, enrolledOn, phase, medication: rng.chance(0.95) ? 'METHADONE' : 'BUPRENORPHINE' };
}

function dateOfBirth(rng: SeededRandom, ref: string, adultOnly: boolean): string {
  const age = adultOnly || rng.chance(0.97) ? rng.int(18, 58) : rng.int(14, 17);
  return addDays(`${Number(ref.slice(0, 4)) - age}-01-01`, rng.int(0, 364));
}

function onePerson(rng: SeededRandom, index: number, ref: string): DemoPerson {
  const stage = pickStage(rng);
  const sex: Sex = rng.chance(0.92) ? 'MALE' : 'FEMALE';
  const dob = dateOfBirth(rng, ref, stage !== 'COMPULSORY_IN_FACILITY');
  const province = rng.chance(0.8) ? '001' : rng.pick(PROVINCE_CODES);
  const home = rng.pick(COMMUNES);
  const current = rng.chance(0.85) ? home : rng.pick(COMMUNES);
  const rehab = rehabFor(rng, stage, ref);
  const examinedOn = rehab ? addDays(rehab.admittedOn, -rng.int(20, 90)) : addDays(ref, -rng.int(15, 900));
  const detectedOn = addDays(examinedOn, -rng.int(7, 40));
  const determination: DemoDetermination | null = stage === 'MANAGED' ? null : {
    examinedOn,
    addicted: stage !== 'NOT_ADDICTED',
    substanceClasses: stage === 'NOT_ADDICTED' ? [] : substances(rng, stage),
    documentNumber: `${String(index + 1).padStart(5, '0')}/KQ-XĐTTN`,
  };
  return {
    id: rng.uuid(),
    identificationNumber: makeIdentificationNumber(province, dob, sex, (index * 7919 + 104729) % 1_000_000),
    fullName: name(rng, sex),
    otherNames: rng.chance(0.2) ? [rng.pick(NICKNAMES)] : [],
    dateOfBirth: dob,
    sex,
    ethnicity: rng.pick(ETHNICITIES),
    phone: `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    permanentResidence: { unitCode: home.code, addressLine: addressIn(rng, home) },
    currentResidence: { unitCode: current.code, addressLine: addressIn(rng, current) },
    stage,
    detectedOn,
    determination,
    substitution: substitutionFor(rng, stage, current, examinedOn, ref),
    rehab,
    postRehab: postRehabFor(rng, stage, rehab),
  };
}

export interface PopulationOptions {
  persons?: number;
  seed?: number;
  referenceDate?: string;
}

export function generateDemoPopulation(options: PopulationOptions = {}): DemoPerson[] {
  const rng = new SeededRandom(options.seed ?? DEMO_SEED);
  const ref = options.referenceDate ?? DEMO_REFERENCE_DATE;
  return Array.from({ length: options.persons ?? DEMO_PERSONS }, (_, i) => onePerson(rng, i, ref));
}

export { FACILITY_UNITS };
