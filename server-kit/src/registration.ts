import type { DataSource } from 'typeorm';
import type { DemoPerson } from '@rehab/shared-schema';
import type { CountedDataSource } from './db';
import type { SubgraphModule } from './subgraph';

/**
 * What the system needs of a subgraph to migrate, seed and serve it. Every subgraph
 * package exports one as `subgraph` (from src/server.ts); `npm start`, the seeder and the
 * in-process test system load `@rehab/<name>` for each name in subgraphs/registry.json.
 */
export interface SubgraphRegistration<L = unknown> {
  module: SubgraphModule<L>;
  /** Its database: the common tables plus its own entities and migrations. */
  createDataSource(env?: NodeJS.ProcessEnv): CountedDataSource;
  /** True when its database holds no demo data yet. */
  isEmpty(db: DataSource): Promise<boolean>;
  /** Seeds its part of the demo population. */
  seed(db: DataSource, population: readonly DemoPerson[]): Promise<void>;
  /**
   * Adds, to a seeded population, the volume of records a real city accumulates (benchmarks:
   * `npm run seed -- --volume`); returns what it added, for the log.
   */
  seedVolume?(db: DataSource, options: VolumeOptions): Promise<string>;
}

export interface VolumeOptions {
  /** The last day of the history (YYYY-MM-DD). */
  asOf: string;
}

/** A registration, with the loaders' type forgotten (the system handles every subgraph alike). */
export function registerSubgraph<L>(registration: SubgraphRegistration<L>): SubgraphRegistration {
  return registration as unknown as SubgraphRegistration;
}

/** Does a loaded package export look like a registration? (A clear error beats a crash at start.) */
export function isSubgraphRegistration(value: unknown): value is SubgraphRegistration {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const module = r.module as Record<string, unknown> | undefined;
  return (
    typeof module === 'object' &&
    typeof module.name === 'string' &&
    typeof module.schemaText === 'string' &&
    typeof r.createDataSource === 'function' &&
    typeof r.isEmpty === 'function' &&
    typeof r.seed === 'function'
  );
}
