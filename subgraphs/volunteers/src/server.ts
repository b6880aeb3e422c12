import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdministrativeUnitEntity, AuditLogEntry, CreateAuditLog1763800000001, CreateOutbox1763800000002, CreateReferenceData1763800000000,
  LegalRuleEntity, createDataSource, type GraphQLResolverMap, type SubgraphModule,
} from '@rehab/server-kit';
import { createLoaders, type Context, type VolunteersLoaders } from './context';
import { MassOrganisationEntity } from './entities/MassOrganisation';
import { VolunteerEntity } from './entities/Volunteer';
import { VolunteerAssignmentEntity } from './entities/VolunteerAssignment';
import { CreateVolunteers1763800004000 } from './migrations/1763800004000-CreateVolunteers';
import { resolvers } from './resolvers';

export const schemaText = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');

export const volunteersSubgraph: SubgraphModule<VolunteersLoaders> = {
  name: 'volunteers',
  schemaText,
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders,
};

export const entities = [AdministrativeUnitEntity, LegalRuleEntity, AuditLogEntry,
  MassOrganisationEntity, VolunteerEntity, VolunteerAssignmentEntity];
export const migrations = [CreateReferenceData1763800000000, CreateAuditLog1763800000001, CreateOutbox1763800000002, CreateVolunteers1763800004000];

export function createVolunteersDataSource(env: NodeJS.ProcessEnv = process.env) {
  return createDataSource({ owner: 'volunteers', entities, migrations, env });
}

export { isVolunteersEmpty, seedVolunteers } from './seed';
