import { demoCommunityPlan } from './seed-community-plans';
import { demoExtraction } from './seed-extractions';
import { demoAreaOf } from './seed-areas';
import { nameUuid } from './seed-ids';
import {
  DEMO_REFERENCE_DATE,
  REFORM_DATE,
  SeededRandom,
  bareUnitName,
  demoProvinceOf,
  demoUnitOn,
  durationAt,
  unitAt,
  units,
  type AdministrativeUnitRecord,
  type DemoPerson,
  type DemoRehab,
} from '@rehab/shared-schema';
import type { DossierGround } from './entities/CompulsoryRehabDossier';
import { addDays, addMonths, daysBetween } from '@rehab/shared-schema';
import type { RehabPhase } from './rules/episode';

/**
 * Each demo person's labour-welfare facts along the legal path, derived from the demo
 * population and a fixed seed (no clock): the episode's details (term, phase, leave,
 * escape, certificate, provider), the court dossier behind every compulsory episode,
 * pending dossiers of people who used during substitution treatment or relapsed,
 * post-rehab cases and reintegration support. Their history starts with one IMPORT
 * event each, written by SQL after the rows (seedLaborWelfare).
 */
export const LEGAL_PATH_SEED = 1763800002100;

export const PROVIDER_COLUMNS = [
  'id',
  'name',
  'unit_code',
  'owner_unit_path',
  'registration_number',
  'registered_on',
  'address',
  'published_on',
  'conditions_met',
];
/** The provincial police register a provider once it meets every condition (Decree 184/2025). */
const ALL_CONDITIONS = ['PREMISES', 'MEDICAL_STAFF', 'COUNSELLING_STAFF', 'OPERATING_RULES'];
export const EPISODE_COLUMNS = [
  'id',
  'person_id',
  'dossier_id',
  'kind',
  'status',
  'facility_code',
  'residence_unit_code',
  'facility_owner_path',
  'residence_owner_path',
  'admitted_on',
  'planned_end_on',
  'ended_on',
  'term_months',
  'days_held',
  'phase',
  'phase_since',
  'leave_reason',
  'leave_note',
  'leave_started_on',
  'leave_due_on',
  'absconded_reason',
  'absconded_since',
  'certificate_number',
  'termination_reason',
  'service_provider_id',
  'community_setting',
  'area_id',
];
export const DOSSIER_COLUMNS = [
  'id',
  'person_id',
  'status',
  'ground',
  'ground_note',
  'started_on',
  'residence_unit_code',
  'owner_unit_path',
  'subject_full_name',
  'subject_date_of_birth',
  'is_repeat',
  'prior_decision_ref',
  'addiction_determination_ref',
  'post_rehab_case_id',
  'submitted_on',
  'correction_reason',
  'forwarded_on',
  'decision_outcome',
  'decision_number',
  'decided_on',
  'term_months',
  'decision_reason',
  'facility_code',
  'facility_owner_path',
  'interim_measure',
  'interim_facility_code',
  'interim_facility_path',
  'interim_since',
  'days_held_closed',
  'escorted_on',
  'admitted_on',
  'episode_id',
  'court_unit_code',
  'court_unit_path',
  'front_opinion',
  'front_opinion_reasoning',
  'front_opinion_on',
  'front_opinion_unit_code',
];
export const POST_REHAB_COLUMNS = [
  'id',
  'person_id',
  'episode_id',
  'status',
  'residence_unit_code',
  'owner_unit_path',
  'opened_on',
  'decision_number',
  'decision_on',
  'period_months',
  'ends_on',
  'supporter_ids',
  'relapsed_on',
  'relapse_note',
  'completed_on',
  'certificate_number',
];
export const SUPPORT_COLUMNS = [
  'id',
  'person_id',
  'kind',
  'provider',
  'started_on',
  'amount_vnd',
  'outcome',
  'outcome_on',
  'outcome_note',
  'residence_unit_code',
  'owner_unit_path',
  'post_rehab_case_id',
];

export const DRUG_USE_COLUMNS = ['id', 'case_id', 'used_on', 'evidence', 'note', 'recorded_by'];

export interface LegalPathRows {
  providers: unknown[][];
  /** Drug uses recorded on post-rehab cases (not relapses into addiction). */
  drugUses: unknown[][];
  /** Individual plans of rehabs at home/community (after the episodes: foreign key). */
  communityPlans: unknown[][];
  /** Extractions of residents (after the episodes: foreign key). */
  extractions: unknown[][];
  /** Episodes admitted from a dossier, inserted after the dossiers (foreign key). */
  episodes: unknown[][];
  dossiers: unknown[][];
  postRehab: unknown[][];
  supports: unknown[][];
}

