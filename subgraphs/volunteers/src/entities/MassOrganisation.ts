import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { MassOrganisationKind } from '../rules/organisations';

/** A mass organisation (tổ chức) established at one administrative unit. */
@Entity({ name: 'mass_organisation' })
export class MassOrganisationEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: MassOrganisationKind;

  /** The unit at whose level the organisation is established. */
  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'max_active_assignments', type: 'integer', default: 2 })
  maxActiveAssignments: number;

  @VersionColumn()
  version: number;
}
