import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commune's Fatherland Front committee gives its opinion on a compulsory-rehab dossier
 * while the court has not decided: agree or disagree, with its reasons (required to
 * disagree), the day and the committee's unit. One opinion per dossier.
 */
export class AddDossierFrontOpinion1796500000200 implements MigrationInterface {
  name = 'AddDossierFrontOpinion1796500000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE compulsory_rehab_dossier
      ADD COLUMN front_opinion varchar(16),
      ADD COLUMN front_opinion_reasoning text,
      ADD COLUMN front_opinion_on date,
      ADD COLUMN front_opinion_unit_code varchar(16),
      ADD CONSTRAINT dossier_front_opinion_kind CHECK (front_opinion IN ('AGREE', 'DISAGREE')),
      ADD CONSTRAINT dossier_front_opinion_whole CHECK (
        (front_opinion IS NULL) = (front_opinion_on IS NULL)
        AND (front_opinion IS NULL) = (front_opinion_unit_code IS NULL)
        AND (front_opinion IS NOT NULL OR front_opinion_reasoning IS NULL)),
      ADD CONSTRAINT dossier_front_disagreement_reasoned CHECK (
        front_opinion IS DISTINCT FROM 'DISAGREE' OR length(btrim(front_opinion_reasoning)) > 0)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE compulsory_rehab_dossier DROP CONSTRAINT dossier_front_disagreement_reasoned,
      DROP CONSTRAINT dossier_front_opinion_whole, DROP CONSTRAINT dossier_front_opinion_kind,
      DROP COLUMN front_opinion_unit_code, DROP COLUMN front_opinion_on, DROP COLUMN front_opinion_reasoning,
      DROP COLUMN front_opinion`);
  }
}
