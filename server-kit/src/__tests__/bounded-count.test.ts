import { DataSource } from 'typeorm';
import { databaseUrl, dropDatabase, ensureDatabase } from '../db/urls';
import { countUpTo } from '../keyset';

describe('countUpTo: a search counts its matches only up to a cap', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PREFIX: `count_${process.pid}` };
  let db: DataSource;

  beforeAll(async () => {
    await ensureDatabase('police', env);
    db = await new DataSource({ type: 'postgres', url: databaseUrl('police', env) }).initialize();
    await db.query('CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL)');
    await db.query(
      `INSERT INTO item SELECT i, CASE WHEN i % 3 = 0 THEN 'nguyen' ELSE 'tran' END FROM generate_series(1, 3000) AS i`,
    );
  });

  afterAll(async () => {
    await db.destroy();
    await dropDatabase('police', env);
  });

  const query = (name: string) =>
    db.createQueryBuilder().from('item', 'i').where('i.name = :name', { name }).orderBy('i.id', 'DESC');

  it('is exact at or below the cap, with the query’s own parameters and ordering ignored', async () => {
    expect(await countUpTo(query('nguyen'), 1000)).toEqual({ count: 1000, exact: true });
    expect(await countUpTo(query('tran'), 2000)).toEqual({ count: 2000, exact: true });
    expect(await countUpTo(query('le'), 10)).toEqual({ count: 0, exact: true });
  });

  it('stops at the cap and says the true count is larger', async () => {
    expect(await countUpTo(query('tran'), 1999)).toEqual({ count: 1999, exact: false });
    expect(await countUpTo(query('nguyen'), 10)).toEqual({ count: 10, exact: false });
  });

  it('leaves the query it was given usable for the page', async () => {
    const q = query('nguyen');
    await countUpTo(q, 5);
    const page = await q.select('i.id', 'id').limit(2).getRawMany<{ id: number }>();
    expect(page.map((r) => r.id)).toEqual([3000, 2997]);
  });
});
