import { HANOI_CODE, REFORM_DATE, bareUnitName, units, type AdministrativeUnitRecord } from '../reference/units';
import { makeIdentificationNumber, PROVINCE_CODES, type Sex } from '../identification';
import { SeededRandom } from './random';
import { addDays, addMonths } from '../dates';
import {
  ETHNICITIES,
  FAMILY_NAMES,
  FEMALE_GIVEN,
  FEMALE_MIDDLE,
  HAMLETS,
  MALE_GIVEN,
  MALE_MIDDLE,
  NICKNAMES,
  STREETS,
} from './names';

/**
 * A deterministic demo population spread over every stage of the path (docs/domain.md),
 * living in Hà Nội (nine in ten) and Lào Cai, the second, smaller demo province.
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

const STAGE_WEIGHTS: readonly (readonly [PathStage, number])[] = [
  ['MANAGED', 20],
  ['NOT_ADDICTED', 4],
  ['VOLUNTARY_COMMUNITY', 10],
  ['VOLUNTARY_FACILITY', 8],
  ['SUBSTITUTION', 18],
  ['COMPULSORY_IN_FACILITY', 15],
  ['POST_REHAB', 15],
  ['POST_REHAB_COMPLETED', 7],
  ['RELAPSED', 3],
];

export type SubstanceClass = 'OPIOIDS' | 'STIMULANTS' | 'CANNABIS' | 'OTHER';
export type RehabKind = 'COMPULSORY' | 'VOLUNTARY_FACILITY' | 'VOLUNTARY_COMMUNITY';
export type RehabStatus = 'ADMITTED' | 'ON_LEAVE' | 'ABSCONDED' | 'COMPLETED' | 'TERMINATED';
export type TreatmentPhase = 'INDUCTION' | 'DOSE_ADJUSTMENT' | 'MAINTENANCE' | 'TAPERING' | 'STOPPED';

export interface DemoResidence {
  unitCode: string;
  /** The unit version's path: the code alone is ambiguous across the 2025 reform. */
  unitPath: string;
  addressLine: string;
}

/**
 * The person's commune before the reform was split between several new ones; the province
 * assigned the person's records to their new commune (through the reassignment worklist).
 */
export interface DemoUnitAssignment {
  fromPath: string;
  toCode: string;
  toPath: string;
  assignedOn: string;
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
  /** The phases up to the current one, each with the day it started (oldest first). */
  phases: DemoPhaseChange[];
}

export interface DemoPhaseChange {
  phase: TreatmentPhase;
  since: string;
}

/** Days after enrolment at which the demo moves a patient to dose adjustment and to maintenance. */
export const DEMO_DOSE_ADJUSTMENT_DAY = 14;
export const DEMO_MAINTENANCE_DAY = 60;

/**
 * The demo's phase history of an enrolment whose current phase is `phase` on `ref`: induction
 * from enrolment, dose adjustment from day 14, maintenance from day 60, and tapering (when
 * current) from halfway between day 60 and `ref`. No random draws: the population is unchanged.
 */
export function demoPhaseHistory(enrolledOn: string, phase: TreatmentPhase, ref: string): DemoPhaseChange[] {
  const order: TreatmentPhase[] = ['INDUCTION', 'DOSE_ADJUSTMENT', 'MAINTENANCE', 'TAPERING'];
  const maintenanceOn = addDays(enrolledOn, DEMO_MAINTENANCE_DAY);
  const days = Math.max(0, Math.round((Date.parse(ref) - Date.parse(maintenanceOn)) / 86_400_000));
  const starts: Record<string, string> = {
    INDUCTION: enrolledOn,
    DOSE_ADJUSTMENT: addDays(enrolledOn, DEMO_DOSE_ADJUSTMENT_DAY),
    MAINTENANCE: maintenanceOn,
    TAPERING: addDays(maintenanceOn, Math.floor(days / 2)),
  };
  const last = order.indexOf(phase);
  return order.slice(0, last + 1).map((p) => ({ phase: p, since: starts[p] as string }));
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
  /** The registry's residence: the unit it was recorded in (a pre-reform commune for people recorded before July 2025). */
  currentResidence: DemoResidence;
  /** Where the person lives in today's units (a commune of the two-tier tree). */
  home: DemoResidence;
  /** The pre-reform commune of the same place (one of home's predecessors). */
  formerUnit: DemoResidence;
  /** Set when formerUnit was split and the province has assigned the person to home; null otherwise. */
  unitAssignment: DemoUnitAssignment | null;
  stage: PathStage;
  detectedOn: string;
  determination: DemoDetermination | null;
  substitution: DemoSubstitution | null;
  rehab: DemoRehab | null;
  postRehab: DemoPostRehab | null;
}

