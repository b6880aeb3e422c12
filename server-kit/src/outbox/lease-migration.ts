import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leases on outbox notices, so several copies of a subgraph on one database can each run
 * a dispatcher: a dispatcher claims due notices (lease_owner, lease_until) in a short
 * transaction, delivers them outside it and settles each one. A copy that dies mid-delivery
 * leaves its lease to expire; another copy then claims and delivers the notice (the
 * receiver's inbox makes a second delivery a no-op).
 */
export class AddOutboxLease1796226400000 implements MigrationInterface {
  name = 'AddOutboxLease1796226400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE outbox_notice ADD COLUMN lease_owner varchar(64), ADD COLUMN lease_until timestamptz');
    await runner.query(`CREATE INDEX outbox_notice_pending_since ON outbox_notice (created_at)
      WHERE delivered_at IS NULL AND failed_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX outbox_notice_pending_since');
    await runner.query('ALTER TABLE outbox_notice DROP COLUMN lease_owner, DROP COLUMN lease_until');
  }
}
