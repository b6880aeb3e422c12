import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { libpqEnv, runTool, withClient, type PgTool } from './pg-tools';

/** One database dumped to a file in pg_dump's custom format. */
export interface DumpFile {
  database: string;
  file: string;
  bytes: number;
}

/** pg_dump of one database (custom format, with owners and privileges as they are). */
export async function dumpDatabase(tool: PgTool, url: string, dir: string, env: NodeJS.ProcessEnv): Promise<DumpFile> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const file = join(dir, `${database}.dump`);
  await runTool(tool.path, ['--format=custom', '--compress=6', `--file=${file}`], libpqEnv(url, env));
  return { database, file, bytes: (await stat(file)).size };
}

/**
 * Restores a dump into a new database of the drill's server. The drill's server has none
 * of production's roles, so owners and privileges are left out; the system re-creates its
 * restricted application role and grants when it opens the database.
 */
export async function restoreDump(tool: PgTool, dump: DumpFile, serverUrl: string, env: NodeJS.ProcessEnv): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(dump.database)}`));
  const target = new URL(serverUrl);
  target.pathname = `/${dump.database}`;
  await runTool(
    tool.path,
    ['--exit-on-error', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${dump.database}`, dump.file],
    libpqEnv(target.toString(), env),
  );
}
