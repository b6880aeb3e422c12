import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type ComplaintKind = 'COMPLAINT' | 'DENUNCIATION';
export type ComplaintSubject = 'DECISION' | 'CONDUCT' | 'FACILITY' | 'OTHER';
export type ComplaintOutcome = 'UPHELD' | 'PARTLY_UPHELD' | 'NOT_UPHELD' | 'WITHDRAWN' | 'TRANSFERRED';

/** A complaint or denunciation about rehab work and its handling. */
@Entity({ name: 'complaint' })
export class ComplaintEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ComplaintKind;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ type: 'varchar', length: 32 })
  agency: string;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ type: 'varchar', length: 16 })
  subject: ComplaintSubject;

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'complainant_name', type: 'varchar', length: 200 })
  complainantName: string;

  @Column({ name: 'complainant_contact', type: 'varchar', length: 300, nullable: true })
  complainantContact: string | null;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'resolved_on', type: 'date', nullable: true })
  resolvedOn: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: ComplaintOutcome | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @VersionColumn()
  version: number;

  /** The complainant is not a registry person: reads of their identity are audited against the complaint. */
  get auditSubjectId(): string {
    return this.id;
  }
}
