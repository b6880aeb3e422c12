import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a facility may take compulsory residents aged 12 to under 18: from 1 July 2026
 * (Law 120/2025, rules-table MINOR_COMPULSORY_PLACEMENT) they go to reformatory schools or
 * suitable public facilities. No demo facility is known to have a minors' area, so none is
 * marked; a province designating one is a data change.
 */
export class AddFacilityAdmitsMinors1764700004800 implements MigrationInterface {
  name = 'AddFacilityAdmitsMinors1764700004800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE facility ADD COLUMN admits_minors boolean NOT NULL DEFAULT false');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE facility DROP COLUMN admits_minors');
  }
}
