import type { MigrationInterface, QueryRunner } from 'typeorm';

const FOUR = `'DETOX', 'EDUCATION_BEHAVIOUR', 'VOCATIONAL_LABOUR_THERAPY', 'REINTEGRATION_PREPARATION'`;

/**
 * Rehab done by people (Luật Phòng, chống ma túy 2021, art. 29: five phases, the first being
 * intake and classification): the phase INTAKE_CLASSIFICATION, and the individual rehab plan
 * of a rehab at home/community — its phases with their planned start and activities, the
 * family caregiver and the named supporters. One plan per episode, replaced as a whole; each
 * revision is an event of the episode. Episodes admitted before keep the phase they had.
 */
export class AddCommunityRehabPlan1796500000600 implements MigrationInterface {
  name = 'AddCommunityRehabPlan1796500000600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE rehab_episode DROP CONSTRAINT rehab_episode_phase_check,
      ADD CONSTRAINT rehab_episode_phase_check CHECK (phase IN ('INTAKE_CLASSIFICATION', ${FOUR}))`);
    await runner.query(`CREATE TABLE community_rehab_plan (
      episode_id uuid PRIMARY KEY REFERENCES rehab_episode (id),
      revision int NOT NULL CHECK (revision >= 1),
      prepared_on date NOT NULL,
      goals text,
      caregiver_name varchar(200),
      caregiver_relationship varchar(24) CHECK (caregiver_relationship IN
        ('PARENT', 'SPOUSE', 'CHILD', 'SIBLING', 'GRANDPARENT', 'OTHER_RELATIVE', 'GUARDIAN')),
      caregiver_phone varchar(20),
      supporters jsonb NOT NULL CHECK (jsonb_typeof(supporters) = 'array' AND jsonb_array_length(supporters) >= 1),
      phases jsonb NOT NULL CHECK (jsonb_typeof(phases) = 'array' AND jsonb_array_length(phases) >= 4),
      prepared_by varchar(100) NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT community_rehab_plan_caregiver_whole CHECK (
        (caregiver_name IS NULL) = (caregiver_relationship IS NULL) AND (caregiver_name IS NOT NULL OR caregiver_phone IS NULL)))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE community_rehab_plan');
    await runner.query(`UPDATE rehab_episode SET phase = 'DETOX' WHERE phase = 'INTAKE_CLASSIFICATION'`);
    await runner.query(`ALTER TABLE rehab_episode DROP CONSTRAINT rehab_episode_phase_check,
      ADD CONSTRAINT rehab_episode_phase_check CHECK (phase IN (${FOUR}))`);
  }
}
