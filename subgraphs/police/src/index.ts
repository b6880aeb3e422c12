import { runSubgraphMain } from '@rehab/server-kit';
import { createPoliceDataSource, policeSubgraph } from './server';

runSubgraphMain(policeSubgraph, createPoliceDataSource);
