import { isSubgraphRegistration, type CountedDataSource, type SubgraphRegistration, type VolumeOptions } from '@rehab/server-kit';
import { SUBGRAPH_NAMES, type DemoPerson, type SubgraphName } from '@rehab/shared-schema';
import type { DataSource } from 'typeorm';

/** What the system needs of each subgraph to migrate, seed and serve it. */
export interface SubgraphEntry {
  name: SubgraphName;
  module: SubgraphRegistration['module'];
  createSource(env: NodeJS.ProcessEnv): CountedDataSource;
  isEmpty(db: DataSource): Promise<boolean>;
  seed(db: DataSource, population: readonly DemoPerson[]): Promise<void>;
  /** A city's volume of records on top of the seeded population, where the subgraph has one. */
  seedVolume?(db: DataSource, options: VolumeOptions): Promise<string>;
}

/**
 * Loads a subgraph's package, @rehab/<name>, and its `subgraph` export. The package is an
 * npm workspace (subgraphs/*), so registering its name is all it takes to be started.
 */
export function loadSubgraph(name: SubgraphName): SubgraphEntry {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(`@rehab/${name}`) as { subgraph?: unknown };
  return subgraphEntry(name, loaded.subgraph, `@rehab/${name}`);
}

/** A loaded `subgraph` export as the system uses it, checked to be a registration of that name. */
export function subgraphEntry(name: SubgraphName, registration: unknown, from: string = name): SubgraphEntry {
  if (!isSubgraphRegistration(registration)) {
    throw new Error(`${from} does not export \`subgraph\` (module, createDataSource, isEmpty, seed): see CONTRIBUTING.md`);
  }
  if (registration.module.name !== name) {
    throw new Error(
      `${from} exports the subgraph "${registration.module.name}"; its module name must be its registered name, ${name}`,
    );
  }
  return {
    name,
    module: registration.module,
    createSource: (env) => registration.createDataSource(env),
    isEmpty: (db) => registration.isEmpty(db),
    seed: (db, population) => registration.seed(db, population),
    ...(registration.seedVolume ? { seedVolume: registration.seedVolume.bind(registration) } : {}),
  };
}

/** Every subgraph registered in subgraphs/registry.json, in its order. */
export const SUBGRAPHS: readonly SubgraphEntry[] = SUBGRAPH_NAMES.map(loadSubgraph);
