import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type ProviderCondition = 'PREMISES' | 'MEDICAL_STAFF' | 'COUNSELLING_STAFF' | 'OPERATING_RULES';

/** A registered provider of voluntary rehab at home/community (đơn vị cung cấp dịch vụ cai nghiện tại cộng đồng). */
@Entity({ name: 'service_provider' })
export class ServiceProviderEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The unit it is registered with (a commune or district). */
  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ name: 'registration_number', type: 'varchar', length: 64 })
  registrationNumber: string;

  @Column({ name: 'registered_on', type: 'date' })
  registeredOn: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  /** The conditions found met at registration (recorded from 1 July 2025). */
  @Column({ name: 'conditions_met', type: 'text', array: true })
  conditionsMet: ProviderCondition[];

  /** Công bố: from then on communes may register people with it. */
  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn: string | null;

  @Column({ name: 'withdrawn_on', type: 'date', nullable: true })
  withdrawnOn: string | null;

  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason: string | null;

  @VersionColumn()
  version: number;
}
