import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type CommunicationKind = 'FORUM' | 'CONFERENCE' | 'BROADCAST' | 'LEAFLET' | 'TALK' | 'OTHER';

/** A communication activity against drugs (tuyên truyền) held in a unit, with the people it reached. */
@Entity({ name: 'communication_activity' })
export class CommunicationActivityEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CommunicationKind;

  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** The agency of the officer who recorded it (the one that held it). */
  @Column({ type: 'varchar', length: 32 })
  agency: string;

  @Column({ type: 'int' })
  audience: number;

  /** Leaflets or other copies handed out. */
  @Column({ type: 'int', nullable: true })
  copies: number | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @VersionColumn()
  version: number;
}
