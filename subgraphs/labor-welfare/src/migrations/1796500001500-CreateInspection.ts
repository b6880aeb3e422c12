import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inspections (thanh tra, kiểm tra) of rehab facilities and of communes' drug-control work, by
 * the province's state management of rehab: findings, the violations found, what must be put
 * right by when, and when it was. An inspection without violations needs no follow-up.
 */
export class CreateInspection1796500001500 implements MigrationInterface {
  name = 'CreateInspection1796500001500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE inspection (
      id uuid PRIMARY KEY,
      unit_code varchar(16) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('PLANNED', 'UNANNOUNCED')),
      inspected_on date NOT NULL,
      agency varchar(32) NOT NULL,
      findings text NOT NULL CHECK (length(trim(findings)) > 0),
      violations int NOT NULL CHECK (violations >= 0 AND violations <= 1000),
      recommendations text,
      follow_up_due_on date,
      resolved_on date,
      resolution text,
      recorded_by varchar(64) NOT NULL,
      version int NOT NULL DEFAULT 1,
      CONSTRAINT inspection_follow_up CHECK ((violations = 0) = (follow_up_due_on IS NULL)
        AND (follow_up_due_on IS NULL OR follow_up_due_on >= inspected_on)),
      CONSTRAINT inspection_resolution CHECK ((resolved_on IS NULL) = (resolution IS NULL)
        AND (resolved_on IS NULL OR (violations > 0 AND resolved_on >= inspected_on))))`);
    await runner.query('CREATE INDEX inspection_owner ON inspection (owner_unit_path text_pattern_ops, inspected_on)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE inspection');
  }
}
