import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { RehabKind, RehabStatus } from '@rehab/shared-schema';
import type { RehabPhase } from '../rules/episode';

export type LeaveReason = 'FUNERAL' | 'MEDICAL_TREATMENT' | 'FAMILY_EMERGENCY' | 'OTHER';
/** Where a rehab at home/community takes place (null for facility rehab, or not recorded). */
export type CommunityRehabSetting = 'REHAB_HOUSE' | 'HOME';
export type AbscondReason = 'ESCAPED' | 'LEAVE_OVERDUE';

/**
 * One rehab episode (đợt cai nghiện) of a person. Owned twice: by the facility (its
 * staff see their residents) and by the person's residence commune (commune and
 * district see their people); a caller sees the row when either path is in scope.
 */
@Entity({ name: 'rehab_episode' })
export class RehabEpisodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The person (police subgraph's Person.id); named so the audit can attribute reads. */
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: RehabKind;

  @Column({ type: 'varchar', length: 16 })
  status: RehabStatus;

  /** Null for rehab at home/community. */
  @Column({ name: 'facility_code', type: 'varchar', length: 16, nullable: true })
  facilityCode: string | null;

  /** The person's residence commune when the episode was recorded. */
  @Column({ name: 'residence_unit_code', type: 'varchar', length: 16 })
  residenceUnitCode: string;

  /** Path of the facility unit (null for community rehab); drives record access. */
  @Column({ name: 'facility_owner_path', type: 'varchar', length: 200, nullable: true })
  facilityOwnerPath: string | null;

  /** Path of the residence commune; drives record access. */
  @Column({ name: 'residence_owner_path', type: 'varchar', length: 200 })
  residenceOwnerPath: string;

  @Column({ name: 'admitted_on', type: 'date' })
  admittedOn: string;

  @Column({ name: 'planned_end_on', type: 'date' })
  plannedEndOn: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  /** The court's dossier a compulsory episode was admitted from (null for seeded history and voluntary rehab). */
  @Column({ name: 'dossier_id', type: 'uuid', nullable: true })
  dossierId: string | null;

  @Column({ name: 'term_months', type: 'integer', nullable: true })
  termMonths: number | null;

  /** Days held at a facility while the dossier was pending; they count toward the term. */
  @Column({ name: 'days_held', type: 'integer' })
  daysHeld: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phase: RehabPhase | null;

  @Column({ name: 'phase_since', type: 'date', nullable: true })
  phaseSince: string | null;

  @Column({ name: 'leave_reason', type: 'varchar', length: 24, nullable: true })
  leaveReason: LeaveReason | null;

  @Column({ name: 'leave_note', type: 'text', nullable: true })
  leaveNote: string | null;

  @Column({ name: 'leave_started_on', type: 'date', nullable: true })
  leaveStartedOn: string | null;

  @Column({ name: 'leave_due_on', type: 'date', nullable: true })
  leaveDueOn: string | null;

  @Column({ name: 'absconded_reason', type: 'varchar', length: 16, nullable: true })
  abscondedReason: AbscondReason | null;

  @Column({ name: 'absconded_since', type: 'date', nullable: true })
  abscondedSince: string | null;

  @Column({ name: 'certificate_number', type: 'varchar', length: 64, nullable: true })
  certificateNumber: string | null;

  @Column({ name: 'termination_reason', type: 'text', nullable: true })
  terminationReason: string | null;

  /** The registered provider of rehab at home/community. */
  @Column({ name: 'service_provider_id', type: 'uuid', nullable: true })
  serviceProviderId: string | null;

  /** Rehab at home/community: at a community rehab house or at home (null: facility rehab, or not recorded). */
  @Column({ name: 'community_setting', type: 'varchar', length: 16, nullable: true })
  communitySetting: CommunityRehabSetting | null;

  /** The area of the facility the resident is placed in (facility rehab only). */
  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId: string | null;

  @VersionColumn()
  version: number;
}
