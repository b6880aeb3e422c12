import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Break-the-glass grants: an officer's temporary access to another unit's subtree,
 * with the stated reason, bound to the login session, and a supervisor's review.
 */
export class CreateBreakGlassGrants1763800006000 implements MigrationInterface {
  name = 'CreateBreakGlassGrants1763800006000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE break_glass_grant (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES officer_account(id),
      session_id uuid NOT NULL REFERENCES officer_session(id),
      username varchar(64) NOT NULL, agency varchar(32) NOT NULL, role varchar(32) NOT NULL,
      unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code), unit_path text NOT NULL,
      target_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code), target_unit_path text NOT NULL,
      reason text NOT NULL CHECK (char_length(btrim(reason)) >= 15),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL CHECK (expires_at > created_at AND expires_at <= created_at + interval '4 hours'),
      reviewed_at timestamptz, reviewed_by uuid REFERENCES officer_account(id), reviewer_username varchar(64), review_note text,
      CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL)))`);
    await runner.query('CREATE INDEX break_glass_grant_session ON break_glass_grant (session_id, expires_at)');
    await runner.query('CREATE INDEX break_glass_grant_pending ON break_glass_grant (created_at) WHERE reviewed_at IS NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE break_glass_grant');
  }
}
