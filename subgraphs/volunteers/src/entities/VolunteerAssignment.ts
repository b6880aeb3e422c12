import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import type { AssignmentReason } from '../rules/organisations';
import { VolunteerEntity } from './Volunteer';

/** A volunteer assigned to help a person (phân công giúp đỡ). */
@Entity({ name: 'volunteer_assignment' })
export class VolunteerAssignmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The person helped (identity lives in the police subgraph). */
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @ManyToOne(() => VolunteerEntity, { nullable: false })
  @JoinColumn({ name: 'volunteer_id' })
  volunteer: VolunteerEntity;

  @Column({ type: 'varchar', length: 32 })
  reason: AssignmentReason;

  @Column({ name: 'started_on', type: 'date' })
  startedOn: string;

  /** Null while the assignment is active. */
  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  /** Path of the person's residence commune; drives record access. */
  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
