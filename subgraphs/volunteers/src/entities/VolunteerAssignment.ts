import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import type { AssignmentEndReason, AssignmentReason } from '../rules/organisations';
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

  /** Contact snapshot given by the commune official: all a volunteer may see of the person. */
  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** End of the post-rehab / management period the help belongs to. */
  @Column({ name: 'period_ends_on', type: 'date', nullable: true })
  periodEndsOn: string | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true })
  endReason: AssignmentEndReason | null;

  /** Ended because the volunteer left, and no new volunteer yet: on the commune's reassignment worklist. */
  @Column({ name: 'needs_volunteer', type: 'boolean', default: false })
  needsVolunteer: boolean;

  @VersionColumn()
  version: number;
}
