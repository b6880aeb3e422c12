import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { SubstanceClass } from '@rehab/shared-schema';
import type { DetectionMethod, ManagementEndReason, ManagementStatus } from '../rules/drug-user-management';

/**
 * A drug user's case at commune level (quản lý người sử dụng trái phép chất ma túy):
 * the detection that opened it, the chairman's decision and the management period.
 */
@Entity({ name: 'drug_user_management' })
export class DrugUserManagementEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 24 })
  status: ManagementStatus;

  @Column({ name: 'detected_on', type: 'date' })
  detectedOn: string;

  @Column({ name: 'detection_method', type: 'varchar', length: 16 })
  detectionMethod: DetectionMethod;

  @Column({ type: 'text', array: true })
  substances: SubstanceClass[];

  @Column({ name: 'test_result', type: 'varchar', length: 300, nullable: true })
  testResult: string | null;

  @Column({ name: 'detected_by', type: 'varchar', length: 64 })
  detectedBy: string;

  @Column({ name: 'decision_number', type: 'varchar', length: 64, nullable: true })
  decisionNumber: string | null;

  @Column({ name: 'decision_date', type: 'date', nullable: true })
  decisionDate: string | null;

  @Column({ name: 'period_ends_on', type: 'date', nullable: true })
  periodEndsOn: string | null;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 24, nullable: true })
  endReason: ManagementEndReason | null;

  @Column({ name: 'superseded_on', type: 'date', nullable: true })
  supersededOn: string | null;

  /** Path of the person's residence commune: the commune police and committee own the case. */
  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
