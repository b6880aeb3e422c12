import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Client } from 'pg';
import { createDataSource, migrateDatabase } from '../db/datasource';
import { databaseUrl, dropDatabase, ensureDatabase } from '../db/urls';

/** A migration slow enough that two copies starting together overlap inside it. */
class SlowTable1700000000000 implements MigrationInterface {
  name = 'SlowTable1700000000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('SELECT pg_sleep(0.5)');
    await runner.query('CREATE TABLE slow_table (id int PRIMARY KEY)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE slow_table');
  }
}

describe('migrations of copies started together', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PREFIX: `miglock_${process.pid}` };

  afterAll(async () => {
    await dropDatabase('police', env);
  });

  it('run once: the second copy waits for the first and finds nothing to do', async () => {
    const copy = () => createDataSource({ owner: 'police', entities: [], migrations: [SlowTable1700000000000], env });
    const sources = [copy(), copy()];
    // The database exists before they race (creating it is not what is tested here).
    await ensureDatabase('police', env);
    await Promise.all(sources.map((source) => migrateDatabase(source, 'police', env)));
    const client = new Client({ connectionString: databaseUrl('police', env) });
    await client.connect();
    try {
      const applied = await client.query<{ name: string }>('SELECT name FROM schema_migrations');
      expect(applied.rows.map((r) => r.name)).toEqual(['SlowTable1700000000000']);
    } finally {
      await client.end();
    }
  });
});