export { nameUuid } from './seed-ids';

/** The id of a person's n-th demo rehab episode (police's seed names the same ids). */
export const demoEpisodeId = (personId: string, ordinal = 0): string => nameUuid(`rehab-episode:${personId}:${ordinal}`);
export const demoDossierId = (personId: string, ordinal = 0): string => nameUuid(`dossier:${personId}:${ordinal}`);
export const demoPostRehabId = (personId: string): string => nameUuid(`post-rehab:${personId}`);
export const demoProviderId = (unitCode: string): string => nameUuid(`service-provider:${unitCode}`);

/** The unit (facility, court…) with `code` as it was on `on`. */
function unitOn(code: string, on: string): AdministrativeUnitRecord {
  const unit = unitAt(code, on);
  if (!unit) throw new Error(`No unit ${code} on ${on}`);
  return unit;
}

const later = (a: string, b: string): string => (a > b ? a : b);
const earlier = (a: string, b: string): string => (a < b ? a : b);

/** The Front committees' review is in this system from 1 January 2022 (the responsibilities table). */
const FRONT_REVIEW_FROM = '2022-01-01';

/**
 * The commune Front committee's opinion on a demo dossier sent to the court: drawn from the
 * person id, not from the generator, so the rest of the demo data stays as it was. Half the
 * dossiers still awaiting the court have none yet (the committee's worklist); most decided
 * ones have one, given a few days after the dossier was sent and not after the decision.
 */
function frontOpinionOfDemo(
  personId: string,
  communeCode: string,
  forwardedOn: string | null,
  decidedOn: string | null,
  ref: string,
): [string | null, string | null, string | null, string | null] {
  const key = parseInt(personId.slice(-1), 16);
  const given = decidedOn ? key < 12 : key < 8;
  if (!forwardedOn || forwardedOn < FRONT_REVIEW_FROM || !given) return [null, null, null, null];
  const givenOn = earlier(addDays(forwardedOn, 1 + (key % 4)), earlier(decidedOn ?? ref, ref));
  return key < 2
    ? ['DISAGREE', 'Gia đình cam kết quản lý; người này đã đăng ký điều trị methadone', givenOn, communeCode]
    : ['AGREE', key % 3 === 0 ? 'Đã xác minh tại khu dân cư, đủ căn cứ' : null, givenOn, communeCode];
}
/** Demo provinces: Hà Nội, and Lào Cai (old Lào Cai and Yên Bái before the reform). */
const DEMO_PROVINCES = ['01', '15'];
const DEMO_PROVINCES_BEFORE = ['01', '10', '15'];
const PROVIDERS_REGISTERED_ON = '2020-01-02';
/** Providers of community rehab registered again by the provincial police after the reform (Decree 184/2025). */
const PROVINCE_PROVIDERS_REGISTERED_ON = '2025-07-15';
const COMPULSORY_FACILITIES: Readonly<Record<string, string[]>> = {
  '01': ['CSCN1', 'CSCN2', 'CSCN3', 'CSCN4', 'CSCN6', 'CSCN7'],
  '15': ['CSCNLC'],
};
const REGIONAL_COURTS: Readonly<Record<string, string[]>> = { '01': ['TAKV-HN01', 'TAKV-HN02'], '15': ['TAKV-LC01'] };
/** From 1 March 2025 a dossier goes from the commune police straight to the court (no district labour review). */
const NO_REVIEW_FROM = '2025-03-01';

/** The provider of community rehab serving the person's unit on `on`: the old district's, or the province's after the reform. */
function providerFor(p: DemoPerson, on: string): string {
  return on < REFORM_DATE ? demoProviderId(p.formerUnit.unitPath.split('.')[1] ?? '') : demoProviderId(demoProvinceOf(p));
}

/**
 * Where a demo community rehab takes place: about one in four at a commune's community rehab
 * house, the rest at home with the family (most community rehab is at home). Drawn from the
 * episode id, not the random stream, so the other demo rows stay as they were.
 */
function communitySettingFor(episodeId: string): 'REHAB_HOUSE' | 'HOME' {
  return parseInt(episodeId.slice(-1), 16) < 4 ? 'REHAB_HOUSE' : 'HOME';
}

