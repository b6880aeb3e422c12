import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type FacilityKind = 'PUBLIC_COMPULSORY_AND_VOLUNTARY' | 'PUBLIC_VOLUNTARY' | 'PRIVATE_VOLUNTARY';

/** A rehab facility (cơ sở cai nghiện); its code is its FACILITY unit in the administrative tree. */
@Entity({ name: 'facility' })
export class FacilityEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  kind: FacilityKind;

  @Column({ type: 'integer' })
  capacity: number;

  /** All staff, managers included. */
  @Column({ name: 'staff_count', type: 'integer' })
  staffCount: number;

  /** Managers (cán bộ quản lý), whom the staffing rule excludes. */
  @Column({ name: 'manager_count', type: 'integer' })
  managerCount: number;

  /** Takes compulsory residents aged 12 to under 18 (a minors' area): required for them from 1 July 2026. */
  @Column({ name: 'admits_minors', type: 'boolean', default: false })
  admitsMinors: boolean;

  @VersionColumn()
  version: number;
}
