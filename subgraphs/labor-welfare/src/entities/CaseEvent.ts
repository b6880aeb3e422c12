import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CaseEntityType = 'DOSSIER' | 'EPISODE' | 'POST_REHAB';

/** One step in the history of a dossier, an episode or a post-rehab case: who did what, when, from which state. */
@Entity({ name: 'case_event' })
export class CaseEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 16 })
  entityType: CaseEntityType;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ name: 'from_status', type: 'varchar', length: 32, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 32 })
  toStatus: string;

  /** The day the act took effect (e.g. the admission date), as opposed to when it was recorded. */
  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ name: 'actor_username', type: 'varchar', length: 64 })
  actorUsername: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 32 })
  actorRole: string;

  @Column({ name: 'actor_unit_code', type: 'varchar', length: 16 })
  actorUnitCode: string;
}
