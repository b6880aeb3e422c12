import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@rehab/server-kit';
import { DEMO_PERSONS, DEMO_SEED, REPO_ROOT, todayInHanoi } from '@rehab/shared-schema';
import { dropAllDatabases, openAllDatabases, seedAll, seedVolume } from './databases';

/**
 * npm run seed -- --persons N [--seed S] [--volume]: rebuilds every database with a demo
 * population of N persons (bulk multi-row inserts). Destroys existing data. With --volume,
 * each subgraph then adds what a real city accumulates (health: a year of daily doses for
 * every patient in treatment, by COPY), for benchmarks.
 */
function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const persons = option('persons', DEMO_PERSONS);
  const seed = option('seed', DEMO_SEED);
  const env: NodeJS.ProcessEnv = { ...process.env };
  let database: EmbeddedPostgresHandle | undefined;
  if (!env.DATABASE_URL) {
    database = await startEmbeddedPostgres({ dataDir: env.REHAB_DATA_DIR ?? join(REPO_ROOT, '.data', 'postgres') });
    env.DATABASE_URL = database.url;
  }
  try {
    await dropAllDatabases(env);
    const dbs = await openAllDatabases(env);
    const started = Date.now();
    await seedAll(dbs, { persons, seed, log: (m) => console.log(m) });
    if (process.argv.includes('--volume')) await seedVolume(dbs, env, { asOf: todayInHanoi() }, (m) => console.log(m));
    console.log(`Seeded ${persons} persons (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await dbs.close();
  } finally {
    await database?.stop();
  }
}

main().catch((error: unknown) => {
  console.error('Seed failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