/** The regional court a dossier decided from 1 July 2025 went to (null before: the district court). */
function courtFor(rng: SeededRandom, p: DemoPerson, decidedOn: string | null): [string | null, string | null] {
  if (decidedOn === null || decidedOn < REFORM_DATE) return [null, null];
  const court = unitOn(rng.pick(REGIONAL_COURTS[demoProvinceOf(p)] as string[]), decidedOn);
  return [court.code, court.path];
}

/** Months from `from` to `to` when `to` is whole months later. */
function wholeMonths(from: string, to: string): number | null {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  return months > 0 && addMonths(from, months) === to ? months : null;
}

const INTAKE_DAYS = 5;

/** The phase an episode has reached on `on`, and since when (by the share of the term elapsed). */
function phaseOn(admittedOn: string, plannedEndOn: string, on: string): [RehabPhase, string] {
  const total = Math.max(1, daysBetween(admittedOn, plannedEndOn));
  const at = (share: number) => addDays(admittedOn, Math.floor(total * share));
  const elapsed = daysBetween(admittedOn, on) / total;
  // Intake and classification takes the first days.
  if (daysBetween(admittedOn, on) < INTAKE_DAYS) return ['INTAKE_CLASSIFICATION', admittedOn];
  if (elapsed < 0.1) return ['DETOX', addDays(admittedOn, INTAKE_DAYS)];
  if (elapsed < 0.4) return ['EDUCATION_BEHAVIOUR', at(0.1)];
  if (elapsed < 0.8) return ['VOCATIONAL_LABOUR_THERAPY', at(0.4)];
  return ['REINTEGRATION_PREPARATION', at(0.8)];
}

class Builder {
  readonly rows: LegalPathRows = {
    providers: [],
    episodes: [],
    dossiers: [],
    postRehab: [],
    supports: [],
    drugUses: [],
    communityPlans: [],
    extractions: [],
  };
  private readonly rng = new SeededRandom(LEGAL_PATH_SEED);

  constructor(private readonly ref: string) {}

  providers(): void {
    for (const province of DEMO_PROVINCES_BEFORE) {
      for (const d of units().childrenOf(province, PROVIDERS_REGISTERED_ON, ['DISTRICT'])) {
        this.rows.providers.push([
          demoProviderId(d.code),
          `Tổ công tác cai nghiện ma túy tại cộng đồng – ${d.name}`,
          d.code,
          d.path,
          `${d.code}/ĐK-CNCĐ`,
          PROVIDERS_REGISTERED_ON,
          `Trụ sở UBND ${d.name}`,
          PROVIDERS_REGISTERED_ON,
          [],
        ]);
      }
    }
    for (const code of DEMO_PROVINCES) {
      const p = unitOn(code, PROVINCE_PROVIDERS_REGISTERED_ON);
      this.rows.providers.push([
        demoProviderId(code),
        `Cơ sở cai nghiện tự nguyện tại cộng đồng – ${p.name}`,
        p.code,
        p.path,
        `${code}/2025/ĐK-CNCĐ-CAT`,
        PROVINCE_PROVIDERS_REGISTERED_ON,
        `Công an ${p.name}`,
        PROVINCE_PROVIDERS_REGISTERED_ON,
        ALL_CONDITIONS,
      ]);
    }
  }

  person(p: DemoPerson, n: number): void {
    const rehab = p.rehab;
    const rng = this.rng;
    // A quarter of the people in compulsory rehab had quit voluntary rehab at home first.
    const quitVoluntary = p.stage === 'COMPULSORY_IN_FACILITY' && rehab !== null && rng.chance(0.25);
    if (rehab) {
      if (quitVoluntary) this.terminatedVoluntary(p, rehab);
      const episodeId = demoEpisodeId(p.id);
      if (rehab.kind === 'COMPULSORY')
        this.admittedDossier(p, n, rehab, episodeId, quitVoluntary ? 'QUIT_VOLUNTARY_REHAB' : null);
      this.episode(p, n, rehab, episodeId);
      if (p.postRehab && rehab.endedOn) this.postRehab(p, n, rehab, episodeId);
    }
    if (p.stage === 'SUBSTITUTION' && p.determination?.addicted && rng.chance(0.2))
      this.pendingDossier(p, n, 'USED_DURING_SUBSTITUTION', null);
    if (p.postRehab?.relapsedOn) this.pendingDossier(p, n, 'RELAPSED_DURING_POST_REHAB', rehab);
  }

