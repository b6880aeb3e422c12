import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { AbsconderReason, SearchStatus } from '../rules/absconder-search';

/** A search (truy tìm) for a person who escaped a facility or did not return from leave. */
@Entity({ name: 'absconder_search' })
export class AbsconderSearchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** The labour-welfare rehab episode the person absconded from. */
  @Column({ name: 'episode_id', type: 'uuid' })
  episodeId: string;

  @Column({ name: 'facility_code', type: 'varchar', length: 16 })
  facilityCode: string;

  @Column({ type: 'varchar', length: 16 })
  reason: AbsconderReason;

  @Column({ type: 'date' })
  since: string;

  @Column({ type: 'varchar', length: 8 })
  status: SearchStatus;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'found_on', type: 'date', nullable: true })
  foundOn: string | null;

  @Column({ name: 'found_note', type: 'text', nullable: true })
  foundNote: string | null;

  @Column({ name: 'found_by', type: 'varchar', length: 64, nullable: true })
  foundBy: string | null;

  @Column({ name: 'returned_on', type: 'date', nullable: true })
  returnedOn: string | null;

  /** Path of the person's residence commune: its police search. */
  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
