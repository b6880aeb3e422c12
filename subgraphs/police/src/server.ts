import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdministrativeUnitEntity, AuditLogEntry, CreateAuditLog1763800000001, CreateReferenceData1763800000000,
  LegalRuleEntity, createDataSource, type GraphQLResolverMap, type SubgraphModule,
} from '@rehab/server-kit';
import { createLoaders, type PoliceLoaders, type Context } from './context';
import { PersonEntity } from './entities/Person';
import { CreatePerson1763800001000 } from './migrations/1763800001000-CreatePerson';
import { resolvers } from './resolvers';

export const schemaText = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');

export const policeSubgraph: SubgraphModule<PoliceLoaders> = {
  name: 'police',
  schemaText,
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders,
};

export const entities = [AdministrativeUnitEntity, LegalRuleEntity, AuditLogEntry, PersonEntity];
export const migrations = [CreateReferenceData1763800000000, CreateAuditLog1763800000001, CreatePerson1763800001000];

export function createPoliceDataSource(env: NodeJS.ProcessEnv = process.env) {
  return createDataSource({ owner: 'police', entities, migrations, env });
}

export { isPoliceEmpty, seedPolice } from './seed';
