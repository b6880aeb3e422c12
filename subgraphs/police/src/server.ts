import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdministrativeUnitEntity, AuditLogEntry, CreateAuditLog1763800000001, CreateOutbox1763800000002, CreateReferenceData1763800000000,
  LegalRuleEntity, createDataSource, type GraphQLResolverMap, type SubgraphModule,
} from '@rehab/server-kit';
import { createLoaders, type PoliceLoaders, type Context } from './context';
import { AbsconderSearchEntity } from './entities/AbsconderSearch';
import { DrugUserCheckInEntity } from './entities/DrugUserCheckIn';
import { DrugUserManagementEntity } from './entities/DrugUserManagement';
import { PersonEntity } from './entities/Person';
import { RehabCompletionNoticeEntity } from './entities/RehabCompletionNotice';
import { TransferNoticeEntity } from './entities/TransferNotice';
import { CreatePerson1763800001000 } from './migrations/1763800001000-CreatePerson';
import { CreateLegalPath1763800001100 } from './migrations/1763800001100-CreateLegalPath';
import { policeNoticeHandlers } from './notices/handlers';
import { resolvers } from './resolvers';

export const schemaText = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');

export const policeSubgraph: SubgraphModule<PoliceLoaders> = {
  name: 'police',
  schemaText,
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders,
  noticeHandlers: policeNoticeHandlers,
};

export const entities = [
  AdministrativeUnitEntity, LegalRuleEntity, AuditLogEntry, PersonEntity, DrugUserManagementEntity, DrugUserCheckInEntity,
  TransferNoticeEntity, AbsconderSearchEntity, RehabCompletionNoticeEntity,
];
export const migrations = [
  CreateReferenceData1763800000000, CreateAuditLog1763800000001, CreateOutbox1763800000002, CreatePerson1763800001000,
  CreateLegalPath1763800001100,
];

export function createPoliceDataSource(env: NodeJS.ProcessEnv = process.env) {
  return createDataSource({ owner: 'police', entities, migrations, env });
}

export { policeNoticeHandlers } from './notices/handlers';
export { isPoliceEmpty, seedPolice } from './seed';
