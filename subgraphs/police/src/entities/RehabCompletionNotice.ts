import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** A facility's notice that a person completed rehab, on the commune police's worklist. */
@Entity({ name: 'rehab_completion_notice' })
export class RehabCompletionNoticeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'episode_id', type: 'uuid' })
  episodeId: string;

  /** Null for voluntary rehab at home/community. */
  @Column({ name: 'facility_code', type: 'varchar', length: 16, nullable: true })
  facilityCode: string | null;

  @Column({ name: 'completed_on', type: 'date' })
  completedOn: string;

  @Column({ name: 'certificate_number', type: 'varchar', length: 64 })
  certificateNumber: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 64, nullable: true })
  acknowledgedBy: string | null;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
