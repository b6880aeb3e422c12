import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit table, append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. */
export class CreateAuditLog1763800000001 implements MigrationInterface {
  name = 'CreateAuditLog1763800000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY, occurred_at timestamptz NOT NULL DEFAULT now(),
      user_id varchar(64) NOT NULL, username varchar(64) NOT NULL, agency varchar(32) NOT NULL,
      role varchar(32) NOT NULL, unit_code varchar(16) NOT NULL, action varchar(16) NOT NULL,
      person_id uuid, entity_type varchar(64) NOT NULL, fields text[] NOT NULL,
      purpose text NOT NULL, request_id varchar(64) NOT NULL)`);
    await runner.query('CREATE INDEX audit_log_person ON audit_log (person_id, occurred_at)');
    await runner.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await runner.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await runner.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_log');
    await runner.query('DROP FUNCTION audit_log_append_only()');
  }
}
