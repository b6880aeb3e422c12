import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type FacilityAreaKind = 'MEN' | 'WOMEN' | 'MINOR_BOYS' | 'MINOR_GIRLS';

/** An area of a facility (khu), for adults or minors, men or women, with its places. */
@Entity({ name: 'facility_area' })
export class FacilityAreaEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'facility_code', type: 'varchar', length: 16 })
  facilityCode: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: FacilityAreaKind;

  @Column({ type: 'int' })
  capacity: number;

  @VersionColumn()
  version: number;
}
