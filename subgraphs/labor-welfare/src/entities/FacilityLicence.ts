import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** One renewal (gia hạn): the licence's end moved from `previousValidUntil` to `validUntil`. */
export interface LicenceRenewal {
  renewedOn: string;
  previousValidUntil: string;
  validUntil: string;
}

/** A private facility's licence to run voluntary rehab (giấy phép hoạt động cai nghiện ma túy tự nguyện). */
@Entity({ name: 'facility_licence' })
export class FacilityLicenceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'facility_code', type: 'varchar', length: 16 })
  facilityCode: string;

  /** The facility's path when the licence was granted (scope: the province above it acts). */
  @Column({ name: 'facility_owner_path', type: 'varchar', length: 200 })
  facilityOwnerPath: string;

  @Column({ name: 'licence_number', type: 'varchar', length: 64 })
  licenceNumber: string;

  @Column({ name: 'granted_on', type: 'date' })
  grantedOn: string;

  /** The last day in force, after any renewal. */
  @Column({ name: 'valid_until', type: 'date' })
  validUntil: string;

  @Column({ name: 'licensed_capacity', type: 'int' })
  licensedCapacity: number;

  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  renewals: LicenceRenewal[];

  @Column({ name: 'revoked_on', type: 'date', nullable: true })
  revokedOn: string | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason: string | null;

  @VersionColumn()
  version: number;
}
