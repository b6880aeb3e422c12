import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An outbox row. The kit itself uses SQL only, so a subgraph need not register these
 * entities; register them to read the tables through a repository (e.g. a worklist).
 */
@Entity({ name: 'outbox_notice' })
export class OutboxNoticeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Creation order: notices to one destination are delivered in this order. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ type: 'varchar', length: 64 })
  topic: string;

  @Column({ type: 'varchar', length: 32 })
  source: string;

  @Column({ type: 'varchar', length: 32 })
  destination: string;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /** Set when the receiver refused the notice (4xx): it is not retried and shows on a worklist. */
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}

/** A notice this subgraph received and applied (its id makes a second delivery a no-op). */
@Entity({ name: 'inbox_notice' })
export class InboxNoticeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  topic: string;

  @Column({ type: 'varchar', length: 32 })
  source: string;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
