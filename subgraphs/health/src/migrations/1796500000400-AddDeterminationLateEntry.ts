import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A determination request has the day it was made on paper (`requested_on`), which may be
 * earlier than the day it was entered (`requested_at`): a paper examination done before
 * the request reached the system is entered with its real dates and marked as a late entry,
 * with the reason. Requests entered before this change were made the day they were entered.
 */
export class AddDeterminationLateEntry1796500000400 implements MigrationInterface {
  name = 'AddDeterminationLateEntry1796500000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE addiction_determination_request ADD COLUMN requested_on date,
      ADD COLUMN late_entry_reason text`);
    await runner.query(
      `UPDATE addiction_determination_request SET requested_on = (requested_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`,
    );
    await runner.query(`ALTER TABLE addiction_determination_request ALTER COLUMN requested_on SET NOT NULL,
      ADD CONSTRAINT determination_request_late_entry_reason CHECK (late_entry_reason IS NULL OR length(btrim(late_entry_reason)) > 0)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE addiction_determination_request DROP CONSTRAINT determination_request_late_entry_reason,
      DROP COLUMN late_entry_reason, DROP COLUMN requested_on`);
  }
}
