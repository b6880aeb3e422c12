import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export const POST_REHAB_MODEL_KINDS = ['VOLUNTEER_TEAM', 'CLUB', 'COUNSELLING_POINT', 'SELF_MANAGED_GROUP', 'OTHER'] as const;
export type PostRehabModelKind = (typeof POST_REHAB_MODEL_KINDS)[number];

/** A post-rehab model (mô hình quản lý sau cai nghiện) of a commune, from its establishment to its end. */
@Entity({ name: 'post_rehab_model' })
export class PostRehabModelEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: PostRehabModelKind;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ name: 'established_on', type: 'date' })
  establishedOn: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @VersionColumn()
  version: number;
}
