import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { SummonsOutcome } from '../rules/law-120';

/** Triệu tập: commune police summon a managed person to appear on a date (Law 120/2025). */
@Entity({ name: 'summons' })
export class SummonsEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'management_id', type: 'uuid' })
  managementId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'summoned_on', type: 'date' })
  summonedOn: string;

  @Column({ name: 'appear_on', type: 'date' })
  appearOn: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'issued_by', type: 'varchar', length: 64 })
  issuedBy: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: SummonsOutcome | null;

  @Column({ name: 'outcome_note', type: 'varchar', length: 1000, nullable: true })
  outcomeNote: string | null;

  @Column({ name: 'outcome_recorded_at', type: 'timestamptz', nullable: true })
  outcomeRecordedAt: Date | null;

  @Column({ name: 'outcome_recorded_by', type: 'varchar', length: 64, nullable: true })
  outcomeRecordedBy: string | null;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @VersionColumn()
  version: number;
}
