import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A managed person's report to commune police (trình diện), appended, never edited. */
@Entity({ name: 'drug_user_check_in' })
export class DrugUserCheckInEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'management_id', type: 'uuid' })
  managementId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'checked_in_on', type: 'date' })
  checkedInOn: string;

  @Column({ type: 'text' })
  note: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;
}
