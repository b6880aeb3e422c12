import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Treatment-choice deadlines (health's addiction determinations: register within N working
 * days of being told) and the registrations that satisfy them (labour-welfare's voluntary
 * rehab, health's substitution treatment), both fed by notices.
 */
export class CreateTreatmentRegistration1764700004100 implements MigrationInterface {
  name = 'CreateTreatmentRegistration1764700004100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE treatment_registration (
      id uuid PRIMARY KEY,
      notice_id uuid NOT NULL CONSTRAINT treatment_registration_notice_once UNIQUE,
      person_id uuid NOT NULL REFERENCES person(id),
      registered_on date NOT NULL,
      form varchar(32) NOT NULL CHECK (form IN ('VOLUNTARY_COMMUNITY', 'VOLUNTARY_FACILITY', 'SUBSTITUTION_TREATMENT')),
      source varchar(32) NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query('CREATE INDEX treatment_registration_person ON treatment_registration (person_id, registered_on)');
    await runner.query(`CREATE TABLE treatment_registration_deadline (
      id uuid PRIMARY KEY,
      notice_id uuid NOT NULL CONSTRAINT treatment_registration_deadline_notice_once UNIQUE,
      determination_id uuid NOT NULL CONSTRAINT treatment_registration_deadline_determination_once UNIQUE,
      person_id uuid NOT NULL REFERENCES person(id),
      determined_on date NOT NULL,
      informed_on date NOT NULL CHECK (informed_on >= determined_on),
      substance_classes text[] NOT NULL DEFAULT '{}',
      working_days integer,
      deadline_on date,
      registration_id uuid REFERENCES treatment_registration(id),
      registered_on date,
      registration_form varchar(32),
      compulsory_admitted_on date,
      received_at timestamptz NOT NULL DEFAULT now(),
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1)`);
    await runner.query(
      'CREATE INDEX treatment_registration_deadline_person ON treatment_registration_deadline (person_id, informed_on)',
    );
    await runner.query('CREATE INDEX treatment_registration_deadline_due ON treatment_registration_deadline (deadline_on, id)');
    await runner.query(`CREATE INDEX treatment_registration_deadline_owner_unit_path
      ON treatment_registration_deadline (owner_unit_path text_pattern_ops)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE treatment_registration_deadline');
    await runner.query('DROP TABLE treatment_registration');
  }
}
