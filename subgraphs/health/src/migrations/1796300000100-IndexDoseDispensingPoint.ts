import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing a dispensing point checks for doses given there since the closing day: with a year
 * of daily doses (millions of rows) that check reads a range of this index, not the table.
 */
export class IndexDoseDispensingPoint1796300000100 implements MigrationInterface {
  name = 'IndexDoseDispensingPoint1796300000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX dose_dispensing_point ON dose (dispensing_point_code, dose_date)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX dose_dispensing_point');
  }
}
