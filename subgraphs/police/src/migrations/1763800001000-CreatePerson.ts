import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePerson1763800001000 implements MigrationInterface {
  name = 'CreatePerson1763800001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await runner.query(`CREATE TABLE person (
      id uuid PRIMARY KEY,
      identification_number char(12) NOT NULL CONSTRAINT person_identification_number_unique UNIQUE
        CHECK (identification_number ~ '^[0-9]{12}$'),
      full_name varchar(200) NOT NULL,
      full_name_folded varchar(200) NOT NULL,
      other_names text[] NOT NULL DEFAULT '{}',
      date_of_birth date NOT NULL,
      sex varchar(8) NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
      ethnicity varchar(64) NOT NULL,
      permanent_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      permanent_address varchar(300) NOT NULL,
      current_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      current_address varchar(300) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1)`);
    await runner.query('CREATE INDEX person_owner_unit_path ON person (owner_unit_path text_pattern_ops)');
    // Substring search on the folded name (search ignores diacritics and case).
    await runner.query('CREATE INDEX person_full_name_folded ON person USING gin (full_name_folded gin_trgm_ops)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE person');
  }
}
