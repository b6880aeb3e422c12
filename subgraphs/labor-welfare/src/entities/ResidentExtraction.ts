import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type ExtractionStatus = 'REQUESTED' | 'OUT' | 'RETURNED' | 'CANCELLED';

/** A resident taken out of a facility at an investigation agency's request (trích xuất), and brought back. */
@Entity({ name: 'resident_extraction' })
export class ResidentExtractionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'episode_id', type: 'uuid' })
  episodeId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'facility_code', type: 'varchar', length: 16 })
  facilityCode: string;

  @Column({ name: 'facility_owner_path', type: 'varchar', length: 200 })
  facilityOwnerPath: string;

  @Column({ name: 'requesting_unit_code', type: 'varchar', length: 16 })
  requestingUnitCode: string;

  @Column({ name: 'requesting_unit_path', type: 'varchar', length: 200 })
  requestingUnitPath: string;

  @Column({ name: 'requesting_agency', type: 'varchar', length: 200 })
  requestingAgency: string;

  @Column({ name: 'document_number', type: 'varchar', length: 64 })
  documentNumber: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ name: 'requested_on', type: 'date' })
  requestedOn: string;

  @Column({ name: 'expected_return_on', type: 'date' })
  expectedReturnOn: string;

  @Column({ type: 'varchar', length: 16 })
  status: ExtractionStatus;

  @Column({ name: 'handed_over_on', type: 'date', nullable: true })
  handedOverOn: string | null;

  @Column({ name: 'returned_on', type: 'date', nullable: true })
  returnedOn: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy: string;

  @VersionColumn()
  version: number;
}
