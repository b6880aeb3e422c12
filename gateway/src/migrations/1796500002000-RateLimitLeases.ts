import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A gateway may take several tokens of an officer's bucket at once (a lease it then spends
 * in memory): `granted` says how many the last take gave, read back by the same statement.
 */
export class RateLimitLeases1796500002000 implements MigrationInterface {
  name = 'RateLimitLeases1796500002000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE rate_limit_bucket ADD COLUMN granted integer NOT NULL DEFAULT 1');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE rate_limit_bucket DROP COLUMN granted');
  }
}
