import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** A substitution treatment clinic; its code is its CLINIC administrative unit code. */
@Entity({ name: 'clinic' })
export class ClinicEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Path of the clinic's own unit (e.g. 01.001.MMT001): it owns the clinic's records. */
  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
