import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { CourtOutcome, DossierStatus } from '../rules/dossier';

export type DossierGround =
  | 'NOT_REGISTERED'
  | 'QUIT_VOLUNTARY_REHAB'
  | 'USED_DURING_VOLUNTARY_REHAB'
  | 'USED_DURING_SUBSTITUTION'
  | 'RELAPSED_DURING_POST_REHAB';
export type InterimMeasure = 'FAMILY_MANAGEMENT' | 'HELD_AT_FACILITY';
export type FrontOpinionKind = 'AGREE' | 'DISAGREE';

/**
 * A compulsory-rehab dossier (hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện
 * bắt buộc). Owned by the person's residence commune (its district and the district's
 * court see it through the tree); once the court names a facility, or while the person
 * is held at one, that facility's staff see it too.
 */
@Entity({ name: 'compulsory_rehab_dossier' })
export class CompulsoryRehabDossierEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 32 })
  status: DossierStatus;

  @Column({ type: 'varchar', length: 40 })
  ground: DossierGround;

  @Column({ name: 'ground_note', type: 'text', nullable: true })
  groundNote: string | null;

  /** The day the dossier was started: the law in force then sets the term. */
  @Column({ name: 'started_on', type: 'date' })
  startedOn: string;

  @Column({ name: 'residence_unit_code', type: 'varchar', length: 16 })
  residenceUnitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  /** Snapshot of the registry's identity data at drafting (police owns the live record). */
  @Column({ name: 'subject_full_name', type: 'varchar', length: 200 })
  subjectFullName: string;

  @Column({ name: 'subject_date_of_birth', type: 'date' })
  subjectDateOfBirth: string;

  /** A repeat case: the person had a compulsory episode before, or a prior decision is on file. */
  @Column({ name: 'is_repeat', type: 'boolean' })
  repeat: boolean;

  @Column({ name: 'prior_decision_ref', type: 'varchar', length: 100, nullable: true })
  priorDecisionRef: string | null;

  @Column({ name: 'addiction_determination_ref', type: 'varchar', length: 100, nullable: true })
  addictionDeterminationRef: string | null;

  @Column({ name: 'post_rehab_case_id', type: 'uuid', nullable: true })
  postRehabCaseId: string | null;

  @Column({ name: 'submitted_on', type: 'date', nullable: true })
  submittedOn: string | null;

  @Column({ name: 'correction_reason', type: 'text', nullable: true })
  correctionReason: string | null;

  @Column({ name: 'forwarded_on', type: 'date', nullable: true })
  forwardedOn: string | null;

  /** The regional court the dossier was sent to (from 1 July 2025); null before, when the district court decided. */
  @Column({ name: 'court_unit_code', type: 'varchar', length: 16, nullable: true })
  courtUnitCode: string | null;

  @Column({ name: 'court_unit_path', type: 'varchar', length: 200, nullable: true })
  courtUnitPath: string | null;

  @Column({ name: 'decision_outcome', type: 'varchar', length: 16, nullable: true })
  decisionOutcome: CourtOutcome | null;

  @Column({ name: 'decision_number', type: 'varchar', length: 64, nullable: true })
  decisionNumber: string | null;

  @Column({ name: 'decided_on', type: 'date', nullable: true })
  decidedOn: string | null;

  @Column({ name: 'term_months', type: 'integer', nullable: true })
  termMonths: number | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  /** The facility the court sends the person to. */
  @Column({ name: 'facility_code', type: 'varchar', length: 16, nullable: true })
  facilityCode: string | null;

  @Column({ name: 'facility_owner_path', type: 'varchar', length: 200, nullable: true })
  facilityOwnerPath: string | null;

  @Column({ name: 'interim_measure', type: 'varchar', length: 24, nullable: true })
  interimMeasure: InterimMeasure | null;

  @Column({ name: 'interim_facility_code', type: 'varchar', length: 16, nullable: true })
  interimFacilityCode: string | null;

  @Column({ name: 'interim_facility_path', type: 'varchar', length: 200, nullable: true })
  interimFacilityPath: string | null;

  @Column({ name: 'interim_since', type: 'date', nullable: true })
  interimSince: string | null;

  /** Days held at a facility in periods that have ended (the current period is added on the fly). */
  @Column({ name: 'days_held_closed', type: 'integer' })
  daysHeldClosed: number;

  @Column({ name: 'escorted_on', type: 'date', nullable: true })
  escortedOn: string | null;

  @Column({ name: 'admitted_on', type: 'date', nullable: true })
  admittedOn: string | null;

  @Column({ name: 'episode_id', type: 'uuid', nullable: true })
  episodeId: string | null;

  /** The opinion of the commune's Fatherland Front committee, given before the court decides. */
  @Column({ name: 'front_opinion', type: 'varchar', length: 16, nullable: true })
  frontOpinion: FrontOpinionKind | null;

  @Column({ name: 'front_opinion_reasoning', type: 'text', nullable: true })
  frontOpinionReasoning: string | null;

  @Column({ name: 'front_opinion_on', type: 'date', nullable: true })
  frontOpinionOn: string | null;

  @Column({ name: 'front_opinion_unit_code', type: 'varchar', length: 16, nullable: true })
  frontOpinionUnitCode: string | null;

  @VersionColumn()
  version: number;
}
