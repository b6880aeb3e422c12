import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dispensing points (điểm cấp phát thuốc) become records of a clinic: every clinic has its
 * own counter (<clinic>-01), a clinic may open satellite points (e.g. at a commune health
 * station) and close them. Doses now name a point of their clinic; the free-text points of
 * doses recorded before are kept as points of their clinic (same name), so no dose loses it.
 */
export class CreateDispensingPoints1763800003300 implements MigrationInterface {
  name = 'CreateDispensingPoints1763800003300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE dispensing_point (
      code varchar(32) PRIMARY KEY,
      clinic_code varchar(16) NOT NULL REFERENCES clinic(code),
      name varchar(200) NOT NULL CHECK (length(trim(name)) > 0),
      address varchar(300),
      opened_on date,
      closed_on date CHECK (closed_on IS NULL OR opened_on IS NULL OR closed_on >= opened_on),
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT dispensing_point_name_per_clinic UNIQUE (clinic_code, name))`);
    await runner.query('CREATE INDEX dispensing_point_clinic ON dispensing_point (clinic_code)');
    await runner.query(`INSERT INTO dispensing_point (code, clinic_code, name, address, owner_unit_path)
      SELECT c.code || '-01', c.code, 'Quầy cấp phát tại cơ sở', c.name, c.owner_unit_path FROM clinic c`);
    await runner.query(`INSERT INTO dispensing_point (code, clinic_code, name, owner_unit_path)
      SELECT u.clinic_code || '-' || lpad((1 + row_number() OVER (PARTITION BY u.clinic_code ORDER BY u.name))::text, 2, '0'),
        u.clinic_code, u.name, c.owner_unit_path
      FROM (SELECT DISTINCT clinic_code, trim(dispensing_point) AS name FROM dose) u
      JOIN clinic c ON c.code = u.clinic_code
      WHERE u.name <> 'Quầy cấp phát tại cơ sở'`);
    await runner.query('ALTER TABLE dose ADD COLUMN dispensing_point_code varchar(32) REFERENCES dispensing_point(code)');
    await runner.query(`UPDATE dose d SET dispensing_point_code = p.code FROM dispensing_point p
      WHERE p.clinic_code = d.clinic_code AND p.name = trim(d.dispensing_point)`);
    await runner.query('ALTER TABLE dose ALTER COLUMN dispensing_point_code SET NOT NULL');
    await runner.query('ALTER TABLE dose DROP COLUMN dispensing_point');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE dose ADD COLUMN dispensing_point varchar(200)');
    await runner.query(
      'UPDATE dose d SET dispensing_point = p.name FROM dispensing_point p WHERE p.code = d.dispensing_point_code',
    );
    await runner.query('ALTER TABLE dose ALTER COLUMN dispensing_point SET NOT NULL');
    await runner.query('ALTER TABLE dose DROP COLUMN dispensing_point_code');
    await runner.query('DROP TABLE dispensing_point');
  }
}
