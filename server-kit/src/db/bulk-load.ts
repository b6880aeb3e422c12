import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';

/**
 * Bulk loading for volumes multi-row INSERTs are too slow for (a city's year of doses):
 * COPY from a stream of rows, with the table's indexes dropped before and built after.
 */

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return name;
}

/** A value in COPY's text format (tab-separated, \N for null). */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = value.toString();
  else text = JSON.stringify(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** The rows as COPY text, in chunks of about 256 KiB (one write per chunk, not per row). */
function* copyChunks(rows: Iterable<readonly unknown[]>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += `${row.map(copyText).join('\t')}\n`;
    if (chunk.length >= 262_144) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Streams the rows into the table with COPY; returns the number of rows PostgreSQL loaded. */
export async function copyRows(
  db: DataSource,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<number> {
  const runner = db.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    const sql = `COPY ${identifier(table)} (${columns.map(identifier).join(', ')}) FROM STDIN`;
    const stream = client.query(copyFrom(sql));
    await pipeline(Readable.from(copyChunks(rows)), stream);
    return stream.rowCount;
  } finally {
    await runner.release();
  }
}

interface Rebuildable {
  /** The statements that drop it and build it again. */
  drop: string;
  create: string;
}

/**
 * The table's indexes that can be dropped for a load: plain indexes, and primary-key and
 * unique constraints no foreign key depends on.
 */
async function rebuildableIndexes(
  db: DataSource,
  table: string,
): Promise<{ indexes: Rebuildable[]; constraints: Rebuildable[] }> {
  const indexes = await db.query<Rebuildable[]>(
    `SELECT format('DROP INDEX %I', i.indexname) AS drop, i.indexdef AS "create" FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = $1
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.conrelid = $1::regclass)`,
    [table],
  );
  const constraints = await db.query<Rebuildable[]>(
    `SELECT format('ALTER TABLE %I DROP CONSTRAINT %I', $1::text, c.conname) AS drop,
            format('ALTER TABLE %I ADD CONSTRAINT %I %s', $1::text, c.conname, pg_get_constraintdef(c.oid)) AS "create"
       FROM pg_constraint c
      WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'u')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)`,
    [table],
  );
  return { indexes, constraints };
}

/**
 * Runs a load with the table's indexes (and key constraints nothing refers to) dropped, then
 * builds them again, once, over all the rows, and vacuums and analyses the table. The constraints are
 * checked when they are built: a duplicate loaded fails here, as it would have row by row.
 */
export async function withIndexesBuiltAfter<T>(db: DataSource, table: string, load: () => Promise<T>): Promise<T> {
  const name = identifier(table);
  const { indexes, constraints } = await rebuildableIndexes(db, name);
  for (const dropped of [...constraints, ...indexes]) await db.query(dropped.drop);
  try {
    return await load();
  } finally {
    for (const rebuilt of [...constraints, ...indexes]) await db.query(rebuilt.create);
    // VACUUM too: it marks the loaded pages all-visible (index-only scans) now, rather than
    // autovacuum doing it over millions of rows while the first officers read.
    await db.query(`VACUUM (ANALYZE) ${name}`);
  }
}
