import { createHash } from 'node:crypto';
import {
  REFORM_DATE,
  SeededRandom,
  addDays,
  demoUnitOn,
  durationAt,
  DEMO_REFERENCE_DATE,
  type DemoPerson,
  type SubstanceClass,
} from '@rehab/shared-schema';
import { managementPeriodEnd } from './rules/drug-user-management';
import type { RuleDuration } from './rules/legal-time';
import { moveDeadline } from './rules/law-120';

/** Fixed seed of the police slice's own facts (ids, methods, check-ins), so every seed is the same. */
export const POLICE_CASES_SEED = 1763800001;

export const MANAGEMENT_COLUMNS = [
  'id',
  'person_id',
  'status',
  'detected_on',
  'detection_method',
  'substances',
  'test_result',
  'detected_by',
  'decision_number',
  'decision_date',
  'period_ends_on',
  'ended_on',
  'end_reason',
  'superseded_on',
  'owner_unit_path',
];
export const CHECK_IN_COLUMNS = ['id', 'management_id', 'person_id', 'checked_in_on', 'note', 'recorded_by', 'owner_unit_path'];
export const TRANSFER_COLUMNS = [
  'id',
  'person_id',
  'from_unit_code',
  'from_unit_path',
  'to_unit_code',
  'to_unit_path',
  'address_line',
  'moved_on',
  'sent_at',
  'due_at',
  'sent_by',
  'acknowledged_at',
  'acknowledged_by',
  'presentation_due_at',
  'presented_at',
  'presentation_recorded_by',
];
export const SEARCH_COLUMNS = [
  'id',
  'person_id',
  'episode_id',
  'facility_code',
  'reason',
  'since',
  'status',
  'opened_at',
  'found_on',
  'found_note',
  'found_by',
  'returned_on',
  'owner_unit_path',
];
export const COMPLETION_COLUMNS = [
  'id',
  'person_id',
  'episode_id',
  'facility_code',
  'completed_on',
  'certificate_number',
  'received_at',
  'acknowledged_at',
  'acknowledged_by',
  'owner_unit_path',
];

export interface CaseRows {
  managements: unknown[][];
  checkIns: unknown[][];
  transfers: unknown[][];
  searches: unknown[][];
  completions: unknown[][];
}

/**
 * The id labour-welfare's seed gives a person's n-th demo rehab episode (a name-based
 * UUID of the person id), so searches and completion notices name the same episode.
 */
