import { withClient } from './pg-tools';

/** Rows of every user table of one database, by schema-qualified name. */
export type TableCounts = Map<string, number>;

export async function countRows(url: string): Promise<TableCounts> {
  return withClient(url, async (client) => {
    const tables = await client.query<{ name: string }>(
      "SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables ORDER BY 1",
    );
    const counts: TableCounts = new Map();
    for (const { name } of tables.rows) {
      const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`);
      counts.set(name, Number(result.rows[0]?.n));
    }
    return counts;
  });
}

export function totalRows(counts: TableCounts): number {
  return [...counts.values()].reduce((sum, n) => sum + n, 0);
}

/** Tables whose restored rows differ from the source's (or that exist on one side only). */
export function countDifferences(source: TableCounts, restored: TableCounts): string[] {
  const names = new Set([...source.keys(), ...restored.keys()]);
  return [...names]
    .filter((name) => source.get(name) !== restored.get(name))
    .map((name) => `${name}: ${source.get(name) ?? 'missing'} → ${restored.get(name) ?? 'missing'}`);
}

/** Migrations recorded in a database (TypeORM's table; 0 before the first). */
export async function migrationCount(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const table = await client.query<{ t: string | null }>("SELECT to_regclass('public.schema_migrations')::text AS t");
    if (!table.rows[0]?.t) return 0;
    const result = await client.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
    return Number(result.rows[0]?.n);
  });
}
