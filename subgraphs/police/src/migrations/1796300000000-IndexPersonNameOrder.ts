import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name search pages in (folded name, id) order: walking this index the page of a common
 * surname ("nguyen") stops after its rows instead of sorting every match.
 */
export class IndexPersonNameOrder1796300000000 implements MigrationInterface {
  name = 'IndexPersonNameOrder1796300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX person_name_order ON person (full_name_folded, id) WHERE record_status = 'ACTIVE'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX person_name_order');
  }
}
