import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdministrativeUnitEntity, AuditLogEntry, CreateAuditLog1763800000001, CreateReferenceData1763800000000,
  LegalRuleEntity, createDataSource, type GraphQLResolverMap, type SubgraphModule,
} from '@rehab/server-kit';
import { createLoaders, type Context, type LaborWelfareLoaders } from './context';
import { FacilityEntity } from './entities/Facility';
import { PlanTargetEntity } from './entities/PlanTarget';
import { RehabEpisodeEntity } from './entities/RehabEpisode';
import { CreateRehabFoundation1763800002000 } from './migrations/1763800002000-CreateRehabFoundation';
import { resolvers } from './resolvers';

export const schemaText = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');

export const laborWelfareSubgraph: SubgraphModule<LaborWelfareLoaders> = {
  name: 'labor-welfare',
  schemaText,
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders,
};

export const entities = [AdministrativeUnitEntity, LegalRuleEntity, AuditLogEntry, FacilityEntity, RehabEpisodeEntity, PlanTargetEntity];
export const migrations = [CreateReferenceData1763800000000, CreateAuditLog1763800000001, CreateRehabFoundation1763800002000];

export function createLaborWelfareDataSource(env: NodeJS.ProcessEnv = process.env) {
  return createDataSource({ owner: 'labor-welfare', entities, migrations, env });
}

export { isLaborWelfareEmpty, seedLaborWelfare } from './seed';
