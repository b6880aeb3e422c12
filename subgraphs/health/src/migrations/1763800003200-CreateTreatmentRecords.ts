import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Qualified facilities and certified physicians, examinations (criteria per
 * substance class), the enrolment's lifecycle columns, the dosing ledger, urine tests and
 * HIV/hepatitis status.
 */
export class CreateTreatmentRecords1763800003200 implements MigrationInterface {
  name = 'CreateTreatmentRecords1763800003200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE qualified_facility (
      code varchar(16) PRIMARY KEY REFERENCES administrative_unit(code),
      name varchar(200) NOT NULL,
      qualified_on date NOT NULL)`);
    await runner.query(`CREATE TABLE certified_physician (
      username varchar(64) PRIMARY KEY,
      full_name varchar(200) NOT NULL,
      certificate_number varchar(64) NOT NULL UNIQUE,
      facility_code varchar(16) NOT NULL REFERENCES qualified_facility(code))`);

    await runner.query(`CREATE TABLE addiction_examination (
      id uuid PRIMARY KEY,
      request_id uuid NOT NULL UNIQUE REFERENCES addiction_determination_request(id),
      determination_id uuid NOT NULL UNIQUE REFERENCES addiction_determination(id),
      person_id uuid NOT NULL,
      examined_on date NOT NULL,
      findings jsonb NOT NULL,
      clinical_notes text,
      physician_username varchar(64) NOT NULL REFERENCES certified_physician(username),
      facility_code varchar(16) NOT NULL REFERENCES qualified_facility(code),
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1)`);
    await runner.query('CREATE INDEX addiction_examination_person ON addiction_examination (person_id, examined_on DESC)');
    await runner.query(
      `ALTER TABLE addiction_determination ADD COLUMN request_id uuid REFERENCES addiction_determination_request(id)`,
    );

    await runner.query(`ALTER TABLE substitution_treatment
      ADD COLUMN date_of_birth date,
      ADD COLUMN guardian_name varchar(200),
      ADD COLUMN guardian_relationship varchar(100),
      ADD COLUMN guardian_consented_on date,
      ADD COLUMN stopped_on date,
      ADD COLUMN termination_reason varchar(40)
        CHECK (termination_reason IN ('FORCED_PROTOCOL_VIOLATIONS', 'FORCED_REPEATED_POSITIVE_TESTS', 'VOLUNTARY', 'OTHER')),
      ADD COLUMN termination_note text`);

    await runner.query(`CREATE TABLE dose (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      treatment_id uuid NOT NULL REFERENCES substitution_treatment(id),
      dose_date date NOT NULL,
      mg numeric(7, 2) NOT NULL CHECK (mg > 0),
      kind varchar(16) NOT NULL CHECK (kind IN ('WITNESSED', 'TAKE_HOME')),
      dispensing_point varchar(200) NOT NULL CHECK (length(trim(dispensing_point)) > 0),
      recorded_by varchar(64) NOT NULL,
      clinic_code varchar(16) NOT NULL REFERENCES clinic(code),
      owner_unit_path varchar(200) NOT NULL,
      CONSTRAINT dose_one_per_day UNIQUE (treatment_id, dose_date))`);
    await runner.query('CREATE INDEX dose_person ON dose (person_id, dose_date DESC)');

    await runner.query(`CREATE TABLE urine_test (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      tested_on date NOT NULL,
      results jsonb NOT NULL,
      recorded_by varchar(64) NOT NULL,
      owner_unit_path varchar(200) NOT NULL)`);
    await runner.query('CREATE INDEX urine_test_person ON urine_test (person_id, tested_on DESC)');

    await runner.query(`CREATE TABLE infection_status (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      hiv varchar(16) NOT NULL CHECK (hiv IN ('POSITIVE', 'NEGATIVE')),
      hepatitis_b varchar(16) NOT NULL CHECK (hepatitis_b IN ('POSITIVE', 'NEGATIVE')),
      hepatitis_c varchar(16) NOT NULL CHECK (hepatitis_c IN ('POSITIVE', 'NEGATIVE')),
      tested_on date NOT NULL,
      recorded_by varchar(64) NOT NULL,
      owner_unit_path varchar(200) NOT NULL)`);
    await runner.query('CREATE INDEX infection_status_person ON infection_status (person_id, tested_on DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'infection_status',
      'urine_test',
      'dose',
      'addiction_examination',
      'certified_physician',
      'qualified_facility',
    ]) {
      await runner.query(`DROP TABLE ${table}`);
    }
    await runner.query('ALTER TABLE addiction_determination DROP COLUMN request_id');
    await runner.query(`ALTER TABLE substitution_treatment DROP COLUMN date_of_birth, DROP COLUMN guardian_name,
      DROP COLUMN guardian_relationship, DROP COLUMN guardian_consented_on, DROP COLUMN stopped_on,
      DROP COLUMN termination_reason, DROP COLUMN termination_note`);
  }
}
