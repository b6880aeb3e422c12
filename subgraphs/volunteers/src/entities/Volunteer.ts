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

  /** The chapter of the organisation in the commune the volunteer belongs to. */
  @Column({ name: 'chapter_id', type: 'uuid' })
  chapterId: string;

  /** The commune the volunteer serves. */
  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  /** Path of the commune served; drives record access. */
  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  /** The gateway account of a volunteer who uses the system (e.g. tnv.xa00101); null for members without one. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  /** False once the volunteer has left (left_on set). */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn: string | null;

  @Column({ name: 'left_reason', type: 'varchar', length: 500, nullable: true })
  leftReason: string | null;

  @VersionColumn()
  version: number;
}