  private episode(p: DemoPerson, n: number, rehab: DemoRehab, id: string): void {
    const rng = this.rng;
    const commune = demoUnitOn(p, rehab.admittedOn);
    const term = wholeMonths(rehab.admittedOn, rehab.plannedEndOn);
    const [phase, phaseSince] = phaseOn(rehab.admittedOn, rehab.plannedEndOn, rehab.endedOn ?? this.ref);
    let leave: unknown[] = [null, null, null, null];
    let absconded: unknown[] = [null, null];
    if (rehab.status === 'ON_LEAVE') {
      const reason = rng.pick(['FUNERAL', 'MEDICAL_TREATMENT', 'FAMILY_EMERGENCY'] as const);
      const startedOn = later(rehab.admittedOn, addDays(this.ref, -rng.int(1, 8)));
      const note = {
        FUNERAL: 'Về chịu tang người thân',
        MEDICAL_TREATMENT: 'Điều trị tại bệnh viện tuyến trên',
        FAMILY_EMERGENCY: 'Việc gia đình khẩn cấp',
      }[reason];
      leave = [reason, note, startedOn, addDays(startedOn, rng.int(3, 10))];
    }
    if (rehab.status === 'ABSCONDED') {
      const since = earlier(addDays(rehab.admittedOn, rng.int(30, 150)), addDays(this.ref, -3));
      const reason = rng.chance(0.7) ? 'ESCAPED' : 'LEAVE_OVERDUE';
      absconded = [reason, since];
    }
    const certificate = rehab.status === 'COMPLETED' ? `${n + 1}/GCN-${rehab.facilityCode ?? 'CĐ'}` : null;
    // A facility whose province merged is recorded under the province of the day the person was admitted.
    this.rows.episodes.push([
      id,
      p.id,
      rehab.kind === 'COMPULSORY' ? demoDossierId(p.id) : null,
      rehab.kind,
      rehab.status,
      rehab.facilityCode,
      commune.unitCode,
      rehab.facilityCode ? unitOn(rehab.facilityCode, rehab.admittedOn).path : null,
      commune.unitPath,
      rehab.admittedOn,
      rehab.plannedEndOn,
      rehab.endedOn,
      term,
      0,
      phase,
      phaseSince,
      ...leave,
      ...absconded,
      certificate,
      null,
      rehab.kind === 'VOLUNTARY_COMMUNITY' ? providerFor(p, rehab.admittedOn) : null,
      rehab.kind === 'VOLUNTARY_COMMUNITY' ? communitySettingFor(id) : null,
      demoAreaOf(p, rehab, this.ref),
    ]);
    if (rehab.kind === 'VOLUNTARY_COMMUNITY') this.communityPlan(id, rehab.admittedOn, rehab.plannedEndOn);
    if (rehab.status === 'ADMITTED' && rehab.facilityCode) {
      const facilityPath = unitOn(rehab.facilityCode, rehab.admittedOn).path;
      const episode = { id, personId: p.id, facilityCode: rehab.facilityCode, facilityPath, admittedOn: rehab.admittedOn };
      const row = demoExtraction(episode, this.ref, nameUuid(`extraction:${id}`));
      if (row) this.rows.extractions.push(row);
    }
  }

  private communityPlan(episodeId: string, admittedOn: string, plannedEndOn: string): void {
    const row = demoCommunityPlan(episodeId, admittedOn, plannedEndOn, communitySettingFor(episodeId), this.ref);
    if (row) this.rows.communityPlans.push(row);
  }

  /** An earlier voluntary rehab at home, quit before the compulsory dossier (ordinal 1). */
  private terminatedVoluntary(p: DemoPerson, rehab: DemoRehab): void {
    const id = demoEpisodeId(p.id, 1);
    const terminatedOn = addDays(rehab.admittedOn, -this.rng.int(70, 120));
    const admittedOn = addMonths(terminatedOn, -3);
    const commune = demoUnitOn(p, admittedOn);
    const term = durationAt('VOLUNTARY_REHAB_MIN', admittedOn)?.value ?? 6;
    const reason = 'Tự ý bỏ cai nghiện tự nguyện tại gia đình, cộng đồng';
    this.rows.episodes.push([
      id,
      p.id,
      null,
      'VOLUNTARY_COMMUNITY',
      'TERMINATED',
      null,
      commune.unitCode,
      null,
      commune.unitPath,
      admittedOn,
      addMonths(admittedOn, term),
      terminatedOn,
      term,
      0,
      'EDUCATION_BEHAVIOUR',
      addDays(admittedOn, 18),
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      reason,
      providerFor(p, admittedOn),
      communitySettingFor(id),
      null,
    ]);
    this.communityPlan(id, admittedOn, addMonths(admittedOn, term));
  }

