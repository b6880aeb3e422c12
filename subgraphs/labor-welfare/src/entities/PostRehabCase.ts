import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { PostRehabBasis, PostRehabStatus } from '../rules/post-rehab';

/** Post-rehab management at the place of residence (quản lý sau cai nghiện), owned by the residence commune. */
@Entity({ name: 'post_rehab_case' })
export class PostRehabCaseEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** What the case follows: a completed rehab episode, or substitution treatment (on it, or after it). */
  @Column({ type: 'varchar', length: 24 })
  basis: PostRehabBasis;

  /** The completed rehab episode the case follows (REHAB_COMPLETED only). */
  @Column({ name: 'episode_id', type: 'uuid', nullable: true })
  episodeId: string | null;

  /** The substitution treatment the case follows (health's id; the substitution bases only). */
  @Column({ name: 'substitution_treatment_id', type: 'uuid', nullable: true })
  substitutionTreatmentId: string | null;

  @Column({ type: 'varchar', length: 24 })
  status: PostRehabStatus;

  @Column({ name: 'residence_unit_code', type: 'varchar', length: 16 })
  residenceUnitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  /** The day the rehab episode was completed (the case opened awaiting the decision). */
  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Column({ name: 'decision_number', type: 'varchar', length: 64, nullable: true })
  decisionNumber: string | null;

  @Column({ name: 'decision_on', type: 'date', nullable: true })
  decisionOn: string | null;

  @Column({ name: 'period_months', type: 'integer', nullable: true })
  periodMonths: number | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  /** Volunteers (volunteers subgraph ids) assigned to help the person. */
  @Column({ name: 'supporter_ids', type: 'uuid', array: true })
  supporterIds: string[];

  @Column({ name: 'relapsed_on', type: 'date', nullable: true })
  relapsedOn: string | null;

  @Column({ name: 'relapse_note', type: 'text', nullable: true })
  relapseNote: string | null;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;

  @Column({ name: 'certificate_number', type: 'varchar', length: 64, nullable: true })
  certificateNumber: string | null;

  @VersionColumn()
  version: number;
}
