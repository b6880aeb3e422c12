import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A training course a volunteer took (bồi dưỡng kỹ năng), with its dates. */
@Entity({ name: 'volunteer_training' })
export class VolunteerTrainingEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @Column({ type: 'varchar', length: 200 })
  course: string;

  @Column({ name: 'started_on', type: 'date' })
  startedOn: string;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn: string | null;
}
