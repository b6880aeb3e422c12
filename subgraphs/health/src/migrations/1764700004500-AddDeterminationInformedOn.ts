import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day the person was told of an addiction determination: the treatment-registration
 * deadline runs from it. Until now the conclusion's date stood for it: a row without one (the
 * rows before, seeded history) was told on its examination date.
 */
export class AddDeterminationInformedOn1764700004500 implements MigrationInterface {
  name = 'AddDeterminationInformedOn1764700004500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE addiction_determination ADD COLUMN informed_on date');
    await runner.query(`ALTER TABLE addiction_determination ADD CONSTRAINT addiction_determination_informed_after_examination
      CHECK (informed_on IS NULL OR informed_on >= examined_on)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE addiction_determination DROP COLUMN informed_on');
  }
}
