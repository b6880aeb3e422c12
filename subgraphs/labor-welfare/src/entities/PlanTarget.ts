import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/** numeric comes back from the driver as text. */
const NUMERIC = { to: (v: number): number => v, from: (v: string | null): number | null => (v === null ? null : Number(v)) };

/** A plan target (chỉ tiêu): one unit, one indicator, one plan. Not personal data. */
@Entity({ name: 'plan_target' })
export class PlanTargetEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  /** The plan's year (kept with the target for the year-only planTargets query). */
  @Column({ name: 'plan_year', type: 'integer' })
  year: number;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  /** Path of the unit, so targets can be listed by subtree. */
  @Column({ name: 'unit_path', type: 'varchar', length: 200 })
  unitPath: string;

  @Column({ name: 'indicator_code', type: 'varchar', length: 64 })
  indicator: string;

  /** A count, or a share as a percentage ("45,5" is 45.5). */
  @Column({ name: 'target_value', type: 'numeric', precision: 14, scale: 3, transformer: NUMERIC })
  target: number;

  @VersionColumn()
  version: number;
}
