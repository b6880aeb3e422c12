import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditAction = 'READ' | 'CHANGE' | 'BREAK_GLASS';

/** One append-only row per sensitive read or change; the database refuses updates and deletes. */
@Entity({ name: 'audit_log' })
export class AuditLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 32 })
  agency: string;

  @Column({ type: 'varchar', length: 32 })
  role: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ type: 'varchar', length: 16 })
  action: AuditAction;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType: string;

  @Column({ type: 'text', array: true })
  fields: string[];

  @Column({ type: 'text' })
  purpose: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64 })
  requestId: string;
}
