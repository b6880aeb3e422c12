import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The subgraph database's change counter: every statement that writes a table of records
 * takes a number of `data_change_seq` (a statement-level trigger), so "has anything been
 * written since?" is one read of the sequence. Sequences take no row locks, so writers do
 * not wait on one another. Cached indicator measures are recomputed only after a change.
 */
export const DATA_CHANGE_SEQUENCE = 'data_change_seq';
const TRIGGER = 'note_data_change';

/**
 * Tables whose writes change no indicator: the audit of reads (written on every read),
 * delivery bookkeeping, officers' read markers and the migrations' own.
 */
export const UNTRACKED_TABLES: ReadonlySet<string> = new Set([
  'audit_log',
  'outbox_notice',
  'inbox_notice',
  'officer_notification',
  'migrations',
  'typeorm_metadata',
  'schema_migrations',
  'migration_status',
]);

/** The counter and its trigger function, made when missing (a table's migration may run before the kit's). */
async function ensureCounter(runner: QueryRunner): Promise<void> {
  await runner.query(`CREATE SEQUENCE IF NOT EXISTS ${DATA_CHANGE_SEQUENCE}`);
  await runner.query(`CREATE OR REPLACE FUNCTION ${TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM nextval('${DATA_CHANGE_SEQUENCE}'); RETURN NULL; END $$`);
}

/** Counts every write statement on `table` (call it in the migration that creates a table of records). */
export async function trackDataChanges(runner: QueryRunner, table: string): Promise<void> {
  await ensureCounter(runner);
  await runner.query(
    `CREATE OR REPLACE TRIGGER ${TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
       FOR EACH STATEMENT EXECUTE FUNCTION ${TRIGGER}()`,
  );
}

/** The base tables of the public schema a change counter should watch. */
async function recordTables(runner: QueryRunner): Promise<string[]> {
  const rows = (await runner.query(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  )) as { name: string }[];
  return rows.map((r) => r.name).filter((name) => !UNTRACKED_TABLES.has(name));
}

/** The counter, and a trigger on every table of records that exists when it runs. */
export class TrackDataChanges1796500002200 implements MigrationInterface {
  name = 'TrackDataChanges1796500002200';

  async up(runner: QueryRunner): Promise<void> {
    await ensureCounter(runner);
    for (const table of await recordTables(runner)) await trackDataChanges(runner, table);
  }

  async down(runner: QueryRunner): Promise<void> {
    // With every table's trigger, those of tables made since included.
    await runner.query(`DROP FUNCTION ${TRIGGER}() CASCADE`);
    await runner.query(`DROP SEQUENCE ${DATA_CHANGE_SEQUENCE}`);
  }
}

/** The tables of records without the change counter's trigger (a new table's migration forgot trackDataChanges). */
export async function untrackedTables(db: DataSource): Promise<string[]> {
  const rows = await db.query<{ name: string }[]>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = '${TRIGGER}')
      ORDER BY c.relname`,
  );
  return rows.map((r) => r.name).filter((name) => !UNTRACKED_TABLES.has(name));
}

/** The change counter now; every later write statement raises it. */
export async function dataVersion(db: DataSource): Promise<string> {
  const [row] = await db.query<{ v: string }[]>(
    `SELECT last_value::text || ':' || is_called::text AS v FROM ${DATA_CHANGE_SEQUENCE}`,
  );
  return row?.v ?? '';
}
