import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * A move to another commune (di biến động): the old commune's notice to the new one,
 * which must acknowledge it (within the deadline of the law in force on the move).
 * Both communes own it.
 */
@Entity({ name: 'transfer_notice' })
export class TransferNoticeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'from_unit_code', type: 'varchar', length: 16 })
  fromUnitCode: string;

  @Column({ name: 'from_unit_path', type: 'varchar', length: 200 })
  fromUnitPath: string;

  @Column({ name: 'to_unit_code', type: 'varchar', length: 16 })
  toUnitCode: string;

  @Column({ name: 'to_unit_path', type: 'varchar', length: 200 })
  toUnitPath: string;

  @Column({ name: 'address_line', type: 'varchar', length: 300 })
  addressLine: string;

  @Column({ name: 'moved_on', type: 'date' })
  movedOn: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  /** The hand-over deadline (RESIDENCE_CHANGE_NOTICE), counted from the move date. */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** Law 120/2025: the person presents themselves at the receiving commune by then (null before the rule). */
  @Column({ name: 'presentation_due_at', type: 'timestamptz', nullable: true })
  presentationDueAt: Date | null;

  @Column({ name: 'presented_at', type: 'timestamptz', nullable: true })
  presentedAt: Date | null;

  @Column({ name: 'presentation_recorded_by', type: 'varchar', length: 64, nullable: true })
  presentationRecordedBy: string | null;

  @Column({ name: 'sent_by', type: 'varchar', length: 64 })
  sentBy: string;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 64, nullable: true })
  acknowledgedBy: string | null;

  @VersionColumn()
  version: number;
}
