import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training of the officers and staff who do drug-control work (tập huấn, bồi dưỡng nghiệp vụ):
 * a course held for a commune or a province, by the agency that held it, with its participants
 * counted by the group they work in. Aggregates only: no participant is named.
 */
export class CreateTrainingCourse1796500001400 implements MigrationInterface {
  name = 'CreateTrainingCourse1796500001400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE training_course (
      id uuid PRIMARY KEY,
      unit_code varchar(16) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      title varchar(300) NOT NULL CHECK (length(trim(title)) > 0),
      agency varchar(32) NOT NULL,
      started_on date NOT NULL,
      ended_on date NOT NULL CHECK (ended_on >= started_on),
      participants jsonb NOT NULL,
      total_participants int NOT NULL CHECK (total_participants > 0),
      recorded_by varchar(64) NOT NULL,
      version int NOT NULL DEFAULT 1)`);
    await runner.query('CREATE INDEX training_course_owner ON training_course (owner_unit_path text_pattern_ops, ended_on)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE training_course');
  }
}
