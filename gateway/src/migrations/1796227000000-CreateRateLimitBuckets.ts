import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's rate-limit token buckets (per officer on /graphql, per client address on
 * /auth/login), shared by every gateway on the identity database: each take is one
 * atomic upsert. A bucket idle long enough to be full again is pruned.
 */
export class CreateRateLimitBuckets1796227000000 implements MigrationInterface {
  name = 'CreateRateLimitBuckets1796227000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE rate_limit_bucket (
      scope varchar(100) NOT NULL, key varchar(200) NOT NULL,
      tokens double precision NOT NULL, allowed boolean NOT NULL, updated_at timestamptz NOT NULL,
      PRIMARY KEY (scope, key))`);
    await runner.query('CREATE INDEX rate_limit_bucket_idle ON rate_limit_bucket (scope, updated_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE rate_limit_bucket');
  }
}