export function demoEpisodeId(personId: string, ordinal = 0): string {
  const hex = createHash('sha1').update(`rehab-episode:${personId}:${ordinal}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A version-4-shaped UUID from four draws of the generator (the seed writes hundreds of thousands). */
function uuidOf(rng: SeededRandom): string {
  const hex = [0, 1, 2, 3]
    .map(() =>
      Math.floor(rng.next() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, '0'),
    )
    .join('')
    .split('');
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const SUBSTANCE_VI: Record<SubstanceClass, string> = {
  OPIOIDS: 'Morphin (nhóm thuốc phiện)',
  STIMULANTS: 'Methamphetamine',
  CANNABIS: 'THC (cần sa)',
  OTHER: 'Ketamine',
};
const CHECK_IN_NOTES = [
  'Trình diện đúng hẹn',
  'Trình diện, test nhanh âm tính',
  'Trình diện muộn 2 ngày, đã nhắc nhở',
  'Trình diện cùng gia đình',
];
const at = (date: string, hour: number): Date => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
const later = (a: string, b: string): string => (a > b ? a : b);
const earlier = (a: string, b: string): string => (a < b ? a : b);
/** The seeded officer of a commune (a label in the records, not an account). */
const officerOf = (communeCode: string): string => `congan.xa${communeCode}`;

function management(rng: SeededRandom, p: DemoPerson, n: number, ref: string, rows: CaseRows): void {
  const rule = durationAt('DRUG_USER_MANAGEMENT_PERIOD', p.detectedOn);
  // Detections before the rules table's first rule predate the registry's cases.
  if (!rule) return;
  const found = p.determination?.substanceClasses ?? [];
  const substances: SubstanceClass[] =
    found.length > 0 ? found : [rng.pick<SubstanceClass>(['STIMULANTS', 'OPIOIDS', 'CANNABIS'])];
  const method = rng.chance(0.75) ? 'TEST_POSITIVE' : 'CAUGHT_USING';
  const testResult = method === 'TEST_POSITIVE' ? `Dương tính với ${SUBSTANCE_VI[substances[0] as SubstanceClass]}` : null;
  const decisionDate = addDays(p.detectedOn, rng.int(5, 20));
  const decided = decisionDate <= ref;
  const periodEndsOn = decided ? managementPeriodEnd(decisionDate, rule) : null;
  const admission = p.rehab?.admittedOn ?? null;
  let status = decided ? 'ACTIVE' : 'PENDING_DECISION';
  let endedOn: string | null = null;
  let supersededOn: string | null = null;
  if (admission !== null && admission >= p.detectedOn) {
    status = 'SUPERSEDED_BY_REHAB';
    supersededOn = admission;
  } else if (periodEndsOn !== null && periodEndsOn <= ref) {
    status = 'ENDED';
    endedOn = periodEndsOn;
  }
  const id = uuidOf(rng);
  // The management belongs to the commune of its detection, before or after the reform.
  const unit = demoUnitOn(p, p.detectedOn);
  const commune = unit.unitCode;
  const owner = unit.unitPath;
  const decisionKept = decided && (supersededOn === null || decisionDate < supersededOn);
  rows.managements.push([
    id,
    p.id,
    status,
    p.detectedOn,
    method,
    substances,
    testResult,
    officerOf(commune),
    decisionKept ? `${n + 1}/QĐ-UBND` : null,
    decisionKept ? decisionDate : null,
    decisionKept ? periodEndsOn : null,
    endedOn,
    endedOn ? 'PERIOD_COMPLETED' : null,
    supersededOn,
    owner,
  ]);
  if (!decisionKept || periodEndsOn === null) return;
  // Roughly quarterly check-ins while the management ran.
  const last = earlier(earlier(periodEndsOn, ref), supersededOn ?? ref);
  for (let day = addDays(decisionDate, rng.int(20, 40)); day <= last; day = addDays(day, rng.int(75, 100))) {
    rows.checkIns.push([uuidOf(rng), id, p.id, day, rng.pick(CHECK_IN_NOTES), officerOf(commune), owner]);
  }
}

/** A move from the permanent residence to where the person lives now, since the reform (between today's communes). */
function transfer(rng: SeededRandom, p: DemoPerson, ref: string, rows: CaseRows): void {
  const from = p.permanentResidence;
  const to = p.home;
  if (from.unitPath === to.unitPath) return;
  const movedOn = later(later(addDays(ref, -rng.int(10, 480)), addDays(p.dateOfBirth, 365 * 14)), REFORM_DATE);
  const sentAt = at(movedOn, 2 + rng.int(0, 6));
  const dueAt = moveDeadline(movedOn, ruleDuration('RESIDENCE_CHANGE_NOTICE', movedOn));
  const presentationDueAt = moveDeadline(movedOn, ruleDuration('MOVE_PRESENTATION_DEADLINE', movedOn));
  const acknowledged = rng.chance(0.85);
  const acknowledgedAt = acknowledged ? new Date(sentAt.getTime() + rng.int(1, 30) * 3_600_000) : null;
  // Under Law 120 the receiving commune records the presentation when it takes the file in.
  const presentedAt = presentationDueAt && acknowledgedAt ? acknowledgedAt : null;
  rows.transfers.push([
    uuidOf(rng),
    p.id,
    from.unitCode,
    from.unitPath,
    to.unitCode,
    to.unitPath,
    to.addressLine,
    movedOn,
    sentAt,
    dueAt,
    officerOf(from.unitCode),
    acknowledgedAt,
    acknowledged ? officerOf(to.unitCode) : null,
    presentationDueAt,
    presentedAt,
    presentedAt ? officerOf(to.unitCode) : null,
  ]);
}

function ruleDuration(code: 'RESIDENCE_CHANGE_NOTICE' | 'MOVE_PRESENTATION_DEADLINE', on: string): RuleDuration | null {
  const rule = durationAt(code, on);
  return rule ? { value: rule.value, unit: rule.unit } : null;
}

function searches(rng: SeededRandom, p: DemoPerson, ref: string, rows: CaseRows): void {
  const rehab = p.rehab;
  if (!rehab?.facilityCode) return;
  const episode = demoEpisodeId(p.id);
  if (rehab.status === 'ABSCONDED') {
    const since = earlier(addDays(rehab.admittedOn, rng.int(30, 150)), addDays(ref, -3));
    const { unitCode: commune, unitPath: owner } = demoUnitOn(p, since);
    const reason = rng.chance(0.7) ? 'ESCAPED' : 'LEAVE_OVERDUE';
    const found = rng.chance(0.3);
    const foundOn = found ? earlier(addDays(since, rng.int(2, 20)), ref) : null;
    rows.searches.push([
      uuidOf(rng),
      p.id,
      episode,
      rehab.facilityCode,
      reason,
      since,
      found ? 'FOUND' : 'OPEN',
      at(since, 3),
      foundOn,
      found ? 'Phát hiện tại nhà người thân, đang phối hợp đưa trở lại cơ sở' : null,
      found ? officerOf(commune) : null,
      null,
      owner,
    ]);
    return;
  }
  if ((rehab.status === 'ADMITTED' || rehab.status === 'COMPLETED') && rng.chance(0.1)) {
    const end = rehab.endedOn ?? ref;
    const since = addDays(rehab.admittedOn, rng.int(15, 60));
    const foundOn = addDays(since, rng.int(1, 10));
    const returnedOn = addDays(foundOn, rng.int(0, 3));
    if (returnedOn >= end) return;
    const { unitCode: commune, unitPath: owner } = demoUnitOn(p, since);
    rows.searches.push([
      uuidOf(rng),
      p.id,
      episode,
      rehab.facilityCode,
      rng.chance(0.6) ? 'ESCAPED' : 'LEAVE_OVERDUE',
      since,
      'CLOSED',
      at(since, 3),
      foundOn,
      'Đã tìm thấy và bàn giao cho cơ sở',
      officerOf(commune),
      returnedOn,
      owner,
    ]);
  }
}

function completion(rng: SeededRandom, p: DemoPerson, n: number, ref: string, rows: CaseRows): void {
  const rehab = p.rehab;
  if (rehab?.status !== 'COMPLETED' || !rehab.endedOn) return;
  const { unitCode: commune, unitPath: owner } = demoUnitOn(p, rehab.endedOn);
  const receivedAt = at(addDays(rehab.endedOn, 1), 3);
  const acknowledged = rehab.endedOn < addDays(ref, -14);
  const acknowledgedAt = acknowledged ? new Date(receivedAt.getTime() + rng.int(1, 5) * 86_400_000) : null;
  rows.completions.push([
    uuidOf(rng),
    p.id,
    demoEpisodeId(p.id),
    rehab.facilityCode,
    rehab.endedOn,
    `${n + 1}/GCN-${rehab.facilityCode ?? 'CĐ'}`,
    receivedAt,
    acknowledgedAt,
    acknowledged ? officerOf(commune) : null,
    owner,
  ]);
}

/** Each demo person's police facts along the path, derived from the population (no clock). */
export function caseRows(population: readonly DemoPerson[], ref: string = DEMO_REFERENCE_DATE): CaseRows {
  const rng = new SeededRandom(POLICE_CASES_SEED);
  const rows: CaseRows = { managements: [], checkIns: [], transfers: [], searches: [], completions: [] };
  population.forEach((p, n) => {
    management(rng, p, n, ref, rows);
    transfer(rng, p, ref, rows);
    searches(rng, p, ref, rows);
    completion(rng, p, n, ref, rows);
  });
  return rows;
}
