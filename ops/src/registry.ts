import type { DataSource } from 'typeorm';
import type { CountedDataSource, SubgraphModule } from '@rehab/server-kit';
import type { DemoPerson, SubgraphName } from '@rehab/shared-schema';
import * as police from '@rehab/police';
import * as laborWelfare from '@rehab/labor-welfare';
import * as health from '@rehab/health';
import * as volunteers from '@rehab/volunteers';

/** What the system needs of each subgraph to migrate, seed and serve it. */
export interface SubgraphEntry {
  name: SubgraphName;
  module: SubgraphModule<unknown>;
  createSource(env: NodeJS.ProcessEnv): CountedDataSource;
  isEmpty(db: DataSource): Promise<boolean>;
  seed(db: DataSource, population: readonly DemoPerson[]): Promise<void>;
}

function entry<L>(name: SubgraphName, module: SubgraphModule<L>, createSource: (env: NodeJS.ProcessEnv) => CountedDataSource,
  isEmpty: (db: DataSource) => Promise<boolean>, seed: (db: DataSource, p: readonly DemoPerson[]) => Promise<void>): SubgraphEntry {
  return { name, module: module as SubgraphModule<unknown>, createSource, isEmpty, seed };
}

export const SUBGRAPHS: readonly SubgraphEntry[] = [
  entry('police', police.policeSubgraph, police.createPoliceDataSource, police.isPoliceEmpty, police.seedPolice),
  entry('labor-welfare', laborWelfare.laborWelfareSubgraph, laborWelfare.createLaborWelfareDataSource,
    laborWelfare.isLaborWelfareEmpty, laborWelfare.seedLaborWelfare),
  entry('health', health.healthSubgraph, health.createHealthDataSource, health.isHealthEmpty, health.seedHealth),
  entry('volunteers', volunteers.volunteersSubgraph, volunteers.createVolunteersDataSource,
    volunteers.isVolunteersEmpty, volunteers.seedVolunteers),
];
