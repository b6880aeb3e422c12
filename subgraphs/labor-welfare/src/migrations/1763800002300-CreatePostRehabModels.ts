import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Post-rehab models (mô hình quản lý sau cai nghiện: volunteer teams, clubs, counselling
 * points, self-managed groups) per commune, so the plan's model indicators have actuals.
 */
export class CreatePostRehabModels1763800002300 implements MigrationInterface {
  name = 'CreatePostRehabModels1763800002300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE post_rehab_model (
      id uuid PRIMARY KEY,
      name varchar(200) NOT NULL CHECK (length(trim(name)) > 0),
      kind varchar(32) NOT NULL CHECK (kind IN ('VOLUNTEER_TEAM', 'CLUB', 'COUNSELLING_POINT', 'SELF_MANAGED_GROUP', 'OTHER')),
      unit_code varchar(16) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      established_on date NOT NULL,
      ended_on date CHECK (ended_on IS NULL OR ended_on >= established_on),
      recorded_by varchar(64) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT post_rehab_model_name_per_unit UNIQUE (unit_code, name))`);
    await runner.query(
      'CREATE INDEX post_rehab_model_owner ON post_rehab_model (owner_unit_path text_pattern_ops, established_on)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE post_rehab_model');
  }
}
