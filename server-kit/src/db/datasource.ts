import 'reflect-metadata';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { QueryCounter } from './query-counter';
import { databaseUrl, ensureDatabase, type DatabaseOwner } from './urls';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

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
 * A TypeORM DataSource on the owner's database. Never synchronize: the schema comes
 * from migrations only.
 */
export function createDataSource(options: DataSourceOptions): CountedDataSource {
  const env = options.env ?? process.env;
  const queries = new QueryCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl(options.owner, env),
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['query'],
    logger: queries,
    extra: { max: options.poolSize ?? Number(env.DATABASE_POOL_SIZE ?? 10), application_name: `rehab-${options.owner}` },
  });
  return { dataSource, queries };
}

/** Creates the database when allowed, connects and runs pending migrations. */
export async function openDatabase(source: CountedDataSource, owner: DatabaseOwner,
  env: NodeJS.ProcessEnv = process.env): Promise<DataSource> {
  await ensureDatabase(owner, env);
  if (!source.dataSource.isInitialized) await source.dataSource.initialize();
  await source.dataSource.runMigrations({ transaction: 'each' });
  return source.dataSource;
}
