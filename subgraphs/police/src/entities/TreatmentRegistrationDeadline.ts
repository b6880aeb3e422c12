import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { RegistrationForm } from '../treatment-registration/rules';

/**
 * The deadline by which a person found addicted must register for treatment (N working
 * days after being told), and the registration that met it, once one arrived.
 */
@Entity({ name: 'treatment_registration_deadline' })
export class TreatmentRegistrationDeadlineEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'notice_id', type: 'uuid' })
  noticeId: string;

  /** Health's AddictionDetermination. */
  @Column({ name: 'determination_id', type: 'uuid' })
  determinationId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'determined_on', type: 'date' })
  determinedOn: string;

  @Column({ name: 'informed_on', type: 'date' })
  informedOn: string;

  @Column({ name: 'substance_classes', type: 'text', array: true })
  substanceClasses: string[];

  /** The rule's number of working days in force on the informed date; null when none was. */
  @Column({ name: 'working_days', type: 'integer', nullable: true })
  workingDays: number | null;

  @Column({ name: 'deadline_on', type: 'date', nullable: true })
  deadlineOn: string | null;

  @Column({ name: 'registration_id', type: 'uuid', nullable: true })
  registrationId: string | null;

  @Column({ name: 'registered_on', type: 'date', nullable: true })
  registeredOn: string | null;

  @Column({ name: 'registration_form', type: 'varchar', length: 32, nullable: true })
  registrationForm: RegistrationForm | null;

  /** Admitted to compulsory rehab (labour-welfare's notice) without having registered: off the worklist from then. */
  @Column({ name: 'compulsory_admitted_on', type: 'date', nullable: true })
  compulsoryAdmittedOn: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
