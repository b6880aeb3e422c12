import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A plan's funding (dự toán kinh phí): lines of a unit's allocation for a fiscal year by source
 * and activity, in million VND, with the spendings against each. The line keeps the sum spent,
 * which may never exceed the allocation.
 */
export class CreateBudget1796500001600 implements MigrationInterface {
  name = 'CreateBudget1796500001600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE budget_line (
      id uuid PRIMARY KEY,
      unit_code varchar(16) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
      source varchar(24) NOT NULL CHECK (source IN ('CENTRAL_PROGRAMME', 'PROVINCE', 'COMMUNE', 'DONOR', 'OTHER')),
      activity varchar(24) NOT NULL
        CHECK (activity IN ('PREVENTION', 'COMMUNICATION', 'TRAINING', 'REHAB', 'POST_REHAB', 'INSPECTION', 'OTHER')),
      allocated int NOT NULL CHECK (allocated > 0),
      allocated_on date NOT NULL,
      agency varchar(32) NOT NULL,
      note text,
      spent int NOT NULL DEFAULT 0 CHECK (spent >= 0 AND spent <= allocated),
      recorded_by varchar(64) NOT NULL,
      version int NOT NULL DEFAULT 1)`);
    await runner.query('CREATE INDEX budget_line_owner ON budget_line (owner_unit_path text_pattern_ops, fiscal_year)');
    await runner.query(`CREATE TABLE budget_spending (
      id uuid PRIMARY KEY,
      budget_line_id uuid NOT NULL REFERENCES budget_line (id),
      spent_on date NOT NULL,
      amount int NOT NULL CHECK (amount > 0),
      note text,
      recorded_by varchar(64) NOT NULL)`);
    await runner.query('CREATE INDEX budget_spending_line ON budget_spending (budget_line_id, spent_on)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE budget_spending');
    await runner.query('DROP TABLE budget_line');
  }
}
