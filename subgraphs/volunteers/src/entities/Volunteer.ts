import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { MassOrganisationEntity } from './MassOrganisation';

/** A member or volunteer (tình nguyện viên) of a mass organisation, serving one commune. */
@Entity({ name: 'volunteer' })
export class VolunteerEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 20 })
  phone: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 32 })
  organisationCode: string;

  @ManyToOne(() => MassOrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_code' })
  organisation: MassOrganisationEntity;

  /** The commune the volunteer serves. */
  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  /** Path of the commune served; drives record access. */
  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