/** Nine in ten demo people live in Hà Nội, the rest in Lào Cai (the second demo province). */
const LAO_CAI_CODE = '15';
const FACILITIES: Readonly<Record<string, { compulsory: string[]; voluntary: string[] }>> = {
  [HANOI_CODE]: {
    compulsory: ['CSCN1', 'CSCN2', 'CSCN3', 'CSCN4', 'CSCN6', 'CSCN7'],
    voluntary: ['CSCN2', 'CSCN5', 'CSCN6', 'CSCN7'],
  },
  [LAO_CAI_CODE]: { compulsory: ['CSCNLC'], voluntary: ['CSCNLC'] },
};
/** Identification numbers carry the 3-digit province of birth registration (pre-reform codes). */
const BIRTH_PROVINCE: Readonly<Record<string, string>> = { [HANOI_CODE]: '001', [LAO_CAI_CODE]: '010' };

interface Place {
  province: string;
  home: AdministrativeUnitRecord;
  former: AdministrativeUnitRecord;
  split: boolean;
}

let places: Place[] | undefined;

/** Every commune of the two demo provinces today, each with a pre-reform commune it took in (when one is known). */
function demoPlaces(): Place[] {
  if (places) return places;
  const tree = units();
  places = [HANOI_CODE, LAO_CAI_CODE].flatMap((province) =>
    tree.childrenOf(province, REFORM_DATE, ['COMMUNE']).flatMap((home) => {
      const links = tree.predecessors(home).filter((l) => l.predecessor.level === 'COMMUNE');
      return links.map((l) => ({ province, home, former: l.predecessor, split: !l.whole }));
    }),
  );
  return places;
}

function pickPlace(rng: SeededRandom, index: number): Place {
  const all = demoPlaces();
  const province = index % 10 === 9 ? LAO_CAI_CODE : HANOI_CODE;
  const inProvince = all.filter((p) => p.province === province);
  // Hà Nội: every commune gets people (the n-th Hà Nội person goes to the n-th commune, round after round).
  const homes = [...new Set(inProvince.map((p) => p.home))];
  const nthInHanoi = index - Math.floor((index + 1) / 10);
  const home = province === HANOI_CODE ? (homes[nthInHanoi % homes.length] as AdministrativeUnitRecord) : rng.pick(homes);
  return rng.pick(inProvince.filter((p) => p.home === home));
}

const residence = (unit: AdministrativeUnitRecord, addressLine: string): DemoResidence => ({
  unitCode: unit.code,
  unitPath: unit.path,
  addressLine,
});

/** The unit a record about the person made on `date` belongs to: the old commune before the reform, the new one after. */
export function demoUnitOn(person: Pick<DemoPerson, 'home' | 'formerUnit'>, date: string): DemoResidence {
  return date < REFORM_DATE ? person.formerUnit : person.home;
}

/** The facilities and clinics of the person's province. */
export function demoProvinceOf(person: Pick<DemoPerson, 'home'>): string {
  return person.home.unitPath.split('.')[0] as string;
}

function pickStage(rng: SeededRandom): PathStage {
  const total = STAGE_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [stage, weight] of STAGE_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return stage;
  }
  return 'MANAGED';
}

