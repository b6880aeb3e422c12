import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DurationUnit, LegalRuleKind, UnitKind, UnitLevel } from '@rehab/shared-schema';

/** One version of a unit: a code with the dates it is valid (the same code can name other territory on other dates). */
@Entity({ name: 'administrative_unit' })
export class AdministrativeUnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @PrimaryColumn({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true })
  nameEn: string | null;

  @Column({ type: 'varchar', length: 16 })
  level: UnitLevel;

  @Column({ type: 'varchar', length: 24 })
  kind: UnitKind;

  @Index()
  @Column({ name: 'parent_code', type: 'varchar', length: 16, nullable: true })
  parentCode: string | null;

  @Column({ type: 'varchar', length: 200 })
  path: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;
}

/** A predecessor → successor link across a reform, with whether the whole predecessor moved. */
@Entity({ name: 'unit_lineage' })
export class UnitLineageEntity {
  @PrimaryColumn({ name: 'successor_code', type: 'varchar', length: 16 })
  successorCode: string;

  @PrimaryColumn({ name: 'successor_valid_from', type: 'date' })
  successorValidFrom: string;

  @PrimaryColumn({ name: 'predecessor_code', type: 'varchar', length: 16 })
  predecessorCode: string;

  @PrimaryColumn({ name: 'predecessor_valid_from', type: 'date' })
  predecessorValidFrom: string;

  @Column({ name: 'successor_path', type: 'varchar', length: 200 })
  successorPath: string;

  @Column({ name: 'predecessor_path', type: 'varchar', length: 200 })
  predecessorPath: string;

  @Column({ type: 'boolean' })
  whole: boolean;

  @Column({ type: 'varchar', length: 24 })
  method: string;
}

/**
 * A person whose records were made in a pre-reform commune split between several new
 * ones, assigned by the province to one of them: those records are the new commune's.
 * Kept by police (who assign) and by every agency that received the notice.
 */
@Entity({ name: 'person_unit_assignment' })
export class PersonUnitAssignmentEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @PrimaryColumn({ name: 'from_unit_path', type: 'varchar', length: 200 })
  fromUnitPath: string;

  @Column({ name: 'to_unit_code', type: 'varchar', length: 16 })
  toUnitCode: string;

  @Column({ name: 'to_unit_path', type: 'varchar', length: 200 })
  toUnitPath: string;

  @Column({ name: 'assigned_on', type: 'date' })
  assignedOn: string;
}

@Entity({ name: 'legal_rule' })
export class LegalRuleEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 16, default: 'DURATION' })
  kind: LegalRuleKind;

  @Column({ type: 'integer', nullable: true })
  value: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  unit: DurationUnit | null;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo: string | null;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis: string;
}
