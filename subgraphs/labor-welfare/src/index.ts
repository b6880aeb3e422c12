import { runSubgraphMain } from '@rehab/server-kit';
import { createLaborWelfareDataSource, laborWelfareSubgraph } from './server';

runSubgraphMain(laborWelfareSubgraph, createLaborWelfareDataSource);
