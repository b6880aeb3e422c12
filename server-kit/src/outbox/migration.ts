import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-agency notices: the sender's outbox (written in the transaction of the change it
 * reports, delivered by the OutboxDispatcher) and the receiver's inbox (one row per
 * notice id, so a notice delivered twice takes effect once).
 */
export class CreateOutbox1763800000002 implements MigrationInterface {
  name = 'CreateOutbox1763800000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE outbox_notice (
      id uuid PRIMARY KEY, seq bigserial NOT NULL UNIQUE,
      topic varchar(64) NOT NULL, source varchar(32) NOT NULL, destination varchar(32) NOT NULL,
      payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0, next_attempt_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz, failed_at timestamptz, last_error text,
      CONSTRAINT outbox_notice_settled CHECK (delivered_at IS NULL OR failed_at IS NULL))`);
    await runner.query(`CREATE INDEX outbox_notice_pending ON outbox_notice (destination, seq)
      WHERE delivered_at IS NULL AND failed_at IS NULL`);
    await runner.query('CREATE INDEX outbox_notice_failed ON outbox_notice (failed_at) WHERE failed_at IS NOT NULL');
    await runner.query(`CREATE TABLE inbox_notice (
      id uuid PRIMARY KEY, topic varchar(64) NOT NULL, source varchar(32) NOT NULL,
      payload jsonb NOT NULL, created_at timestamptz NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE inbox_notice');
    await runner.query('DROP TABLE outbox_notice');
  }
}
