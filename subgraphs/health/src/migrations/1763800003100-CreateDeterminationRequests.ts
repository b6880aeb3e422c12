import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Requests for an addiction determination (a later migration adds the examinations). */
export class CreateDeterminationRequests1763800003100 implements MigrationInterface {
  name = 'CreateDeterminationRequests1763800003100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE addiction_determination_request (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      requested_at timestamptz NOT NULL,
      requested_by varchar(16) NOT NULL CHECK (requested_by IN ('POLICE', 'COMMUNE', 'FACILITY')),
      requested_by_username varchar(64) NOT NULL,
      reason text NOT NULL CHECK (length(trim(reason)) > 0 AND length(reason) <= 1000),
      owner_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1)`);
    await runner.query(
      'CREATE INDEX addiction_determination_request_person ON addiction_determination_request (person_id, requested_at DESC)',
    );
    await runner.query(`CREATE INDEX addiction_determination_request_owner_unit_path ON addiction_determination_request
      (owner_unit_path text_pattern_ops)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE addiction_determination_request');
  }
}
