import {
  DEMO_REFERENCE_DATE,
  HANOI_CODE,
  addDays,
  SeededRandom,
  bareUnitName,
  demoUnitOn,
  unitAt,
  unitByCode,
  units,
  type DemoPerson,
} from '@rehab/shared-schema';
import { CapacityLedger } from '../rules/capacity';
import type { RelapseRisk, SupportActivityKind } from '../rules/support';
import {
  DEFAULT_MAX_ACTIVE_ASSIGNMENTS,
  chapterName,
  MASS_ORGANISATION_KINDS,
  MASS_ORGANISATION_KIND_CODES,
  MASS_ORGANISATION_KIND_NAMES,
  type AssignmentReason,
  type MassOrganisationKind,
} from '../rules/organisations';
import { FAMILY_NAMES, FEMALE_GIVEN, FEMALE_MIDDLE, MALE_GIVEN, MALE_MIDDLE, MOBILE_PREFIXES } from './names';

/**
 * The volunteers agency's slice of the demo data, derived only from the population and
 * fixed seeds (never the clock), so the same population always gives the same rows.
 * Volunteers do not depend on the population: their ids are stable whatever its size.
 */
export const VOLUNTEER_SEED = 4004;
export const ASSIGNMENT_SEED = 4005;
export const VOLUNTEERS_PER_COMMUNE = 2;
/** Share of people under post-rehab management given a volunteer (before capacity). */
export const ASSIGNED_SHARE = 0.8;

export interface OrganisationRow {
  code: string;
  name: string;
  kind: MassOrganisationKind;
  unitCode: string;
  maxActiveAssignments: number;
}

export interface VolunteerRow {
  id: string;
  fullName: string;
  phone: string;
  organisationCode: string;
  unitCode: string;
  ownerUnitPath: string;
  username: string | null;
}

export interface ChapterRow {
  id: string;
  organisationCode: string;
  unitCode: string;
  ownerUnitPath: string;
  name: string;
}

export interface TrainingRow {
  volunteerId: string;
  course: string;
  startedOn: string;
  completedOn: string | null;
}

export interface AssignmentRow {
  id: string;
  personId: string;
  volunteerId: string;
  reason: AssignmentReason;
  startedOn: string;
  endedOn: string | null;
  ownerUnitPath: string;
  fullName: string;
  dateOfBirth: string;
  address: string;
  phone: string;
  periodEndsOn: string;
}

export interface ActivityRow {
  id: string;
  assignmentId: string;
  occurredOn: string;
  kind: SupportActivityKind;
  note: string | null;
  relapseRisk: RelapseRisk;
  recordedBy: string;
}

export interface VolunteersSeedPlan {
  organisations: OrganisationRow[];
  chapters: ChapterRow[];
  volunteers: (VolunteerRow & { chapterId: string })[];
  trainings: TrainingRow[];
  assignments: AssignmentRow[];
  activities: ActivityRow[];
}

export const ACTIVITY_SEED = 4006;
const ACTIVITY_KINDS: readonly SupportActivityKind[] = ['VISIT', 'VISIT', 'COUNSELLING', 'FAMILY_SUPPORT', 'JOB_REFERRAL'];

/**
 * A few support activities for each assignment, monthly from its start, until it ended or
 * the demo reference date (never the clock); no HIGH risks (those are reported, not seeded).
 */
export function demoActivities(assignments: readonly AssignmentRow[]): ActivityRow[] {
  const rng = new SeededRandom(ACTIVITY_SEED);
  const out: ActivityRow[] = [];
  for (const a of assignments) {
    const until = a.endedOn ?? DEMO_REFERENCE_DATE;
    const count = rng.int(1, 3);
    for (let i = 1; i <= count; i++) {
      const occurredOn = addDays(a.startedOn, 30 * i - rng.int(0, 10));
      if (occurredOn > until) break;
      out.push({
        id: rng.uuid(),
        assignmentId: a.id,
        occurredOn,
        kind: rng.pick(ACTIVITY_KINDS),
        note: rng.chance(0.5) ? 'Đã gặp, tình hình ổn định' : null,
        relapseRisk: rng.chance(0.2) ? 'LOW' : 'NONE',
        recordedBy: 'seed',
      });
    }
  }
  return out;
}

