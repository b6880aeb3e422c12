import { DataSource } from 'typeorm';
import { copyRows, withIndexesBuiltAfter } from '../db/bulk-load';
import { databaseUrl, dropDatabase, ensureDatabase } from '../db/urls';

describe('bulk loading (COPY, indexes built after the load)', () => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PREFIX: `bulk_${process.pid}` };
  let db: DataSource;

  beforeAll(async () => {
    await ensureDatabase('health', env);
    db = await new DataSource({ type: 'postgres', url: databaseUrl('health', env) }).initialize();
    await db.query(`CREATE TABLE load_target (
      id int PRIMARY KEY, day date NOT NULL, note text, facts jsonb,
      CONSTRAINT one_per_day UNIQUE (day, id))`);
    await db.query('CREATE INDEX load_target_note ON load_target (note)');
    await db.query('CREATE TABLE load_child (target int REFERENCES load_target(id))');
  });

  afterAll(async () => {
    await db.destroy();
    await dropDatabase('health', env);
  });

  const indexes = async (table: string): Promise<string[]> =>
    (
      await db.query<{ indexdef: string }[]>('SELECT indexdef FROM pg_indexes WHERE tablename = $1 ORDER BY indexname', [table])
    ).map((r) => r.indexdef);

  it('copies every row with text that needs escaping, nulls and JSON as they were', async () => {
    const rows = [
      [1, '2026-01-01', 'tab\there, new\nline, back\\slash, "quotes", Tiếng Việt', { a: [1, 'x\ty'] }],
      [2, '2026-01-02', null, null],
      ...Array.from({ length: 20_000 }, (_, i) => [i + 3, '2026-02-01', `row ${String(i)}`, null]),
    ];
    expect(await copyRows(db, 'load_target', ['id', 'day', 'note', 'facts'], rows)).toBe(rows.length);
    const read = await db.query<unknown[]>('SELECT id, day::text AS day, note, facts FROM load_target WHERE id <= 2 ORDER BY id');
    expect(read).toEqual([
      { id: 1, day: '2026-01-01', note: rows[0]?.[2], facts: { a: [1, 'x\ty'] } },
      { id: 2, day: '2026-01-02', note: null, facts: null },
    ]);
  });

  it('drops the indexes for the load and builds the same ones after', async () => {
    const before = await indexes('load_target');
    expect(before).toHaveLength(3);
    const during = await withIndexesBuiltAfter(db, 'load_target', async () => {
      const now = await indexes('load_target');
      await copyRows(db, 'load_target', ['id', 'day'], [[900_000, '2026-03-01']]);
      return now;
    });
    // The primary key stays: a foreign key refers to it. The unique constraint and the index go.
    expect(during).toEqual([before.find((d) => d.includes('load_target_pkey'))]);
    expect(await indexes('load_target')).toEqual(before);
  });

  it('refuses a duplicate when the constraint is built again, as a row-by-row insert would', async () => {
    await db.query('CREATE TABLE dup_target (id int, day date, CONSTRAINT dup_one_per_day UNIQUE (id, day))');
    await expect(
      withIndexesBuiltAfter(db, 'dup_target', () =>
        copyRows(
          db,
          'dup_target',
          ['id', 'day'],
          [
            [1, '2026-01-01'],
            [1, '2026-01-01'],
          ],
        ),
      ),
    ).rejects.toThrow(/dup_one_per_day|duplicate/);
  });
});
