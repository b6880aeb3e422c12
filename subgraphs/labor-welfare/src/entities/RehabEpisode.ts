import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { RehabKind, RehabStatus } from '@rehab/shared-schema';

/**
 * One rehab episode (đợt cai nghiện) of a person. Owned twice: by the facility (its
 * staff see their residents) and by the person's residence commune (commune and
 * district see their people); a caller sees the row when either path is in scope.
 */
@Entity({ name: 'rehab_episode' })
export class RehabEpisodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The person (police subgraph's Person.id); named so the audit can attribute reads. */
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: RehabKind;

  @Column({ type: 'varchar', length: 16 })
  status: RehabStatus;

  /** Null for rehab at home/community. */
  @Column({ name: 'facility_code', type: 'varchar', length: 16, nullable: true })
  facilityCode: string | null;

  /** The person's residence commune when the episode was recorded. */
  @Column({ name: 'residence_unit_code', type: 'varchar', length: 16 })
  residenceUnitCode: string;

  /** Path of the facility unit (null for community rehab); drives record access. */
  @Column({ name: 'facility_owner_path', type: 'varchar', length: 200, nullable: true })
  facilityOwnerPath: string | null;

  /** Path of the residence commune; drives record access. */
  @Column({ name: 'residence_owner_path', type: 'varchar', length: 200 })
  residenceOwnerPath: string;

  @Column({ name: 'admitted_on', type: 'date' })
  admittedOn: string;

  @Column({ name: 'planned_end_on', type: 'date' })
  plannedEndOn: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @VersionColumn()
  version: number;
}
