import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints (khiếu nại) and denunciations (tố cáo) about rehab work received by a commune,
 * province or facility, with the complainant's identity, the time limit set on acceptance and
 * how each was settled.
 */
export class CreateComplaint1796500001700 implements MigrationInterface {
  name = 'CreateComplaint1796500001700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE complaint (
      id uuid PRIMARY KEY,
      kind varchar(16) NOT NULL CHECK (kind IN ('COMPLAINT', 'DENUNCIATION')),
      unit_code varchar(16) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      agency varchar(32) NOT NULL,
      received_on date NOT NULL,
      subject varchar(16) NOT NULL CHECK (subject IN ('DECISION', 'CONDUCT', 'FACILITY', 'OTHER')),
      summary text NOT NULL CHECK (length(trim(summary)) > 0),
      complainant_name varchar(200) NOT NULL CHECK (length(trim(complainant_name)) > 0),
      complainant_contact varchar(300),
      due_on date NOT NULL CHECK (due_on BETWEEN received_on AND received_on + 90),
      resolved_on date,
      outcome varchar(16) CHECK (outcome IN ('UPHELD', 'PARTLY_UPHELD', 'NOT_UPHELD', 'WITHDRAWN', 'TRANSFERRED')),
      resolution text,
      recorded_by varchar(64) NOT NULL,
      version int NOT NULL DEFAULT 1,
      CONSTRAINT complaint_resolution CHECK ((resolved_on IS NULL) = (outcome IS NULL)
        AND (resolved_on IS NULL) = (resolution IS NULL) AND (resolved_on IS NULL OR resolved_on >= received_on)))`);
    await runner.query('CREATE INDEX complaint_owner ON complaint (owner_unit_path text_pattern_ops, received_on)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE complaint');
  }
}
