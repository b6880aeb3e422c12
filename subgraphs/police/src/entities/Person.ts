import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { Sex } from '@rehab/shared-schema';
import type { RecordStatus } from '../rules/person-record';

@Entity({ name: 'person' })
export class PersonEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'identification_number', type: 'char', length: 12, unique: true })
  identificationNumber: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  /** Name folded for search: lower case, no diacritics. */
  @Column({ name: 'full_name_folded', type: 'varchar', length: 200 })
  fullNameFolded: string;

  @Column({ name: 'other_names', type: 'text', array: true, default: () => "'{}'" })
  otherNames: string[];

  @Column({ name: 'date_of_birth', type: 'date' })
  dateOfBirth: string;

  @Column({ type: 'varchar', length: 8 })
  sex: Sex;

  @Column({ type: 'varchar', length: 64 })
  ethnicity: string;

  @Column({ name: 'permanent_unit_code', type: 'varchar', length: 16 })
  permanentUnitCode: string;

  @Column({ name: 'permanent_address', type: 'varchar', length: 300 })
  permanentAddress: string;

  @Column({ name: 'current_unit_code', type: 'varchar', length: 16 })
  currentUnitCode: string;

  @Column({ name: 'current_address', type: 'varchar', length: 300 })
  currentAddress: string;

  /** Path of the unit that owns the record (current residence); drives record access. */
  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  /** ACTIVE, or MERGED into `mergedInto` (kept with its history, never deleted). */
  @Column({ name: 'record_status', type: 'varchar', length: 8, default: 'ACTIVE' })
  recordStatus: RecordStatus;

  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto: string | null;

  @VersionColumn()
  version: number;
}
