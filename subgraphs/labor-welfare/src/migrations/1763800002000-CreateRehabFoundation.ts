import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Facilities, rehab episodes and plan targets: the foundation of the labour-welfare agency. */
export class CreateRehabFoundation1763800002000 implements MigrationInterface {
  name = 'CreateRehabFoundation1763800002000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE facility (
      code varchar(16) PRIMARY KEY REFERENCES administrative_unit(code),
      name varchar(200) NOT NULL,
      kind varchar(40) NOT NULL
        CHECK (kind IN ('PUBLIC_COMPULSORY_AND_VOLUNTARY', 'PUBLIC_VOLUNTARY', 'PRIVATE_VOLUNTARY')),
      capacity integer NOT NULL CHECK (capacity > 0),
      staff_count integer NOT NULL CHECK (staff_count >= 0),
      version integer NOT NULL DEFAULT 1)`);

    await runner.query(`CREATE TABLE rehab_episode (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      kind varchar(32) NOT NULL CHECK (kind IN ('COMPULSORY', 'VOLUNTARY_FACILITY', 'VOLUNTARY_COMMUNITY')),
      status varchar(16) NOT NULL CHECK (status IN ('ADMITTED', 'ON_LEAVE', 'ABSCONDED', 'COMPLETED', 'TERMINATED')),
      facility_code varchar(16) REFERENCES facility(code),
      residence_unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      facility_owner_path varchar(200),
      residence_owner_path varchar(200) NOT NULL,
      admitted_on date NOT NULL,
      planned_end_on date NOT NULL,
      ended_on date,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT rehab_episode_facility_matches_kind CHECK ((kind = 'VOLUNTARY_COMMUNITY') = (facility_code IS NULL)),
      CONSTRAINT rehab_episode_facility_path CHECK ((facility_code IS NULL) = (facility_owner_path IS NULL)),
      CONSTRAINT rehab_episode_planned_end CHECK (planned_end_on >= admitted_on),
      CONSTRAINT rehab_episode_ended CHECK (ended_on IS NULL OR ended_on >= admitted_on),
      CONSTRAINT rehab_episode_closed_has_end CHECK ((status IN ('COMPLETED', 'TERMINATED')) = (ended_on IS NOT NULL)))`);
    await runner.query('CREATE INDEX rehab_episode_person ON rehab_episode (person_id, admitted_on DESC)');
    await runner.query('CREATE INDEX rehab_episode_facility_owner_path ON rehab_episode (facility_owner_path text_pattern_ops)');
    await runner.query(
      'CREATE INDEX rehab_episode_residence_owner_path ON rehab_episode (residence_owner_path text_pattern_ops)',
    );
    // At most one open episode (in a facility, on leave or absconded) per person.
    await runner.query(`CREATE UNIQUE INDEX rehab_episode_one_open_per_person ON rehab_episode (person_id)
      WHERE status IN ('ADMITTED', 'ON_LEAVE', 'ABSCONDED')`);

    await runner.query(`CREATE TABLE plan_target (
      id serial PRIMARY KEY,
      plan_year integer NOT NULL CHECK (plan_year BETWEEN 2000 AND 2100),
      unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      unit_path varchar(200) NOT NULL,
      indicator_code varchar(64) NOT NULL CHECK (indicator_code ~ '^[A-Z][A-Z0-9_]*$'),
      target_value integer NOT NULL CHECK (target_value >= 0),
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT plan_target_unique UNIQUE (plan_year, unit_code, indicator_code))`);
    await runner.query('CREATE INDEX plan_target_year_unit_path ON plan_target (plan_year, unit_path text_pattern_ops)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE plan_target');
    await runner.query('DROP TABLE rehab_episode');
    await runner.query('DROP TABLE facility');
  }
}
