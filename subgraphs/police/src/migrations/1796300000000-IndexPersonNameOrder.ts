import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name search pages in (folded name, id) byte order: walking this index from the typed prefix,
 * a common surname's page ("nguyen") stops after its rows instead of sorting every match.
 */
export class IndexPersonNameOrder1796300000000 implements MigrationInterface {
  name = 'IndexPersonNameOrder1796300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX person_name_order ON person ((full_name_folded COLLATE "C"), id) WHERE record_status = 'ACTIVE'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX person_name_order');
  }
}
