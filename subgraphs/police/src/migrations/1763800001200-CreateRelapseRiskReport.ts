import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A volunteer's report of a high relapse risk (volunteers' notice), on the commune police's worklist. */
export class CreateRelapseRiskReport1763800001200 implements MigrationInterface {
  name = 'CreateRelapseRiskReport1763800001200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE relapse_risk_report (
      id uuid PRIMARY KEY,
      notice_id uuid NOT NULL CONSTRAINT relapse_risk_report_notice_once UNIQUE,
      person_id uuid NOT NULL REFERENCES person(id),
      assignment_id uuid NOT NULL,
      observed_on date NOT NULL,
      note varchar(500),
      received_at timestamptz NOT NULL DEFAULT now(),
      owner_unit_path varchar(200) NOT NULL)`);
    await runner.query('CREATE INDEX relapse_risk_report_person ON relapse_risk_report (person_id)');
    await runner.query(
      'CREATE INDEX relapse_risk_report_owner_unit_path ON relapse_risk_report (owner_unit_path text_pattern_ops)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE relapse_risk_report');
  }
}
