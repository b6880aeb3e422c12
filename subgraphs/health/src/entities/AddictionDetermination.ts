import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { SubstanceClass } from '@rehab/shared-schema';

/** Conclusion of an addiction determination (xác định tình trạng nghiện) for one person. */
@Entity({ name: 'addiction_determination' })
export class AddictionDeterminationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The person (police subgraph identity); read by the audit as the person concerned. */
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'examined_on', type: 'date' })
  examinedOn: string;

  /** The day the person was told of the conclusion (the treatment-registration deadline runs from it); null: on examinedOn. */
  @Column({ name: 'informed_on', type: 'date', nullable: true })
  informedOn: string | null;

  @Column({ type: 'boolean' })
  addicted: boolean;

  @Column({ name: 'substance_classes', type: 'text', array: true, default: () => "'{}'" })
  substanceClasses: SubstanceClass[];

  @Column({ name: 'document_number', type: 'varchar', length: 64 })
  documentNumber: string;

  /** The person's residence commune when the determination was recorded. */
  @Column({ name: 'owner_unit_code', type: 'varchar', length: 16 })
  ownerUnitCode: string;

  /** Path of the owner unit (residence commune); drives record access. */
  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  /** The request this determination answers (null for seeded history). */
  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId: string | null;

  @VersionColumn()
  version: number;
}