  /** The court's dossier behind a compulsory episode: drafted, (returned once,) forwarded, approved, escorted, admitted. */
  private admittedDossier(p: DemoPerson, n: number, rehab: DemoRehab, episodeId: string, ground: DossierGround | null): void {
    const rng = this.rng;
    const id = demoDossierId(p.id);
    const facility = rehab.facilityCode ?? ((COMPULSORY_FACILITIES[demoProvinceOf(p)] as string[])[0] as string);
    const term = wholeMonths(rehab.admittedOn, rehab.plannedEndOn) ?? 12;
    const decidedOn = addDays(rehab.admittedOn, -rng.int(2, 10));
    const forwardedOn = addDays(decidedOn, -rng.int(5, 15));
    const reviewed = forwardedOn < NO_REVIEW_FROM;
    const submittedOn = reviewed ? addDays(forwardedOn, -rng.int(3, 10)) : forwardedOn;
    const returned = reviewed && rng.chance(0.25);
    const firstSubmission = returned ? addDays(submittedOn, -rng.int(7, 14)) : submittedOn;
    const startedOn = addDays(firstSubmission, -rng.int(5, 20));
    const chosen =
      ground ??
      rng.pick<DossierGround>(['NOT_REGISTERED', 'NOT_REGISTERED', 'USED_DURING_VOLUNTARY_REHAB', 'USED_DURING_SUBSTITUTION']);
    const groundNote = rng.chance(0.4) ? 'Không đăng ký cai nghiện tự nguyện trong thời hạn 5 ngày làm việc' : null;
    const correction = returned ? 'Thiếu biên bản vi phạm và bản tóm tắt lý lịch' : null;
    const reason = rng.chance(0.5) ? 'Đủ căn cứ áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc' : null;
    const decisionNumber = `${n + 1}/QĐ-TA`;
    const commune = demoUnitOn(p, startedOn);
    this.rows.dossiers.push([
      id,
      p.id,
      'ADMITTED',
      chosen,
      groundNote,
      startedOn,
      commune.unitCode,
      commune.unitPath,
      p.fullName,
      p.dateOfBirth,
      false,
      null,
      p.determination?.documentNumber ?? null,
      null,
      submittedOn,
      correction,
      forwardedOn,
      'APPROVED',
      decisionNumber,
      decidedOn,
      term,
      reason,
      facility,
      unitOn(facility, decidedOn).path,
      null,
      null,
      null,
      null,
      0,
      rehab.admittedOn,
      rehab.admittedOn,
      episodeId,
      ...courtFor(rng, p, decidedOn),
      ...frontOpinionOfDemo(p.id, commune.unitCode, forwardedOn, decidedOn, this.ref),
    ]);
  }

