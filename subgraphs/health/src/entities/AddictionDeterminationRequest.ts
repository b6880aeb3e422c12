import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type RequesterKind = 'POLICE' | 'COMMUNE' | 'FACILITY';

/** A request for an addiction determination, owned by the unit that made it. */
@Entity({ name: 'addiction_determination_request' })
export class AddictionDeterminationRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The person (police subgraph identity); read by the audit as the person concerned. */
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  /** When the request was entered. */
  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  /** The day the request was made (on paper, for a late entry: earlier than the day it was entered). */
  @Column({ name: 'requested_on', type: 'date' })
  requestedOn: string;

  /** Why a request made earlier on paper was entered late (set only then). */
  @Column({ name: 'late_entry_reason', type: 'text', nullable: true })
  lateEntryReason: string | null;

  @Column({ name: 'requested_by', type: 'varchar', length: 16 })
  requestedBy: RequesterKind;

  @Column({ name: 'requested_by_username', type: 'varchar', length: 64 })
  requestedByUsername: string;

  @Column({ type: 'text' })
  reason: string;

  /** The requesting unit (commune or facility). */
  @Column({ name: 'owner_unit_code', type: 'varchar', length: 16 })
  ownerUnitCode: string;

  /** Path of the requesting unit; drives record access. */
  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
