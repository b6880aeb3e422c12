import { Column, CreateDateColumn, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** A plan (kế hoạch) of a province for a year: its targets are plan_target rows. Not personal data. */
@Entity({ name: 'plan' })
export class PlanEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'province_code', type: 'varchar', length: 16 })
  provinceCode: string;

  @Column({ name: 'plan_year', type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  version: number;
}
