import { Column, CreateDateColumn, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * A plan (kế hoạch) of a unit (a province, a district before 1 July 2025, a commune) for a
 * year: its targets are plan_target rows. Not personal data.
 */
@Entity({ name: 'plan' })
export class PlanEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The province of the plan's unit on the plan's date. */
  @Column({ name: 'province_code', type: 'varchar', length: 16 })
  provinceCode: string;

  /** The unit the plan is set for, as it was on the plan's date (its province is `provinceCode`). */
  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'plan_year', type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  version: number;
}
