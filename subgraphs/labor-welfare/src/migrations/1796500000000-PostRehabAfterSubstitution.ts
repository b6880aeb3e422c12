import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Post-rehab management also follows substitution treatment (DOMAIN step 6: "people on
 * substitution treatment, or who stopped it, are managed likewise"). A case now says what it
 * follows: a completed rehab episode (every case before this migration), an enrolment in
 * substitution treatment, or the end of one. A treatment opens at most one case of each
 * basis, so a notice delivered twice opens nothing more.
 */
export class PostRehabAfterSubstitution1796500000000 implements MigrationInterface {
  name = 'PostRehabAfterSubstitution1796500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE post_rehab_case
      ALTER COLUMN episode_id DROP NOT NULL,
      ADD COLUMN basis varchar(24) NOT NULL DEFAULT 'REHAB_COMPLETED'
        CHECK (basis IN ('REHAB_COMPLETED', 'ON_SUBSTITUTION', 'AFTER_SUBSTITUTION')),
      ADD COLUMN substitution_treatment_id uuid,
      ADD CONSTRAINT post_rehab_basis_episode CHECK ((basis = 'REHAB_COMPLETED') = (episode_id IS NOT NULL)),
      ADD CONSTRAINT post_rehab_basis_treatment CHECK ((basis = 'REHAB_COMPLETED') = (substitution_treatment_id IS NULL))`);
    await runner.query(`CREATE UNIQUE INDEX post_rehab_one_per_treatment ON post_rehab_case (substitution_treatment_id, basis)
      WHERE substitution_treatment_id IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE compulsory_rehab_dossier SET post_rehab_case_id = NULL
      WHERE post_rehab_case_id IN (SELECT id FROM post_rehab_case WHERE basis <> 'REHAB_COMPLETED')`);
    await runner.query(`UPDATE reintegration_support SET post_rehab_case_id = NULL
      WHERE post_rehab_case_id IN (SELECT id FROM post_rehab_case WHERE basis <> 'REHAB_COMPLETED')`);
    await runner.query(`DELETE FROM post_rehab_case WHERE basis <> 'REHAB_COMPLETED'`);
    await runner.query('DROP INDEX post_rehab_one_per_treatment');
    await runner.query(`ALTER TABLE post_rehab_case DROP COLUMN substitution_treatment_id, DROP COLUMN basis,
      ALTER COLUMN episode_id SET NOT NULL`);
  }
}
