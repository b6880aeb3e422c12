import type { MigrationInterface, QueryRunner } from 'typeorm';
import { unitByCode } from '@rehab/shared-schema';
import { chapterName, type MassOrganisationKind } from '../rules/organisations';

/**
 * Chapters (chi hội, chi đoàn) of the mass organisations per commune: a volunteer is a
 * member of one chapter. Volunteers recorded before get the chapter of their organisation
 * in their commune, created here with its usual name.
 */
export class CreateOrganisationChapters1763800004200 implements MigrationInterface {
  name = 'CreateOrganisationChapters1763800004200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE organisation_chapter (
      id uuid PRIMARY KEY,
      organisation_code varchar(32) NOT NULL REFERENCES mass_organisation(code),
      unit_code varchar(16) NOT NULL,
      owner_unit_path varchar(200) NOT NULL,
      name varchar(200) NOT NULL CHECK (length(trim(name)) > 0),
      leader_name varchar(200),
      leader_phone varchar(20),
      established_on date,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT organisation_chapter_once_per_unit UNIQUE (organisation_code, unit_code))`);
    await runner.query(
      'CREATE INDEX organisation_chapter_owner_unit_path ON organisation_chapter (owner_unit_path text_pattern_ops)',
    );
    const existing = (await runner.query(`SELECT DISTINCT v.organisation_code, v.unit_code, v.owner_unit_path, o.kind
      FROM volunteer v JOIN mass_organisation o ON o.code = v.organisation_code`)) as {
      organisation_code: string;
      unit_code: string;
      owner_unit_path: string;
      kind: MassOrganisationKind;
    }[];
    for (const c of existing) {
      await runner.query(
        `INSERT INTO organisation_chapter (id, organisation_code, unit_code, owner_unit_path, name)
        VALUES (gen_random_uuid(), $1, $2, $3, $4)`,
        [c.organisation_code, c.unit_code, c.owner_unit_path, chapterName(c.kind, unitByCode(c.unit_code)?.name ?? c.unit_code)],
      );
    }
    await runner.query('ALTER TABLE volunteer ADD COLUMN chapter_id uuid REFERENCES organisation_chapter(id)');
    await runner.query(`UPDATE volunteer v SET chapter_id = c.id FROM organisation_chapter c
      WHERE c.organisation_code = v.organisation_code AND c.unit_code = v.unit_code`);
    await runner.query('ALTER TABLE volunteer ALTER COLUMN chapter_id SET NOT NULL');
    await runner.query('CREATE INDEX volunteer_chapter ON volunteer (chapter_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE volunteer DROP COLUMN chapter_id');
    await runner.query('DROP TABLE organisation_chapter');
  }
}
