import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security events (logins, failures, lockouts, refresh reuse, logouts, break-the-glass
 * requests, approvals and reviews), append-only like audit_log: a trigger refuses UPDATE,
 * DELETE and TRUNCATE. Break-the-glass grants get a status: a grant wider than one
 * commune waits PENDING until a supervisor approves it.
 */
export class SecurityEvents1764700006000 implements MigrationInterface {
  name = 'SecurityEvents1764700006000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE security_event (
      id bigserial PRIMARY KEY, occurred_at timestamptz NOT NULL DEFAULT now(),
      kind varchar(32) NOT NULL, username varchar(64) NOT NULL, account_id uuid, session_id uuid,
      unit_path text, ip varchar(64), detail jsonb NOT NULL DEFAULT '{}'::jsonb)`);
    await runner.query('CREATE INDEX security_event_time ON security_event (occurred_at DESC, id DESC)');
    await runner.query(`CREATE FUNCTION security_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'security_event is append-only'; END $$`);
    await runner.query(`CREATE TRIGGER security_event_no_update BEFORE UPDATE OR DELETE ON security_event
      FOR EACH ROW EXECUTE FUNCTION security_event_append_only()`);
    await runner.query(`CREATE TRIGGER security_event_no_truncate BEFORE TRUNCATE ON security_event
      FOR EACH STATEMENT EXECUTE FUNCTION security_event_append_only()`);
    await runner.query(`ALTER TABLE break_glass_grant
      ADD COLUMN status varchar(16) NOT NULL DEFAULT 'OPEN',
      ADD COLUMN duration_minutes integer,
      ADD COLUMN decided_at timestamptz, ADD COLUMN decided_by uuid, ADD COLUMN decider_username varchar(64),
      ADD COLUMN decision_note text,
      ADD CONSTRAINT break_glass_grant_status CHECK (status IN ('OPEN', 'PENDING', 'REFUSED'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE break_glass_grant DROP CONSTRAINT break_glass_grant_status, DROP COLUMN status,
      DROP COLUMN duration_minutes, DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN decider_username, DROP COLUMN decision_note`);
    await runner.query('DROP TABLE security_event');
    await runner.query('DROP FUNCTION security_event_append_only()');
  }
}
