import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units are versions since the real tree: from 1 July 2025 regional courts decide compulsory
 * rehab, so a dossier names the court it was sent to (before, the district court of the
 * dossier's commune decided, found by the tree); and a model's name is unique per unit version
 * (its path), since a kept commune has the same code before and after the reform.
 */
export class AddDossierCourt1764700002400 implements MigrationInterface {
  name = 'AddDossierCourt1764700002400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE compulsory_rehab_dossier ADD COLUMN court_unit_code varchar(16), ADD COLUMN court_unit_path varchar(200),
      ADD CONSTRAINT dossier_court_path CHECK ((court_unit_code IS NULL) = (court_unit_path IS NULL))`);
    await runner.query('CREATE INDEX dossier_court_path ON compulsory_rehab_dossier (court_unit_path text_pattern_ops)');
    await runner.query(`ALTER TABLE post_rehab_model DROP CONSTRAINT post_rehab_model_name_per_unit,
      ADD CONSTRAINT post_rehab_model_name_per_unit UNIQUE (owner_unit_path, name)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    // The model names stay unique per unit version: per code, a commune kept through the reform could not hold its models.
    await runner.query('DROP INDEX dossier_court_path');
    await runner.query(
      'ALTER TABLE compulsory_rehab_dossier DROP CONSTRAINT dossier_court_path, DROP COLUMN court_unit_code, DROP COLUMN court_unit_path',
    );
  }
}
