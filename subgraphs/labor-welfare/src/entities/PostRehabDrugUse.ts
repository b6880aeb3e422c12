import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DrugUseEvidence } from '../rules/post-rehab';

/** A drug use recorded during post-rehab management that was not a relapse into addiction. */
@Entity({ name: 'post_rehab_drug_use' })
export class PostRehabDrugUseEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'used_on', type: 'date' })
  usedOn: string;

  @Column({ type: 'varchar', length: 24 })
  evidence: DrugUseEvidence;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
