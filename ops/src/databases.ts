import type { DataSource } from 'typeorm';
import { dropDatabase, openDatabase, ownerDataSource, type CountedDataSource, type VolumeOptions } from '@rehab/server-kit';
import { generateDemoPopulation, type SubgraphName } from '@rehab/shared-schema';
import { createIdentityDataSource, isIdentityEmpty, seedIdentity } from '@rehab/gateway';
import { SUBGRAPHS, type SubgraphEntry } from './registry';

export interface OpenDatabases {
  /** The subgraphs whose databases these are: the registered ones (and a test's extra ones). */
  entries: readonly SubgraphEntry[];
  subgraphs: Record<SubgraphName, { source: CountedDataSource; db: DataSource }>;
  /** One subgraph's databases; an unknown name is a programming error. */
  subgraph(name: SubgraphName): { source: CountedDataSource; db: DataSource };
  identity: DataSource;
  close(): Promise<void>;
}

/** Creates (when allowed) and migrates every database of the system. */
export async function openAllDatabases(
  env: NodeJS.ProcessEnv,
  entries: readonly SubgraphEntry[] = SUBGRAPHS,
): Promise<OpenDatabases> {
  const subgraphs = {} as OpenDatabases['subgraphs'];
  for (const s of entries) {
    const source = s.createSource(env);
    subgraphs[s.name] = { source, db: await openDatabase(source, s.name, env) };
  }
  const identity = await openDatabase(createIdentityDataSource(env), 'identity', env);
  return {
    entries,
    subgraphs,
    subgraph: (name) => {
      const found = subgraphs[name];
      if (!found) throw new Error(`No database of subgraph ${name}`);
      return found;
    },
    identity,
    close: async () => {
      await Promise.all([...Object.values(subgraphs).map((s) => s.db.destroy()), identity.destroy()]);
    },
  };
}

export interface SeedOptions {
  persons?: number;
  seed?: number;
  log?: (message: string) => void;
}

/** Seeds the demo population into every subgraph and the demo accounts into identity. */
export async function seedAll(dbs: OpenDatabases, options: SeedOptions = {}): Promise<number> {
  const log = options.log ?? (() => undefined);
  const population = generateDemoPopulation({
    ...(options.persons !== undefined ? { persons: options.persons } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  for (const s of dbs.entries) {
    const started = Date.now();
    await s.seed(dbs.subgraph(s.name).db, population);
    log(`  ${s.name}: ${population.length} persons in ${Date.now() - started} ms`);
  }
  if (await isIdentityEmpty(dbs.identity)) await seedIdentity(dbs.identity);
  return population.length;
}

/**
 * Adds each subgraph's city volume of records to a seeded population (`npm run seed -- --volume`),
 * as the database's owner (a load drops and builds indexes, which the services' role may not).
 */
export async function seedVolume(
  dbs: OpenDatabases,
  env: NodeJS.ProcessEnv,
  options: VolumeOptions,
  log: (message: string) => void,
): Promise<void> {
  for (const s of dbs.entries) {
    if (!s.seedVolume) continue;
    const owner = await ownerDataSource(dbs.subgraph(s.name).source, s.name, env).initialize();
    try {
      log(`  ${s.name} volume: ${await s.seedVolume(owner, options)}`);
    } finally {
      await owner.destroy();
    }
  }
}

/** True when no subgraph holds any person yet. */
export async function isEmpty(dbs: OpenDatabases): Promise<boolean> {
  for (const s of dbs.entries) {
    if (!(await s.isEmpty(dbs.subgraph(s.name).db))) return false;
  }
  return true;
}

/** Drops every database of the system (shared server only). */
export async function dropAllDatabases(env: NodeJS.ProcessEnv, entries: readonly SubgraphEntry[] = SUBGRAPHS): Promise<void> {
  for (const s of entries) await dropDatabase(s.name, env);
  await dropDatabase('identity', env);
}
