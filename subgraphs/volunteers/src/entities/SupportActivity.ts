import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RelapseRisk, SupportActivityKind } from '../rules/support';

/** A visit, counselling, family support or job referral by the assigned volunteer. */
@Entity({ name: 'support_activity' })
export class SupportActivityEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ type: 'varchar', length: 16 })
  kind: SupportActivityKind;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'relapse_risk', type: 'varchar', length: 8 })
  relapseRisk: RelapseRisk;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
