import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOfficerAccounts1763800005000 implements MigrationInterface {
  name = 'CreateOfficerAccounts1763800005000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE officer_account (
      id uuid PRIMARY KEY, username varchar(64) NOT NULL UNIQUE, display_name varchar(200) NOT NULL,
      password_hash text NOT NULL, agency varchar(32) NOT NULL, role varchar(32) NOT NULL,
      unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code), active boolean NOT NULL DEFAULT true,
      failed_attempts integer NOT NULL DEFAULT 0, locked_until timestamptz)`);
    await runner.query(`CREATE TABLE officer_session (
      id uuid PRIMARY KEY, account_id uuid NOT NULL REFERENCES officer_account(id),
      created_at timestamptz NOT NULL DEFAULT now(), expires_at timestamptz NOT NULL, revoked_at timestamptz)`);
    await runner.query('CREATE INDEX officer_session_account ON officer_session (account_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE officer_session');
    await runner.query('DROP TABLE officer_account');
  }
}