/**
 * The address line within the commune. A neighbourhood (tổ dân phố, thôn) often keeps the
 * name of the new commune, which is what the reassignment worklist suggests from.
 */
function addressIn(rng: SeededRandom, commune: AdministrativeUnitRecord, neighbourhood: AdministrativeUnitRecord): string {
  const area = bareUnitName(neighbourhood.name);
  if (commune.kind === 'WARD')
    return `Số ${rng.int(1, 180)} ngõ ${rng.int(1, 400)} phố ${rng.pick(STREETS)}, tổ dân phố ${area} ${rng.int(1, 30)}`;
  return `Số nhà ${rng.int(1, 90)}, ${rng.pick(HAMLETS)} ${area}`;
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

function rehabFor(rng: SeededRandom, stage: PathStage, ref: string, province: string): DemoRehab | null {
  const facilities = FACILITIES[province] as { compulsory: string[]; voluntary: string[] };
  const inFacility = stage === 'COMPULSORY_IN_FACILITY' || stage === 'VOLUNTARY_FACILITY' || stage === 'VOLUNTARY_COMMUNITY';
  const completed = stage === 'POST_REHAB' || stage === 'POST_REHAB_COMPLETED' || stage === 'RELAPSED';
  if (!inFacility && !completed) return null;
  const kind: RehabKind =
    stage === 'COMPULSORY_IN_FACILITY'
      ? 'COMPULSORY'
      : stage === 'VOLUNTARY_FACILITY'
        ? 'VOLUNTARY_FACILITY'
        : stage === 'VOLUNTARY_COMMUNITY'
          ? 'VOLUNTARY_COMMUNITY'
          : rng.pick<RehabKind>(['COMPULSORY', 'COMPULSORY', 'COMPULSORY', 'VOLUNTARY_FACILITY', 'VOLUNTARY_COMMUNITY']);
  const termMonths = kind === 'COMPULSORY' ? rng.pick([12, 18, 24]) : rng.pick([6, 9, 12]);
  const facilityCode =
    kind === 'VOLUNTARY_COMMUNITY' ? null : rng.pick(kind === 'COMPULSORY' ? facilities.compulsory : facilities.voluntary);
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

const CLINICS: Readonly<Record<string, string[]>> = {
  [HANOI_CODE]: [
    'MMT001',
    'MMT002',
    'MMT004',
    'MMT006',
    'MMT007',
    'MMT008',
    'MMT009',
    'MMT016',
    'MMT017',
    'MMT018',
    'MMT020',
    'MMT268',
    'MMT269',
    'MMT271',
    'MMT277',
  ],
  [LAO_CAI_CODE]: ['MMTLC1', 'MMTYB1'],
};

/** The clinic nearest the person: the one named after the old district (Hà Nội) or the old province (Lào Cai), else any. */
function clinicFor(rng: SeededRandom, place: Place): string {
  const clinics = CLINICS[place.province] as string[];
  const district = place.former.parentCode ?? '';
  const local = place.province === HANOI_CODE ? `MMT${district}` : place.former.path.startsWith('10.') ? 'MMTLC1' : 'MMTYB1';
  return clinics.includes(local) ? local : rng.pick(clinics);
}

function substitutionFor(
  rng: SeededRandom,
  stage: PathStage,
  place: Place,
  examinedOn: string,
  ref: string,
): DemoSubstitution | null {
  if (stage !== 'SUBSTITUTION') return null;
  const enrolledOn = addDays(examinedOn, rng.int(2, 5));
  const days = (Date.parse(ref) - Date.parse(enrolledOn)) / 86_400_000;
  const phase: TreatmentPhase =
    days < DEMO_DOSE_ADJUSTMENT_DAY
      ? 'INDUCTION'
      : days < DEMO_MAINTENANCE_DAY
        ? 'DOSE_ADJUSTMENT'
        : rng.chance(0.1)
          ? 'TAPERING'
          : 'MAINTENANCE';
  return {
    clinicCode: clinicFor(rng, place),
    enrolledOn,
    phase,
    medication: rng.chance(0.95) ? 'METHADONE' : 'BUPRENORPHINE',
    phases: demoPhaseHistory(enrolledOn, phase, ref),
  };
}

function dateOfBirth(rng: SeededRandom, ref: string, adultOnly: boolean): string {
  const age = adultOnly || rng.chance(0.97) ? rng.int(18, 58) : rng.int(14, 17);
  return addDays(`${Number(ref.slice(0, 4)) - age}-01-01`, rng.int(0, 364));
}

/** Who lives where, in which unit the registry holds them, and whether the province has assigned a split commune's record. */
function placesFor(rng: SeededRandom, index: number, detectedOn: string) {
  const place = pickPlace(rng, index);
  const home = residence(place.home, addressIn(rng, place.home, place.home));
  const formerUnit = residence(place.former, home.addressLine);
  const moved = rng.chance(0.15) ? pickPlace(rng, index + 1) : place;
  const permanentResidence = residence(moved.home, addressIn(rng, moved.home, moved.home));
  if (detectedOn >= REFORM_DATE)
    return { place, home, formerUnit, permanentResidence, currentResidence: home, unitAssignment: null };
  // Recorded before the reform: the registry keeps the old commune. A split commune's people are assigned
  // to their new commune by the province; about one in seven still waits in the worklist.
  const assigned = place.split && rng.chance(0.85);
  const unitAssignment: DemoUnitAssignment | null = assigned
    ? {
        fromPath: place.former.path,
        toCode: place.home.code,
        toPath: place.home.path,
        assignedOn: addDays(REFORM_DATE, rng.int(10, 300)),
      }
    : null;
  return { place, home, formerUnit, permanentResidence, currentResidence: assigned ? home : formerUnit, unitAssignment };
}

function onePerson(rng: SeededRandom, index: number, ref: string): DemoPerson {
  const stage = pickStage(rng);
  const sex: Sex = rng.chance(0.92) ? 'MALE' : 'FEMALE';
  const dob = dateOfBirth(rng, ref, stage !== 'COMPULSORY_IN_FACILITY');
  const provinceOfPlace = index % 10 === 9 ? LAO_CAI_CODE : HANOI_CODE;
  const birthProvince = rng.chance(0.8) ? (BIRTH_PROVINCE[provinceOfPlace] as string) : rng.pick(PROVINCE_CODES);
  const rehab = rehabFor(rng, stage, ref, provinceOfPlace);
  const examinedOn = rehab ? addDays(rehab.admittedOn, -rng.int(20, 90)) : addDays(ref, -rng.int(15, 900));
  const detectedOn = addDays(examinedOn, -rng.int(7, 40));
  const where = placesFor(rng, index, detectedOn);
  const determination: DemoDetermination | null =
    stage === 'MANAGED'
      ? null
      : {
          examinedOn,
          addicted: stage !== 'NOT_ADDICTED',
          substanceClasses: stage === 'NOT_ADDICTED' ? [] : substances(rng, stage),
          documentNumber: `${String(index + 1).padStart(5, '0')}/KQ-XĐTTN`,
        };
  return {
    id: rng.uuid(),
    identificationNumber: makeIdentificationNumber(birthProvince, dob, sex, (index * 7919 + 104729) % 1_000_000),
    fullName: name(rng, sex),
    otherNames: rng.chance(0.2) ? [rng.pick(NICKNAMES)] : [],
    dateOfBirth: dob,
    sex,
    ethnicity: rng.pick(ETHNICITIES),
    phone: `09${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    permanentResidence: where.permanentResidence,
    currentResidence: where.currentResidence,
    home: where.home,
    formerUnit: where.formerUnit,
    unitAssignment: where.unitAssignment,
    stage,
    detectedOn,
    determination,
    substitution: substitutionFor(rng, stage, where.place, examinedOn, ref),
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
