import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drug use during post-rehab management without a relapse into addiction (sử dụng trái phép
 * chất ma túy, as opposed to tái nghiện): the management goes on and each use is kept on the
 * case with how it became known. One per case and day. The person and unit are the case's.
 */
export class AddPostRehabDrugUse1796500000300 implements MigrationInterface {
  name = 'AddPostRehabDrugUse1796500000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE post_rehab_drug_use (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES post_rehab_case (id),
      used_on date NOT NULL,
      evidence varchar(24) NOT NULL CHECK (evidence IN ('POSITIVE_TEST', 'CAUGHT_USING', 'SELF_REPORTED')),
      note text,
      recorded_by varchar(100) NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT post_rehab_drug_use_once_a_day UNIQUE (case_id, used_on))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE post_rehab_drug_use');
  }
}
