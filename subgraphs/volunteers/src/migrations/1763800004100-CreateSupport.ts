import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteers' accounts, training, leaving; the contact snapshot an assignment
 * carries (all a volunteer may see of the person); support activities.
 */
export class CreateSupport1763800004100 implements MigrationInterface {
  name = 'CreateSupport1763800004100';

  async up(runner: QueryRunner): Promise<void> {
    // The officer account (gateway username) of a volunteer who uses the system.
    await runner.query(`ALTER TABLE volunteer
      ADD COLUMN username varchar(64) CONSTRAINT volunteer_username_once UNIQUE,
      ADD COLUMN active boolean NOT NULL DEFAULT true,
      ADD COLUMN left_on date,
      ADD COLUMN left_reason varchar(500),
      ADD CONSTRAINT volunteer_left CHECK (active = (left_on IS NULL))`);
    await runner.query(`CREATE TABLE volunteer_training (
      id bigserial PRIMARY KEY,
      volunteer_id uuid NOT NULL REFERENCES volunteer(id),
      course varchar(200) NOT NULL,
      started_on date NOT NULL,
      completed_on date,
      CONSTRAINT volunteer_training_dates CHECK (completed_on IS NULL OR completed_on >= started_on))`);
    await runner.query('CREATE INDEX volunteer_training_volunteer ON volunteer_training (volunteer_id)');
    await runner.query(`ALTER TABLE volunteer_assignment
      ADD COLUMN full_name varchar(200) NOT NULL DEFAULT '',
      ADD COLUMN date_of_birth date,
      ADD COLUMN address varchar(300) NOT NULL DEFAULT '',
      ADD COLUMN phone varchar(20),
      ADD COLUMN period_ends_on date,
      ADD COLUMN end_reason varchar(32) CHECK (end_reason IN ('ENDED', 'VOLUNTEER_LEFT', 'REASSIGNED')),
      ADD COLUMN needs_volunteer boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT volunteer_assignment_needs_volunteer CHECK (NOT needs_volunteer OR ended_on IS NOT NULL)`);
    await runner.query(`CREATE INDEX volunteer_assignment_needs_volunteer ON volunteer_assignment (owner_unit_path text_pattern_ops)
      WHERE needs_volunteer`);
    await runner.query(`CREATE TABLE support_activity (
      id uuid PRIMARY KEY,
      assignment_id uuid NOT NULL REFERENCES volunteer_assignment(id),
      occurred_on date NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('VISIT', 'COUNSELLING', 'FAMILY_SUPPORT', 'JOB_REFERRAL')),
      note varchar(500),
      relapse_risk varchar(8) NOT NULL CHECK (relapse_risk IN ('NONE', 'LOW', 'HIGH')),
      recorded_by varchar(64) NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query(`CREATE UNIQUE INDEX volunteer_assignment_one_active_per_person ON volunteer_assignment (person_id)
      WHERE ended_on IS NULL`);
    await runner.query('CREATE INDEX support_activity_assignment ON support_activity (assignment_id, occurred_on DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE support_activity');
    await runner.query('DROP INDEX volunteer_assignment_one_active_per_person');
    await runner.query(`ALTER TABLE volunteer_assignment DROP CONSTRAINT volunteer_assignment_needs_volunteer,
      DROP COLUMN full_name, DROP COLUMN date_of_birth, DROP COLUMN address, DROP COLUMN phone, DROP COLUMN period_ends_on,
      DROP COLUMN end_reason, DROP COLUMN needs_volunteer`);
    await runner.query('DROP TABLE volunteer_training');
    await runner.query(`ALTER TABLE volunteer DROP CONSTRAINT volunteer_left, DROP COLUMN username, DROP COLUMN active,
      DROP COLUMN left_on, DROP COLUMN left_reason`);
  }
}
