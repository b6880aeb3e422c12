import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A volunteer's report of a high relapse risk, on the commune police's worklist. */
@Entity({ name: 'relapse_risk_report' })
export class RelapseRiskReportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'notice_id', type: 'uuid' })
  noticeId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** The volunteers subgraph's assignment the report came from. */
  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ name: 'observed_on', type: 'date' })
  observedOn: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;
}