  /**
   * A dossier still in the works (or closed without admission): people who used during
   * substitution treatment, or relapsed during post-rehab management. Recent ones are
   * pending with an interim measure; older ones were rejected, exempted or postponed.
   */
  private pendingDossier(p: DemoPerson, n: number, ground: DossierGround, previous: DemoRehab | null): void {
    const rng = this.rng;
    const id = demoDossierId(p.id, 1);
    const relapsedOn = p.postRehab?.relapsedOn ?? null;
    const startedOn = relapsedOn ? addDays(relapsedOn, rng.int(3, 20)) : addDays(this.ref, -rng.int(5, 60));
    const priorRef =
      previous?.kind === 'COMPULSORY' ? `${n + 1}/QĐ-TA` : rng.chance(0.3) ? `${rng.int(1, 400)}/2019/QĐ-TA` : null;
    const repeat = previous?.kind === 'COMPULSORY' || priorRef !== null;
    const postRehabCaseId = relapsedOn ? demoPostRehabId(p.id) : null;
    const recent = daysBetween(startedOn, this.ref) <= 90;
    const stage = recent
      ? rng.pick(['DRAFTED', 'SUBMITTED', 'RETURNED_FOR_CORRECTION', 'FORWARDED_TO_COURT'] as const)
      : rng.pick(['REJECTED', 'EXEMPTED', 'POSTPONED'] as const);
    const order = ['DRAFTED', 'SUBMITTED', 'RETURNED_FOR_CORRECTION', 'FORWARDED_TO_COURT'];
    const reached = (s: string) => !recent || order.indexOf(stage) >= order.indexOf(s);
    const submittedOn = reached('SUBMITTED') ? earlier(addDays(startedOn, rng.int(2, 8)), this.ref) : null;
    const returned = stage === 'RETURNED_FOR_CORRECTION';
    const forwardedOn =
      !recent || stage === 'FORWARDED_TO_COURT' ? earlier(addDays(submittedOn ?? startedOn, rng.int(2, 8)), this.ref) : null;
    // Dossiers of the demo's last 90 days went straight to the court (no review since 1 March 2025).
    const status =
      recent && (stage === 'SUBMITTED' || stage === 'RETURNED_FOR_CORRECTION') && startedOn >= NO_REVIEW_FROM
        ? 'FORWARDED_TO_COURT'
        : stage;
    const forwarded = status === 'FORWARDED_TO_COURT' && forwardedOn === null ? submittedOn : forwardedOn;
    const decidedOn = recent ? null : addDays(forwardedOn ?? startedOn, rng.int(5, 20));
    const outcome = stage === 'REJECTED' || stage === 'EXEMPTED' || stage === 'POSTPONED' ? stage : null;
    const decisionReason =
      outcome === 'POSTPONED'
        ? 'Đang điều trị bệnh nặng, hoãn chấp hành'
        : outcome === 'EXEMPTED'
          ? 'Đã tự nguyện cai nghiện và có tiến bộ rõ rệt'
          : outcome === 'REJECTED'
            ? 'Chưa đủ căn cứ'
            : null;
    const held = recent && rng.chance(0.5);
    const facility = rng.pick(COMPULSORY_FACILITIES[demoProvinceOf(p)] as string[]);
    // Pending and postponed dossiers keep their interim measure; the others ended it with the decision.
    const interimOn = recent || outcome === 'POSTPONED';
    const interim = interimOn
      ? held
        ? ['HELD_AT_FACILITY', facility, unitOn(facility, startedOn).path, startedOn]
        : ['FAMILY_MANAGEMENT', null, null, startedOn]
      : [null, null, null, null];
    const daysHeldClosed = 0;
    const correction = returned && status === stage ? 'Thiếu kết quả xác định tình trạng nghiện' : null;
    const decisionNumber = outcome ? `${n + 1}/${startedOn.slice(0, 4)}/QĐ-TA` : null;
    const commune = demoUnitOn(p, startedOn);
    const court = status === 'FORWARDED_TO_COURT' ? courtFor(rng, p, forwarded) : courtFor(rng, p, decidedOn);
    this.rows.dossiers.push([
      id,
      p.id,
      status,
      ground,
      null,
      startedOn,
      commune.unitCode,
      commune.unitPath,
      p.fullName,
      p.dateOfBirth,
      repeat,
      priorRef,
      p.determination?.documentNumber ?? null,
      postRehabCaseId,
      submittedOn,
      correction,
      forwarded,
      outcome,
      decisionNumber,
      decidedOn,
      null,
      decisionReason,
      null,
      null,
      ...interim,
      daysHeldClosed,
      null,
      null,
      null,
      ...court,
      ...frontOpinionOfDemo(p.id, commune.unitCode, forwarded, decidedOn, this.ref),
    ]);
  }

  private postRehab(p: DemoPerson, n: number, rehab: DemoRehab, episodeId: string): void {
    const post = p.postRehab;
    if (!post || !rehab.endedOn) return;
    const rng = this.rng;
    const commune = demoUnitOn(p, post.decisionOn);
    const id = demoPostRehabId(p.id);
    const period = durationAt('POST_REHAB_MANAGEMENT_PERIOD', post.decisionOn)?.value ?? 12;
    const status = post.relapsedOn ? 'RELAPSED' : post.completed ? 'COMPLETED' : 'UNDER_MANAGEMENT';
    const decisionNumber = `${n + 1}/QĐ-UBND`;
    const relapseNote = post.relapsedOn && rng.chance(0.6) ? 'Test nhanh dương tính với ma túy tổng hợp' : null;
    const certificate = status === 'COMPLETED' ? `${n + 1}/GCN-QLSCN` : null;
    this.rows.postRehab.push([
      id,
      p.id,
      episodeId,
      status,
      commune.unitCode,
      commune.unitPath,
      rehab.endedOn,
      decisionNumber,
      post.decisionOn,
      period,
      post.endsOn,
      [],
      post.relapsedOn,
      relapseNote,
      certificate ? post.endsOn : null,
      certificate,
    ]);
    this.supports(p, id, post.decisionOn);
    this.drugUse(p.id, id, post.decisionOn, post.relapsedOn ? addDays(post.relapsedOn, -1) : post.endsOn);
  }

