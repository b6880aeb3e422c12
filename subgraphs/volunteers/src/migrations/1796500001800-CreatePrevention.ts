import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prevention for high-risk groups: a commune's list of people at risk (linked, once on record,
 * to the registry person: one entry per person) and the services given to them or to people on
 * record (risk screening, counselling, legal aid, referral).
 */
export class CreatePrevention1796500001800 implements MigrationInterface {
  name = 'CreatePrevention1796500001800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE person_at_risk (
      id uuid PRIMARY KEY,
      full_name varchar(200) NOT NULL CHECK (length(trim(full_name)) > 0),
      birth_year int NOT NULL CHECK (birth_year BETWEEN 1900 AND 2100),
      commune_code varchar(16) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      risk_group varchar(16) NOT NULL CHECK (risk_group IN ('SUSPECTED_USE', 'YOUTH_AT_RISK', 'FAMILY_OF_USER', 'OTHER')),
      listed_on date NOT NULL,
      agency varchar(32) NOT NULL,
      note text,
      person_id uuid,
      linked_on date,
      removed_on date,
      removal_reason text,
      recorded_by varchar(64) NOT NULL,
      version int NOT NULL DEFAULT 1,
      CONSTRAINT person_at_risk_link CHECK ((person_id IS NULL) = (linked_on IS NULL) AND (linked_on IS NULL OR linked_on >= listed_on)),
      CONSTRAINT person_at_risk_removal CHECK ((removed_on IS NULL) = (removal_reason IS NULL)
        AND (removed_on IS NULL OR removed_on >= listed_on)))`);
    await runner.query('CREATE INDEX person_at_risk_owner ON person_at_risk (owner_unit_path text_pattern_ops, listed_on)');
    await runner.query('CREATE UNIQUE INDEX person_at_risk_person ON person_at_risk (person_id) WHERE person_id IS NOT NULL');
    await runner.query(`CREATE TABLE prevention_service (
      id uuid PRIMARY KEY,
      person_at_risk_id uuid REFERENCES person_at_risk (id),
      person_id uuid,
      owner_unit_path varchar(200) NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('RISK_SCREENING', 'COUNSELLING', 'LEGAL_AID', 'REFERRAL')),
      provided_on date NOT NULL,
      agency varchar(32) NOT NULL,
      note text,
      recorded_by varchar(64) NOT NULL,
      CONSTRAINT prevention_service_whom CHECK ((person_at_risk_id IS NULL) <> (person_id IS NULL)))`);
    await runner.query('CREATE INDEX prevention_service_at_risk ON prevention_service (person_at_risk_id, provided_on)');
    await runner.query('CREATE INDEX prevention_service_person ON prevention_service (person_id, provided_on)');
    await runner.query(
      'CREATE INDEX prevention_service_owner ON prevention_service (owner_unit_path text_pattern_ops, provided_on)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE prevention_service');
    await runner.query('DROP TABLE person_at_risk');
  }
}
