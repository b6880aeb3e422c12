import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { appDatabaseUrl, ensureAppRole } from './app-role';
import { QueryCounter } from './query-counter';
import { applyPendingUnitPatches } from '../reference/unit-patch-sync';
import { databaseUrl, ensureDatabase, type DatabaseOwner } from './urls';

/** An entity or migration class. */
export type ClassType = abstract new (...args: never[]) => unknown;
type EntityList = MixedList<ClassType | string | EntitySchema>;
type MigrationList = MixedList<ClassType | string>;

export interface DataSourceOptions {
  owner: DatabaseOwner;
  entities: EntityList;
  migrations: MigrationList;
  env?: NodeJS.ProcessEnv;
  poolSize?: number;
}

export interface CountedDataSource {
  dataSource: DataSource;
  queries: QueryCounter;
}

/**
 * A TypeORM DataSource on the owner's database, connecting as the application's
 * restricted role (see app-role.ts); openDatabase migrates as the owner first. Never
 * synchronize: the schema comes from migrations only.
 */
export function createDataSource(options: DataSourceOptions): CountedDataSource {
  const env = options.env ?? process.env;
  const queries = new QueryCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url: appDatabaseUrl(options.owner, env),
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['query'],
    logger: queries,
    extra: {
      max: options.poolSize ?? Number(env.DATABASE_POOL_SIZE ?? 10),
      application_name: `rehab-${options.owner}`,
      // Requests read a page or a person: compiling a plan (tens to hundreds of ms once a table
      // holds millions of rows) costs more than it saves.
      options: '-c jit=off',
    },
  });
  return { dataSource, queries };
}

/**
 * A short-lived DataSource with the same entities and migrations, connecting as the
 * database's owner (the configured URL): for migrations and other schema changes.
 */
export function ownerDataSource(
  source: CountedDataSource,
  owner: DatabaseOwner,
  env: NodeJS.ProcessEnv = process.env,
): DataSource {
  const options = source.dataSource.options as PostgresConnectionOptions;
  return new DataSource({
    type: 'postgres',
    url: databaseUrl(owner, env),
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: options.migrationsTableName ?? 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 2, application_name: `rehab-${owner}-owner` },
  });
}

/**
 * Holds a session-level advisory lock on the owner's database while `run` runs, so copies
 * of a service started together (a rolling restart) migrate one after another: the first
 * applies what is pending, the others then find nothing to do.
 */
async function whileMigrationLockHeld(owner: DatabaseOwner, env: NodeJS.ProcessEnv, run: () => Promise<void>): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(owner, env), application_name: `rehab-${owner}-migrations` });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('rehab-migrations'))");
    await run();
  } finally {
    await client.end();
  }
}

/** Runs pending migrations as the owner, then (re)grants the application role. */
export async function migrateDatabase(
  source: CountedDataSource,
  owner: DatabaseOwner,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  await ensureDatabase(owner, env);
  await whileMigrationLockHeld(owner, env, async () => {
    const migrator = ownerDataSource(source, owner, env);
    await migrator.initialize();
    try {
      await migrator.runMigrations({ transaction: 'each' });
      await applyPendingUnitPatches(migrator);
    } finally {
      await migrator.destroy();
    }
  });
  await ensureAppRole(owner, env);
}

/**
 * Creates the database when allowed, runs pending migrations as its owner, makes the
 * application's restricted role ready, and connects the source as that role.
 */
export async function openDatabase(
  source: CountedDataSource,
  owner: DatabaseOwner,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DataSource> {
  await migrateDatabase(source, owner, env);
  if (!source.dataSource.isInitialized) await source.dataSource.initialize();
  return source.dataSource;
}
