import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateVolunteers1763800004000 implements MigrationInterface {
  name = 'CreateVolunteers1763800004000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE mass_organisation (
      code varchar(32) PRIMARY KEY,
      name varchar(200) NOT NULL,
      kind varchar(32) NOT NULL CHECK (kind IN ('FATHERLAND_FRONT', 'WOMENS_UNION', 'VETERANS_ASSOCIATION',
        'FARMERS_ASSOCIATION', 'YOUTH_UNION', 'LABOUR_FEDERATION', 'SOCIAL_WORK_VOLUNTEER_TEAM')),
      unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      max_active_assignments integer NOT NULL DEFAULT 2 CHECK (max_active_assignments > 0),
      version integer NOT NULL DEFAULT 1)`);
    await runner.query(`CREATE TABLE volunteer (
      id uuid PRIMARY KEY,
      full_name varchar(200) NOT NULL,
      phone varchar(20) NOT NULL CHECK (phone ~ '^0[0-9]{9}$'),
      organisation_code varchar(32) NOT NULL REFERENCES mass_organisation(code),
      unit_code varchar(16) NOT NULL REFERENCES administrative_unit(code),
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1)`);
    await runner.query('CREATE INDEX volunteer_organisation ON volunteer (organisation_code)');
    await runner.query('CREATE INDEX volunteer_unit ON volunteer (unit_code)');
    await runner.query('CREATE INDEX volunteer_owner_unit_path ON volunteer (owner_unit_path text_pattern_ops)');
    await runner.query(`CREATE TABLE volunteer_assignment (
      id uuid PRIMARY KEY,
      person_id uuid NOT NULL,
      volunteer_id uuid NOT NULL REFERENCES volunteer(id),
      reason varchar(32) NOT NULL CHECK (reason IN ('POST_REHAB_MANAGEMENT', 'DRUG_USER_MANAGEMENT')),
      started_on date NOT NULL,
      ended_on date,
      owner_unit_path varchar(200) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT volunteer_assignment_dates CHECK (ended_on IS NULL OR ended_on >= started_on))`);
    await runner.query('CREATE INDEX volunteer_assignment_person ON volunteer_assignment (person_id, started_on DESC)');
    await runner.query(
      'CREATE INDEX volunteer_assignment_owner_unit_path ON volunteer_assignment (owner_unit_path text_pattern_ops)',
    );
    // Active assignments per volunteer: the capacity check and a volunteer's worklist.
    await runner.query('CREATE INDEX volunteer_assignment_active ON volunteer_assignment (volunteer_id) WHERE ended_on IS NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE volunteer_assignment');
    await runner.query('DROP TABLE volunteer');
    await runner.query('DROP TABLE mass_organisation');
  }
}
