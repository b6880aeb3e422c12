import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Care relations: a person cared for at a unit that is not their residence (a methadone clinic,
 * a rehab facility), fed by health's and labour-welfare's care notices. While one lasts, the
 * care unit's staff read the person's identity.
 */
export class CreateCareRelation1796214000000 implements MigrationInterface {
  name = 'CreateCareRelation1796214000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE care_relation (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL REFERENCES person(id),
      care_unit_code varchar(16) NOT NULL,
      kind varchar(32) NOT NULL CHECK (kind IN ('SUBSTITUTION_TREATMENT', 'FACILITY_RESIDENCE')),
      record_id uuid NOT NULL,
      started_on date NOT NULL,
      ended_on date CHECK (ended_on IS NULL OR ended_on >= started_on - 1),
      source_notice_id uuid NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT care_relation_period_once UNIQUE (kind, record_id, care_unit_code, started_on))`);
    await runner.query('CREATE INDEX care_relation_unit ON care_relation (care_unit_code, person_id)');
    await runner.query('CREATE INDEX care_relation_person ON care_relation (person_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE care_relation');
  }
}
