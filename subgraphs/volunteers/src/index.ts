import { runSubgraphMain } from '@rehab/server-kit';
import { createVolunteersDataSource, volunteersSubgraph } from './server';

runSubgraphMain(volunteersSubgraph, createVolunteersDataSource);
