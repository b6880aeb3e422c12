import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ARV treatment status beside a positive HIV result (health only): not started, on ARV (with
 * the day it started) or stopped. Results recorded before keep NULL: not recorded.
 */
export class AddArvStatus1796500000100 implements MigrationInterface {
  name = 'AddArvStatus1796500000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE infection_status
      ADD COLUMN arv varchar(16) CHECK (arv IN ('NOT_STARTED', 'ON_ARV', 'STOPPED')),
      ADD COLUMN arv_started_on date,
      ADD CONSTRAINT infection_arv_hiv_positive CHECK (arv IS NULL OR hiv = 'POSITIVE'),
      ADD CONSTRAINT infection_arv_started CHECK ((arv_started_on IS NOT NULL) = (arv IN ('ON_ARV', 'STOPPED')))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE infection_status DROP COLUMN arv_started_on, DROP COLUMN arv');
  }
}
