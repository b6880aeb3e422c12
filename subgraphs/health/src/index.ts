import { runSubgraphMain } from '@rehab/server-kit';
import { createHealthDataSource, healthSubgraph } from './server';

runSubgraphMain(healthSubgraph, createHealthDataSource);
