import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refresh tokens: the session keeps the hash of its current refresh token and the
 * hashes of the ones already rotated, so a replayed old token is recognised (and the
 * session revoked) rather than merely refused.
 */
export class AddRefreshTokens1763800007000 implements MigrationInterface {
  name = 'AddRefreshTokens1763800007000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE officer_session
      ADD COLUMN refresh_token_hash varchar(64),
      ADD COLUMN rotated_refresh_hashes varchar(64)[] NOT NULL DEFAULT '{}',
      ADD COLUMN refreshed_at timestamptz,
      ADD COLUMN revoked_reason varchar(32)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE officer_session DROP COLUMN refresh_token_hash, DROP COLUMN rotated_refresh_hashes,
      DROP COLUMN refreshed_at, DROP COLUMN revoked_reason`);
  }
}
