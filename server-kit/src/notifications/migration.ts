import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officers' notifications: a received notice (or an event of this agency's own) addressed to
 * a unit and the roles there that act on it, and who has read which.
 */
export class CreateOfficerNotification1796400000000 implements MigrationInterface {
  name = 'CreateOfficerNotification1796400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE officer_notification (
      id uuid PRIMARY KEY, seq bigserial NOT NULL UNIQUE, notice_id uuid,
      topic varchar(64) NOT NULL, source varchar(32) NOT NULL,
      unit_path varchar(200) NOT NULL, audience varchar(32)[] NOT NULL,
      person_id uuid, occurred_on date, created_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query('CREATE INDEX officer_notification_unit ON officer_notification (unit_path, seq)');
    await runner.query(`CREATE TABLE officer_notification_read (
      notification_id uuid NOT NULL REFERENCES officer_notification (id) ON DELETE CASCADE,
      user_id varchar(64) NOT NULL, read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (notification_id, user_id))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE officer_notification_read');
    await runner.query('DROP TABLE officer_notification');
  }
}
