import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Clinics, addiction determinations and substitution treatment enrolments. */
export class CreateHealthRecords1763800003000 implements MigrationInterface {
  name = 'CreateHealthRecords1763800003000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE clinic (
      code varchar(16) PRIMARY KEY REFERENCES administrative_unit(code),
      name varchar(200) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1)`);
    await runner.query('CREATE INDEX clinic_owner_unit_path ON clinic (owner_unit_path text_pattern_ops)');

    await runner.query(`CREATE TABLE addiction_determination (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      examined_on date NOT NULL,
      addicted boolean NOT NULL,
      substance_classes text[] NOT NULL DEFAULT '{}'
        CHECK (substance_classes <@ ARRAY['OPIOIDS', 'STIMULANTS', 'CANNABIS', 'OTHER']::text[]),
      document_number varchar(64) NOT NULL CHECK (length(trim(document_number)) > 0),
      owner_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT addiction_determination_classes_match_conclusion
        CHECK (addicted = (cardinality(substance_classes) > 0)))`);
    await runner.query('CREATE INDEX addiction_determination_person ON addiction_determination (person_id, examined_on DESC)');
    await runner.query(
      'CREATE INDEX addiction_determination_owner_unit_path ON addiction_determination (owner_unit_path text_pattern_ops)',
    );

    await runner.query(`CREATE TABLE substitution_treatment (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      clinic_code varchar(16) NOT NULL REFERENCES clinic(code),
      status varchar(16) NOT NULL CHECK (status IN ('ACTIVE', 'STOPPED')),
      phase varchar(16) NOT NULL
        CHECK (phase IN ('INDUCTION', 'DOSE_ADJUSTMENT', 'MAINTENANCE', 'TAPERING', 'STOPPED')),
      enrolled_on date NOT NULL,
      medication varchar(16) NOT NULL CHECK (medication IN ('METHADONE', 'BUPRENORPHINE')),
      owner_unit_path varchar(200) NOT NULL,
      residence_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT substitution_treatment_stopped_phase CHECK ((status = 'STOPPED') = (phase = 'STOPPED')))`);
    await runner.query('CREATE INDEX substitution_treatment_person ON substitution_treatment (person_id, enrolled_on DESC)');
    // At most one ongoing enrolment per person.
    await runner.query(`CREATE UNIQUE INDEX substitution_treatment_one_active ON substitution_treatment (person_id)
      WHERE status = 'ACTIVE'`);
    await runner.query('CREATE INDEX substitution_treatment_clinic ON substitution_treatment (clinic_code)');
    await runner.query(
      'CREATE INDEX substitution_treatment_owner_unit_path ON substitution_treatment (owner_unit_path text_pattern_ops)',
    );
    await runner.query(`CREATE INDEX substitution_treatment_residence_unit_path
      ON substitution_treatment (residence_unit_path text_pattern_ops)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE substitution_treatment');
    await runner.query('DROP TABLE addiction_determination');
    await runner.query('DROP TABLE clinic');
  }
}
