import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/** A PostgreSQL client program and the major version it reports. */
export interface PgTool {
  path: string;
  major: number;
}

/** pg_dump and pg_restore from PG_BIN_DIR, else from PATH; null when either is missing. */
export async function findDumpTools(env: NodeJS.ProcessEnv): Promise<{ dump: PgTool; restore: PgTool } | null> {
  const at = (name: string): string => (env.PG_BIN_DIR ? join(env.PG_BIN_DIR, name) : name);
  const dump = await toolVersion(at('pg_dump'));
  const restore = await toolVersion(at('pg_restore'));
  return dump && restore ? { dump, restore } : null;
}

async function toolVersion(path: string): Promise<PgTool | null> {
  try {
    const { stdout } = await run(path, ['--version']);
    // "pg_dump (PostgreSQL) 15.19 (Debian 15.19-0+deb12u1)"
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return match ? { path, major: Number(match[1]) } : null;
  } catch {
    return null;
  }
}

/** The major version of the server a URL points at. */
export async function serverMajor(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const result = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(result.rows[0]?.v) / 10_000);
  });
}

export async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'rehab-restore-drill' });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Runs a client program; on failure the error names the program and carries its stderr. */
export async function runTool(path: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(path, [...args], { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${path} failed${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
}

/** libpq's environment for a URL, so passwords stay off the command line. */
export function libpqEnv(url: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const parsed = new URL(url);
  return {
    ...env,
    PGHOST: parsed.hostname,
    PGPORT: parsed.port || '5432',
    PGUSER: decodeURIComponent(parsed.username),
    PGPASSWORD: decodeURIComponent(parsed.password),
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
  };
}
