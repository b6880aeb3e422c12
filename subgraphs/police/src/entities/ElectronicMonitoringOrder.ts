import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { MonitoringBasis, MonitoringOrderStatus } from '../rules/law-120';

/** Giám sát điện tử: the head of commune police's order (Law 120/2025); follows the person's residence. */
@Entity({ name: 'electronic_monitoring_order' })
export class ElectronicMonitoringOrderEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 32 })
  basis: MonitoringBasis;

  @Column({ name: 'basis_reference', type: 'varchar', length: 200 })
  basisReference: string;

  @Column({ name: 'device_id', type: 'varchar', length: 64 })
  deviceId: string;

  @Column({ name: 'ordered_on', type: 'date' })
  orderedOn: string;

  @Column({ name: 'ordered_by', type: 'varchar', length: 64 })
  orderedBy: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ type: 'varchar', length: 16 })
  status: MonitoringOrderStatus;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 500, nullable: true })
  endReason: string | null;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
