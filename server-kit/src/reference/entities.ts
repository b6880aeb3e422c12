import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DurationUnit, UnitLevel } from '@rehab/shared-schema';

@Entity({ name: 'administrative_unit' })
export class AdministrativeUnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: UnitLevel;

  @Index()
  @Column({ name: 'parent_code', type: 'varchar', length: 16, nullable: true })
  parentCode: string | null;

  @Column({ type: 'varchar', length: 200 })
  path: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;
}

@Entity({ name: 'legal_rule' })
export class LegalRuleEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'integer' })
  value: number;

  @Column({ type: 'varchar', length: 16 })
  unit: DurationUnit;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo: string | null;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis: string;
}