/**
 * Demo accounts of the gateway (gateway/src/identity/seed.ts) that are volunteers: the
 * first volunteer of the commune is linked to the account through volunteer.username.
 */
export const VOLUNTEER_ACCOUNTS: Readonly<Record<string, string>> = { '00004': 'tnv.phuongbadinh' };

/** The demo provinces: Hà Nội and Lào Cai. */
const DEMO_PROVINCES = [HANOI_CODE, '15'];

const COURSES = [
  'Kỹ năng tư vấn hỗ trợ người sau cai nghiện',
  'Pháp luật về phòng, chống ma túy',
  'Kỹ năng làm việc với gia đình người nghiện',
] as const;

/** One organisation of each kind at the level of each demo province ("Hội Liên hiệp Phụ nữ thành phố Hà Nội"). */
export function demoOrganisations(): OrganisationRow[] {
  return DEMO_PROVINCES.flatMap((province) => {
    const unit = unitAt(province);
    const where = unit ? `${unit.kind === 'CITY' ? 'thành phố' : 'tỉnh'} ${bareUnitName(unit.name)}` : province;
    return MASS_ORGANISATION_KINDS.map((kind) => ({
      code: `${MASS_ORGANISATION_KIND_CODES[kind]}-${province}`,
      name: `${MASS_ORGANISATION_KIND_NAMES[kind]} ${where}`,
      kind,
      unitCode: province,
      maxActiveAssignments: DEFAULT_MAX_ACTIVE_ASSIGNMENTS,
    }));
  });
}

function volunteerName(rng: SeededRandom, female: boolean): string {
  const middle = rng.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE);
  return `${rng.pick(FAMILY_NAMES)} ${middle} ${rng.pick(female ? FEMALE_GIVEN : MALE_GIVEN)}`;
}

