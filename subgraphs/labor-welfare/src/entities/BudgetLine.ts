import { Column, Entity, OneToMany, ManyToOne, JoinColumn, PrimaryColumn, VersionColumn } from 'typeorm';

export type BudgetSource = 'CENTRAL_PROGRAMME' | 'PROVINCE' | 'COMMUNE' | 'DONOR' | 'OTHER';
export type BudgetActivity = 'PREVENTION' | 'COMMUNICATION' | 'TRAINING' | 'REHAB' | 'POST_REHAB' | 'INSPECTION' | 'OTHER';

/** A line of a plan's funding: a unit's allocation for a fiscal year, from one source, for one activity. */
@Entity({ name: 'budget_line' })
export class BudgetLineEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @Column({ name: 'owner_unit_path', type: 'varchar', length: 200 })
  ownerUnitPath: string;

  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear: number;

  @Column({ type: 'varchar', length: 24 })
  source: BudgetSource;

  @Column({ type: 'varchar', length: 24 })
  activity: BudgetActivity;

  /** Million VND. */
  @Column({ type: 'int' })
  allocated: number;

  @Column({ name: 'allocated_on', type: 'date' })
  allocatedOn: string;

  @Column({ type: 'varchar', length: 32 })
  agency: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Million VND: the sum of the spendings, kept with them. */
  @Column({ type: 'int' })
  spent: number;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;

  @VersionColumn()
  version: number;

  @OneToMany(() => BudgetSpendingEntity, (s) => s.line)
  spendings?: BudgetSpendingEntity[];
}

/** A spending against a budget line. */
@Entity({ name: 'budget_spending' })
export class BudgetSpendingEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'budget_line_id', type: 'uuid' })
  budgetLineId: string;

  @ManyToOne(() => BudgetLineEntity, (l) => l.spendings)
  @JoinColumn({ name: 'budget_line_id' })
  line?: BudgetLineEntity;

  @Column({ name: 'spent_on', type: 'date' })
  spentOn: string;

  /** Million VND. */
  @Column({ type: 'int' })
  amount: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy: string;
}
