import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { MassOrganisationEntity } from './MassOrganisation';

/** A chapter (chi hội, chi đoàn) of a mass organisation in one commune; its members are the volunteers there. */
@Entity({ name: 'organisation_chapter' })
export class OrganisationChapterEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_code', type: 'varchar', length: 32 })
  organisationCode: string;

  @ManyToOne(() => MassOrganisationEntity, { nullable: false })
  @JoinColumn({ name: 'organisation_code' })
  organisation: MassOrganisationEntity;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'leader_name', type: 'varchar', length: 200, nullable: true })
  leaderName: string | null;

  @Column({ name: 'leader_phone', type: 'varchar', length: 20, nullable: true })
  leaderPhone: string | null;

  @Column({ name: 'established_on', type: 'date', nullable: true })
  establishedOn: string | null;

  @VersionColumn()
  version: number;
}