/** VOLUNTEERS_PER_COMMUNE volunteers in every commune, each of a different organisation. */
export function demoVolunteers(organisations: readonly OrganisationRow[]): VolunteerRow[] {
  const rng = new SeededRandom(VOLUNTEER_SEED);
  const out: VolunteerRow[] = [];
  for (const commune of DEMO_PROVINCES.flatMap((p) => units().childrenOf(p, undefined, ['COMMUNE']))) {
    const remaining = organisations.filter((o) => o.unitCode === commune.parentCode);
    for (let n = 0; n < VOLUNTEERS_PER_COMMUNE && remaining.length > 0; n++) {
      const organisation = remaining.splice(rng.int(0, remaining.length - 1), 1)[0] as OrganisationRow;
      const female = organisation.kind === 'WOMENS_UNION' || rng.chance(0.4);
      out.push({
        id: rng.uuid(),
        fullName: volunteerName(rng, female),
        phone: `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
        organisationCode: organisation.code,
        unitCode: commune.code,
        ownerUnitPath: commune.path,
        username: n === 0 ? (VOLUNTEER_ACCOUNTS[commune.code] ?? null) : null,
      });
    }
  }
  return out;
}

/** When post-rehab help ended: at completion, at relapse, or not yet (null). */
function endOf(postRehab: NonNullable<DemoPerson['postRehab']>): string | null {
  if (postRehab.completed) return postRehab.endsOn;
  return postRehab.relapsedOn;
}

/**
 * About ASSIGNED_SHARE of the people under post-rehab management get a volunteer of
 * their current-residence commune. An active assignment goes to the least-loaded
 * volunteer with capacity left; when every volunteer of the commune is full the
 * person is skipped. Ended assignments do not use capacity.
 */
export function planAssignments(
  population: readonly DemoPerson[],
  volunteers: readonly VolunteerRow[],
  organisations: readonly OrganisationRow[],
): AssignmentRow[] {
  const rng = new SeededRandom(ASSIGNMENT_SEED);
  const maxByOrganisation = new Map(organisations.map((o) => [o.code, o.maxActiveAssignments]));
  const byCommune = new Map<string, { id: string; maxActiveAssignments: number }[]>();
  for (const v of volunteers) {
    const list = byCommune.get(v.unitCode) ?? [];
    list.push({ id: v.id, maxActiveAssignments: maxByOrganisation.get(v.organisationCode) ?? DEFAULT_MAX_ACTIVE_ASSIGNMENTS });
    byCommune.set(v.unitCode, list);
  }
  const ledger = new CapacityLedger();
  const out: AssignmentRow[] = [];
  for (const person of population) {
    const postRehab = person.postRehab;
    if (!postRehab || !rng.chance(ASSIGNED_SHARE)) continue;
    // Volunteers are those of the commune the person lives in today; the assignment belongs to the commune of its date.
    const candidates = byCommune.get(person.home.unitCode) ?? [];
    const endedOn = endOf(postRehab);
    const volunteer = endedOn === null ? ledger.leastLoaded(candidates) : candidates.length > 0 ? rng.pick(candidates) : null;
    if (!volunteer) continue;
    if (endedOn === null) ledger.take(volunteer);
    out.push({
      id: rng.uuid(),
      personId: person.id,
      volunteerId: volunteer.id,
      reason: 'POST_REHAB_MANAGEMENT',
      startedOn: postRehab.decisionOn,
      endedOn,
      ownerUnitPath: demoUnitOn(person, postRehab.decisionOn).unitPath,
      fullName: person.fullName,
      dateOfBirth: person.dateOfBirth,
      address: person.home.addressLine,
      phone: person.phone,
      periodEndsOn: postRehab.endsOn,
    });
  }
  return out;
}

/** One or two courses per volunteer, from fixed dates (deterministic, never the clock). */
export function demoTrainings(volunteers: readonly VolunteerRow[]): TrainingRow[] {
  const rng = new SeededRandom(VOLUNTEER_SEED + 100);
  const out: TrainingRow[] = [];
  for (const v of volunteers) {
    const count = rng.int(1, 2);
    for (let i = 0; i < count; i++) {
      const startedOn = `202${rng.int(2, 5)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
      out.push({
        volunteerId: v.id,
        course: COURSES[(i + rng.int(0, 2)) % COURSES.length] as string,
        startedOn,
        completedOn: addDays(startedOn, 5),
      });
    }
  }
  return out;
}

/** Fixed seed of the chapters' ids (a stream of its own, so the volunteers keep theirs). */
export const CHAPTER_SEED = 4007;

/** The chapter of each organisation in each commune where it has a volunteer. */
export function demoChapters(organisations: readonly OrganisationRow[], volunteers: readonly VolunteerRow[]): ChapterRow[] {
  const rng = new SeededRandom(CHAPTER_SEED);
  const kindOf = new Map(organisations.map((o) => [o.code, o.kind]));
  const seen = new Map<string, ChapterRow>();
  for (const v of volunteers) {
    const key = `${v.organisationCode}|${v.unitCode}`;
    if (seen.has(key)) continue;
    const kind = kindOf.get(v.organisationCode) as MassOrganisationKind;
    seen.set(key, {
      id: rng.uuid(),
      organisationCode: v.organisationCode,
      unitCode: v.unitCode,
      ownerUnitPath: v.ownerUnitPath,
      name: chapterName(kind, unitByCode(v.unitCode)?.name ?? v.unitCode),
    });
  }
  return [...seen.values()];
}

export function planVolunteersSeed(population: readonly DemoPerson[]): VolunteersSeedPlan {
  const organisations = demoOrganisations();
  const members = demoVolunteers(organisations);
  const chapters = demoChapters(organisations, members);
  const chapterOf = new Map(chapters.map((c) => [`${c.organisationCode}|${c.unitCode}`, c.id]));
  const volunteers = members.map((v) => ({ ...v, chapterId: chapterOf.get(`${v.organisationCode}|${v.unitCode}`) as string }));
  const assignments = planAssignments(population, volunteers, organisations);
  return {
    organisations,
    chapters,
    volunteers,
    trainings: demoTrainings(volunteers),
    assignments,
    activities: demoActivities(assignments),
  };
}
