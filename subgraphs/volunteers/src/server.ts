import { readSubgraphSchema } from '@rehab/shared-schema';
import { join } from 'node:path';
import {
  CreatePersonDirectory1764800000000,
  PERSON_DIRECTORY_NOTICE_HANDLERS,
  createSubgraphDataSource,
  type GraphQLResolverMap,
  registerSubgraph,
  type SubgraphModule,
} from '@rehab/server-kit';
import { createLoaders, type Context, type VolunteersLoaders } from './context';
import { MassOrganisationEntity } from './entities/MassOrganisation';
import { VolunteerEntity } from './entities/Volunteer';
import { VolunteerAssignmentEntity } from './entities/VolunteerAssignment';
import { SupportActivityEntity } from './entities/SupportActivity';
import { VolunteerTrainingEntity } from './entities/VolunteerTraining';
import { OrganisationChapterEntity } from './entities/OrganisationChapter';
import { CreateVolunteers1763800004000 } from './migrations/1763800004000-CreateVolunteers';
import { CreateSupport1763800004100 } from './migrations/1763800004100-CreateSupport';
import { CreateOrganisationChapters1763800004200 } from './migrations/1763800004200-CreateOrganisationChapters';
import { CreateCommunicationActivity1796500001300 } from './migrations/1796500001300-CreateCommunicationActivity';
import { CommunicationActivityEntity } from './entities/CommunicationActivity';
import { PersonAtRiskEntity, PreventionServiceEntity } from './entities/PersonAtRisk';
import { CreatePrevention1796500001800 } from './migrations/1796500001800-CreatePrevention';
import { resolvers } from './resolvers';
import { isVolunteersEmpty, seedVolunteers } from './seed';

export const schemaText = readSubgraphSchema(join(__dirname, '..'));

export const volunteersSubgraph: SubgraphModule<VolunteersLoaders> = {
  name: 'volunteers',
  schemaText,
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders,
  noticeHandlers: PERSON_DIRECTORY_NOTICE_HANDLERS,
};

/** This subgraph's own tables and migrations; the common ones (reference data, audit, outbox) come from the kit. */
export const entities = [
  MassOrganisationEntity,
  VolunteerEntity,
  VolunteerAssignmentEntity,
  VolunteerTrainingEntity,
  SupportActivityEntity,
  OrganisationChapterEntity,
  CommunicationActivityEntity,
  PersonAtRiskEntity,
  PreventionServiceEntity,
];
export const migrations = [
  CreateVolunteers1763800004000,
  CreateSupport1763800004100,
  CreateOrganisationChapters1763800004200,
  CreatePersonDirectory1764800000000,
  CreateCommunicationActivity1796500001300,
  CreatePrevention1796500001800,
];

export function createVolunteersDataSource(env: NodeJS.ProcessEnv = process.env) {
  return createSubgraphDataSource('volunteers', { entities, migrations }, env);
}

export { isVolunteersEmpty, seedVolunteers } from './seed';

/** This subgraph as the system starts, migrates and seeds it (its name is registered in subgraphs/registry.json). */
export const subgraph = registerSubgraph({
  module: volunteersSubgraph,
  createDataSource: createVolunteersDataSource,
  isEmpty: isVolunteersEmpty,
  seed: seedVolunteers,
});
