import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** A dispensing point (điểm cấp phát) of a clinic: its own counter or a satellite point. */
@Entity({ name: 'dispensing_point' })
export class DispensingPointEntity {
  /** The clinic's code and a number, e.g. MMT001-02. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ name: 'clinic_code', type: 'varchar', length: 16 })
  clinicCode: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ name: 'opened_on', type: 'date', nullable: true })
  openedOn: string | null;

  /** Doses are not recorded at a point on or after the day it closed. */
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
