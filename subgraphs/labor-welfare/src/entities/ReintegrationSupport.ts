import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type ReintegrationKind = 'LOAN' | 'VOCATIONAL_TRAINING' | 'JOB_PLACEMENT';
export type ReintegrationOutcome = 'PENDING' | 'SUCCEEDED' | 'UNSUCCESSFUL';

/** One reintegration support (hỗ trợ hòa nhập cộng đồng) given to a person, owned by the residence commune. */
@Entity({ name: 'reintegration_support' })
export class ReintegrationSupportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: ReintegrationKind;

  /** Who provides it (a bank, a vocational school, an employer). */
  @Column({ type: 'varchar', length: 200 })
  provider: string;

  @Column({ name: 'started_on', type: 'date' })
  startedOn: string;

  /** Loans only, in đồng; bigint comes back from PostgreSQL as a string. */
  @Column({ name: 'amount_vnd', type: 'bigint', nullable: true })
  amountVnd: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: ReintegrationOutcome;

  @Column({ name: 'outcome_on', type: 'date', nullable: true })
  outcomeOn: string | null;

  @Column({ name: 'outcome_note', type: 'text', nullable: true })
  outcomeNote: string | null;

  @Column({ name: 'residence_unit_code', type: 'varchar', length: 16 })
  residenceUnitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ name: 'post_rehab_case_id', type: 'uuid', nullable: true })
  postRehabCaseId: string | null;

  @VersionColumn()
  version: number;
}
