import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** Where the participants of a course work. */
export type TrainedGroup = 'POLICE' | 'COMMUNE' | 'LABOUR' | 'FACILITY' | 'HEALTH' | 'MASS_ORGANISATIONS' | 'OTHER';

export interface GroupCount {
  group: TrainedGroup;
  count: number;
}

/** A training course for drug-control officers and staff, held by an agency for a commune or a province. */
@Entity({ name: 'training_course' })
export class TrainingCourseEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** The agency of the officer who recorded it (the one that held it). */
  @Column({ type: 'varchar', length: 32 })
  agency: string;

  @Column({ name: 'started_on', type: 'date' })
  startedOn: string;

  @Column({ name: 'ended_on', type: 'date' })
  endedOn: string;

  @Column({ type: 'jsonb' })
  participants: GroupCount[];

  @Column({ name: 'total_participants', type: 'int' })
  totalParticipants: number;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @VersionColumn()
  version: number;
}
