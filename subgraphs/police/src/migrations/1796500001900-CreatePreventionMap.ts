import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Communes' drug hotspots (identified, cleared) and the province's recognitions of drug-free communes. */
export class CreatePreventionMap1796500001900 implements MigrationInterface {
  name = 'CreatePreventionMap1796500001900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE drug_hotspot (
      id uuid PRIMARY KEY,
      commune_code varchar(16) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      description text NOT NULL CHECK (length(trim(description)) > 0),
      identified_on date NOT NULL,
      cleared_on date,
      clearance_note text,
      agency varchar(32) NOT NULL,
      recorded_by varchar(64) NOT NULL,
      version int NOT NULL DEFAULT 1,
      CONSTRAINT drug_hotspot_clearance CHECK ((cleared_on IS NULL) = (clearance_note IS NULL)
        AND (cleared_on IS NULL OR cleared_on >= identified_on)))`);
    await runner.query('CREATE INDEX drug_hotspot_owner ON drug_hotspot (owner_unit_path text_pattern_ops, identified_on)');
    await runner.query(`CREATE TABLE drug_free_recognition (
      id uuid PRIMARY KEY,
      commune_code varchar(16) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      recognised_on date NOT NULL,
      decision_number varchar(64) NOT NULL CHECK (length(trim(decision_number)) > 0),
      withdrawn_on date,
      withdrawal_reason text,
      agency varchar(32) NOT NULL,
      recorded_by varchar(64) NOT NULL,
      version int NOT NULL DEFAULT 1,
      CONSTRAINT drug_free_withdrawal CHECK ((withdrawn_on IS NULL) = (withdrawal_reason IS NULL)
        AND (withdrawn_on IS NULL OR withdrawn_on >= recognised_on)))`);
    await runner.query('CREATE INDEX drug_free_owner ON drug_free_recognition (owner_unit_path text_pattern_ops, recognised_on)');
    await runner.query(
      'CREATE UNIQUE INDEX drug_free_in_force ON drug_free_recognition (commune_code) WHERE withdrawn_on IS NULL',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE drug_free_recognition');
    await runner.query('DROP TABLE drug_hotspot');
  }
}
