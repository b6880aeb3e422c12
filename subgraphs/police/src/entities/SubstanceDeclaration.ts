import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SubstanceClass } from '@rehab/shared-schema';

/** A managed person's declaration of the substances used and their source (Law 120/2025), appended, never edited. */
@Entity({ name: 'substance_declaration' })
export class SubstanceDeclarationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'management_id', type: 'uuid' })
  managementId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'declared_on', type: 'date' })
  declaredOn: string;

  @Column({ type: 'text', array: true })
  substances: SubstanceClass[];

  @Column({ type: 'varchar', length: 500 })
  source: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;
}
