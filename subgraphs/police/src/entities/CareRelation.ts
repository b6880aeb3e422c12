import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CareKind = 'SUBSTITUTION_TREATMENT' | 'FACILITY_RESIDENCE';

/**
 * A period in which a person is cared for at a clinic or facility (not their residence unit):
 * its staff read the person's identity from startedOn to endedOn (inclusive; open while null).
 */
@Entity({ name: 'care_relation' })
export class CareRelationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'care_unit_code', type: 'varchar', length: 16 })
  careUnitCode: string;

  @Column({ type: 'varchar', length: 32 })
  kind: CareKind;

  /** The sender's care record: health's substitution treatment or labour-welfare's rehab episode. */
  @Column({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @Column({ name: 'started_on', type: 'date' })
  startedOn: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  /** The notice that last set this period. */
  @Column({ name: 'source_notice_id', type: 'uuid' })
  sourceNoticeId: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