  /**
   * About one case in four has a drug use recorded during the management without a relapse
   * into addiction (before any relapse), drawn from the person id so the rest of the demo
   * data stays as it was.
   */
  private drugUse(personId: string, caseId: string, decisionOn: string, until: string): void {
    const key = parseInt(personId.slice(-2), 16);
    if (key % 4 !== 1) return;
    const usedOn = earlier(addDays(decisionOn, 20 + (key % 40)), earlier(until, this.ref));
    if (usedOn < decisionOn) return;
    const evidence = (['POSITIVE_TEST', 'CAUGHT_USING', 'SELF_REPORTED'] as const)[key % 3];
    const note = evidence === 'POSITIVE_TEST' ? 'Test nhanh nước tiểu dương tính với ma túy tổng hợp' : null;
    this.rows.drugUses.push([nameUuid(`drug-use:${personId}`), caseId, usedOn, evidence, note, 'demo']);
  }

  /** Loans, vocational training and job placement for about two in five people after rehab. */
  private supports(p: DemoPerson, caseId: string, decisionOn: string): void {
    const rng = this.rng;
    if (!rng.chance(0.4)) return;
    const count = rng.int(1, 2);
    for (let i = 0; i < count; i++) {
      const kind = rng.pick(['LOAN', 'VOCATIONAL_TRAINING', 'JOB_PLACEMENT'] as const);
      const startedOn = earlier(addDays(decisionOn, rng.int(10, 120)), this.ref);
      const commune = demoUnitOn(p, startedOn);
      const area =
        startedOn < REFORM_DATE
          ? units().byUnitPath(commune.unitPath.split('.').slice(0, 2).join('.'))?.name
          : unitAt(demoProvinceOf(p))?.name;
      const province = bareUnitName(unitAt(demoProvinceOf(p))?.name ?? '');
      const known = daysBetween(startedOn, this.ref) > 90;
      const succeeded = rng.chance(0.7);
      const outcome = known ? (succeeded ? 'SUCCEEDED' : 'UNSUCCESSFUL') : 'PENDING';
      const provider = {
        LOAN: `Ngân hàng Chính sách xã hội – ${area ?? province}`,
        VOCATIONAL_TRAINING: `Trung tâm Giáo dục nghề nghiệp – ${area ?? province}`,
        JOB_PLACEMENT: `Trung tâm Dịch vụ việc làm ${province}`,
      }[kind];
      const outcomeOn = known ? earlier(addDays(startedOn, rng.int(30, 90)), this.ref) : null;
      const note = !known
        ? null
        : {
            LOAN: succeeded ? 'Đã giải ngân, sử dụng vốn đúng mục đích' : 'Không đủ điều kiện vay',
            VOCATIONAL_TRAINING: succeeded ? 'Hoàn thành khóa học nghề sửa chữa xe máy' : 'Bỏ học giữa chừng',
            JOB_PLACEMENT: succeeded ? 'Đã có việc làm ổn định' : 'Chưa tìm được việc phù hợp',
          }[kind];
      this.rows.supports.push([
        nameUuid(`support:${p.id}:${i}`),
        p.id,
        kind,
        provider,
        startedOn,
        kind === 'LOAN' ? rng.int(10, 50) * 1_000_000 : null,
        outcome,
        outcomeOn,
        note,
        commune.unitCode,
        commune.unitPath,
        caseId,
      ]);
    }
  }
}

/** Every row of the legal path for the population (insert dossiers, episodes, post-rehab cases, supports in that order). */
export function legalPathRows(population: readonly DemoPerson[], ref: string = DEMO_REFERENCE_DATE): LegalPathRows {
  const builder = new Builder(ref);
  builder.providers();
  population.forEach((p, n) => builder.person(p, n));
  return builder.rows;
}
