import { Client } from 'pg';
import type { SubgraphName } from '@rehab/shared-schema';

/** Databases of the system: one per registered subgraph (named as in subgraphs/registry.json), plus the gateway's identity store. */
// A subgraph's name or 'identity' (names are checked against the registry where they come in).
export type DatabaseOwner = SubgraphName;

export class DatabaseConfigError extends Error {}

/** Prefix of an owner's environment variables: POLICE, LABOR_WELFARE, IDENTITY, … */
export function envPrefix(owner: DatabaseOwner): string {
  return owner.toUpperCase().replace(/-/g, '_');
}

/** Name of an owner's database on a shared server: rehab_police, rehab_labor_welfare, … */
export function databaseName(owner: DatabaseOwner, env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.DATABASE_PREFIX ?? 'rehab';
  return `${prefix}_${owner.replace(/-/g, '_')}`;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The connection URL of an owner's database: POLICE_DATABASE_URL (and so on) when set,
 * otherwise a database named after the owner on the server DATABASE_URL names.
 */
export function databaseUrl(owner: DatabaseOwner, env: NodeJS.ProcessEnv = process.env): string {
  const own = env[`${envPrefix(owner)}_DATABASE_URL`];
  if (own) return own;
  const server = env.DATABASE_URL;
  if (!server) {
    throw new DatabaseConfigError(
      `No database for ${owner}: set DATABASE_URL (a PostgreSQL server) or ${envPrefix(owner)}_DATABASE_URL.`,
    );
  }
  return withDatabase(server, databaseName(owner, env));
}

/** Whether the owner's database lives on the shared server (so we may create or drop it). */
export function isOnSharedServer(owner: DatabaseOwner, env: NodeJS.ProcessEnv = process.env): boolean {
  return !env[`${envPrefix(owner)}_DATABASE_URL`] && Boolean(env.DATABASE_URL);
}

async function withServer<T>(serverUrl: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * DATABASE_TEMPLATE_PREFIX names a set of databases already migrated (and perhaps seeded)
 * to copy instead of starting empty: the test suite migrates once, then each test file's
 * databases are file copies. Migrations still run after the copy, so a template behind the
 * code only costs time.
 */
async function templateOf(client: Client, owner: DatabaseOwner, env: NodeJS.ProcessEnv): Promise<string | null> {
  const prefix = env.DATABASE_TEMPLATE_PREFIX;
  if (!prefix) return null;
  const name = databaseName(owner, { DATABASE_PREFIX: prefix });
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return found.rowCount ? name : null;
}

/** Creates the owner's database on the shared server when it does not exist yet. */
export async function ensureDatabase(owner: DatabaseOwner, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!isOnSharedServer(owner, env)) return;
  const name = databaseName(owner, env);
  const server = env.DATABASE_URL as string;
  await withServer(server, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    const template = await templateOf(client, owner, env);
    try {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(name)}${template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : ''}`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DatabaseConfigError(
        `Could not create database ${name} (${message}). Create it yourself or set ${envPrefix(owner)}_DATABASE_URL.`,
      );
    }
  });
}

/** Drops the owner's database from the shared server (throwaway test databases only). */
export async function dropDatabase(owner: DatabaseOwner, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!isOnSharedServer(owner, env)) return;
  const name = databaseName(owner, env);
  await withServer(env.DATABASE_URL as string, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}
