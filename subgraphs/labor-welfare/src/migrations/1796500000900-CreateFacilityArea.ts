import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Areas of a facility (phân khu): adults and minors (12 to under 18), men and women, each in an
 * area of its own, with its number of places. A resident is placed in an area of the facility
 * holding them; a transfer to another facility clears the placement. Episodes before keep none.
 */
export class CreateFacilityArea1796500000900 implements MigrationInterface {
  name = 'CreateFacilityArea1796500000900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE facility_area (
      id uuid PRIMARY KEY,
      facility_code varchar(16) NOT NULL REFERENCES facility (code),
      name varchar(100) NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('MEN', 'WOMEN', 'MINOR_BOYS', 'MINOR_GIRLS')),
      capacity int NOT NULL CHECK (capacity >= 0 AND capacity <= 100000),
      version int NOT NULL DEFAULT 1,
      CONSTRAINT facility_area_name_once UNIQUE (facility_code, name))`);
    await runner.query('ALTER TABLE rehab_episode ADD COLUMN area_id uuid REFERENCES facility_area (id)');
    await runner.query('CREATE INDEX rehab_episode_area ON rehab_episode (area_id) WHERE area_id IS NOT NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE rehab_episode DROP COLUMN area_id');
    await runner.query('DROP TABLE facility_area');
  }
}
