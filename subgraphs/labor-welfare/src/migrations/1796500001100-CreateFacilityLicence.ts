import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Licences of private voluntary rehab facilities (giấy phép hoạt động cai nghiện ma túy tự
 * nguyện): granted, renewed and revoked by the province (the labour department, then from
 * 1 March 2025 the provincial police). A renewal moves the licence's end; the renewals are kept
 * in order. At most one licence not revoked per facility may be in force on a day (checked
 * in the mutation, which locks the facility).
 */
export class CreateFacilityLicence1796500001100 implements MigrationInterface {
  name = 'CreateFacilityLicence1796500001100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE facility_licence (
      id uuid PRIMARY KEY,
      facility_code varchar(16) NOT NULL REFERENCES facility (code),
      facility_owner_path varchar(200) NOT NULL,
      licence_number varchar(64) NOT NULL,
      granted_on date NOT NULL,
      valid_until date NOT NULL,
      licensed_capacity int NOT NULL CHECK (licensed_capacity > 0 AND licensed_capacity <= 100000),
      renewals jsonb NOT NULL DEFAULT '[]'::jsonb,
      revoked_on date,
      revocation_reason text,
      version int NOT NULL DEFAULT 1,
      CONSTRAINT facility_licence_number_once UNIQUE (licence_number),
      CONSTRAINT facility_licence_dates CHECK (valid_until > granted_on),
      CONSTRAINT facility_licence_revocation CHECK ((revoked_on IS NULL) = (revocation_reason IS NULL)
        AND (revoked_on IS NULL OR (revoked_on >= granted_on AND revoked_on <= valid_until))))`);
    await runner.query('CREATE INDEX facility_licence_facility ON facility_licence (facility_code, granted_on)');
    await runner.query('CREATE INDEX facility_licence_owner_path ON facility_licence (facility_owner_path text_pattern_ops)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE facility_licence');
  }
}
