import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** A commune's drug hotspot, from its identification to its clearance. */
@Entity({ name: 'drug_hotspot' })
export class DrugHotspotEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'commune_code', type: 'varchar', length: 16 })
  communeCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'identified_on', type: 'date' })
  identifiedOn: string;

  @Column({ name: 'cleared_on', type: 'date', nullable: true })
  clearedOn: string | null;

  @Column({ name: 'clearance_note', type: 'text', nullable: true })
  clearanceNote: string | null;

  @Column({ type: 'varchar', length: 32 })
  agency: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @VersionColumn()
  version: number;
}

/** The province's recognition of a commune as drug-free, until withdrawn. */
@Entity({ name: 'drug_free_recognition' })
export class DrugFreeRecognitionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'commune_code', type: 'varchar', length: 16 })
  communeCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ name: 'recognised_on', type: 'date' })
  recognisedOn: string;

  @Column({ name: 'decision_number', type: 'varchar', length: 64 })
  decisionNumber: string;

  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn: string | null;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;

  @Column({ type: 'varchar', length: 32 })
  agency: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @VersionColumn()
  version: number;
}
