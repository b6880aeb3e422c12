import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type InspectionKind = 'PLANNED' | 'UNANNOUNCED';

/** An inspection of a facility or of a commune's drug-control work, with its follow-up. */
@Entity({ name: 'inspection' })
export class InspectionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The facility or commune inspected. */
  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ type: 'varchar', length: 16 })
  kind: InspectionKind;

  @Column({ name: 'inspected_on', type: 'date' })
  inspectedOn: string;

  @Column({ type: 'varchar', length: 32 })
  agency: string;

  @Column({ type: 'text' })
  findings: string;

  @Column({ type: 'int' })
  violations: number;

  @Column({ type: 'text', nullable: true })
  recommendations: string | null;

  @Column({ name: 'follow_up_due_on', type: 'date', nullable: true })
  followUpDueOn: string | null;

  @Column({ name: 'resolved_on', type: 'date', nullable: true })
  resolvedOn: string | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @VersionColumn()
  version: number;
}
