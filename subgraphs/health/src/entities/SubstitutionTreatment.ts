import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { DemoSubstitution, TreatmentPhase } from '@rehab/shared-schema';

export type TerminationReason = 'FORCED_PROTOCOL_VIOLATIONS' | 'FORCED_REPEATED_POSITIVE_TESTS' | 'VOLUNTARY' | 'OTHER';
export type SubstitutionStatus = 'ACTIVE' | 'STOPPED';
export type SubstitutionMedication = DemoSubstitution['medication'];

/** One enrolment of a person in substitution treatment (điều trị thay thế) at a clinic. */
@Entity({ name: 'substitution_treatment' })
export class SubstitutionTreatmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The person (police subgraph identity); read by the audit as the person concerned. */
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'clinic_code', type: 'varchar', length: 16 })
  clinicCode: string;

  @Column({ type: 'varchar', length: 16 })
  status: SubstitutionStatus;

  @Column({ type: 'varchar', length: 16 })
  phase: TreatmentPhase;

  @Column({ name: 'enrolled_on', type: 'date' })
  enrolledOn: string;

  @Column({ type: 'varchar', length: 16 })
  medication: SubstitutionMedication;

  /** Path of the clinic's unit: the clinic owns the enrolment. */
  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  /** Path of the person's residence commune, which co-owns the enrolment (post-rehab management). */
  @Column({ name: 'residence_unit_path', type: 'varchar', length: 200 })
  residenceUnitPath: string;

  /** Snapshot of the registry's date of birth at enrolment (health does not own identity). */
  @Column({ name: 'date_of_birth', type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column({ name: 'guardian_name', type: 'varchar', length: 200, nullable: true })
  guardianName: string | null;

  @Column({ name: 'guardian_relationship', type: 'varchar', length: 100, nullable: true })
  guardianRelationship: string | null;

  @Column({ name: 'guardian_consented_on', type: 'date', nullable: true })
  guardianConsentedOn: string | null;

  @Column({ name: 'stopped_on', type: 'date', nullable: true })
  stoppedOn: string | null;

  @Column({ name: 'termination_reason', type: 'varchar', length: 40, nullable: true })
  terminationReason: TerminationReason | null;

  @Column({ name: 'termination_note', type: 'text', nullable: true })
  terminationNote: string | null;

  @VersionColumn()
  version: number;
}
