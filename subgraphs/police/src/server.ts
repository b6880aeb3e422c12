import { readSubgraphSchema } from '@rehab/shared-schema';
import { join } from 'node:path';
import { createSubgraphDataSource, type GraphQLResolverMap, registerSubgraph, type SubgraphModule } from '@rehab/server-kit';
import { createLoaders, type PoliceLoaders, type Context } from './context';
import { AbsconderSearchEntity } from './entities/AbsconderSearch';
import { DrugUserCheckInEntity } from './entities/DrugUserCheckIn';
import { DrugUserManagementEntity } from './entities/DrugUserManagement';
import { PersonEntity } from './entities/Person';
import { RehabCompletionNoticeEntity } from './entities/RehabCompletionNotice';
import { RelapseRiskReportEntity } from './entities/RelapseRiskReport';
import { TransferNoticeEntity } from './entities/TransferNotice';
import { ElectronicMonitoringOrderEntity } from './entities/ElectronicMonitoringOrder';
import { MonitoringAlertEntity } from './entities/MonitoringAlert';
import { SubstanceDeclarationEntity } from './entities/SubstanceDeclaration';
import { SummonsEntity } from './entities/Summons';
import { CreateLaw120Duties1764700003000 } from './migrations/1764700003000-CreateLaw120Duties';
import { TreatmentRegistrationDeadlineEntity } from './entities/TreatmentRegistrationDeadline';
import { CreatePerson1763800001000 } from './migrations/1763800001000-CreatePerson';
import { CreateLegalPath1763800001100 } from './migrations/1763800001100-CreateLegalPath';
import { CreateRelapseRiskReport1763800001200 } from './migrations/1763800001200-CreateRelapseRiskReport';
import { CreateWorkingCalendar1764700004000 } from './migrations/1764700004000-CreateWorkingCalendar';
import { CreateTreatmentRegistration1764700004100 } from './migrations/1764700004100-CreateTreatmentRegistration';
import { AnnouncePersonDirectory1764800001000 } from './migrations/1764800001000-AnnouncePersonDirectory';
import { CreateCareRelation1796214000000 } from './migrations/1796214000000-CreateCareRelation';
import { IndexPersonNameOrder1796300000000 } from './migrations/1796300000000-IndexPersonNameOrder';
import { CareRelationEntity } from './entities/CareRelation';
import { DrugFreeRecognitionEntity, DrugHotspotEntity } from './prevention-map/entities';
import { CreatePreventionMap1796500001900 } from './migrations/1796500001900-CreatePreventionMap';
import { policeNoticeHandlers } from './notices/handlers';
import { resolvers } from './resolvers';
import { guardCareOnlyFields } from './care/fields';
import { isPoliceEmpty, seedPolice } from './seed';

export const schemaText = readSubgraphSchema(join(__dirname, '..'));

// People read through a care relation show their identity only.
guardCareOnlyFields(resolvers.Person as Record<string, unknown>, schemaText);

export const policeSubgraph: SubgraphModule<PoliceLoaders> = {
  name: 'police',
  schemaText,
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders,
  noticeHandlers: policeNoticeHandlers,
};

/** This subgraph's own tables and migrations; the common ones (reference data, audit, outbox) come from the kit. */
export const entities = [
  PersonEntity,
  DrugUserManagementEntity,
  DrugUserCheckInEntity,
  TransferNoticeEntity,
  AbsconderSearchEntity,
  RehabCompletionNoticeEntity,
  RelapseRiskReportEntity,
  SubstanceDeclarationEntity,
  SummonsEntity,
  ElectronicMonitoringOrderEntity,
  MonitoringAlertEntity,
  TreatmentRegistrationDeadlineEntity,
  CareRelationEntity,
  DrugHotspotEntity,
  DrugFreeRecognitionEntity,
];
export const migrations = [
  CreatePerson1763800001000,
  CreateLegalPath1763800001100,
  CreateRelapseRiskReport1763800001200,
  CreateLaw120Duties1764700003000,
  CreateWorkingCalendar1764700004000,
  CreateTreatmentRegistration1764700004100,
  AnnouncePersonDirectory1764800001000,
  CreateCareRelation1796214000000,
  IndexPersonNameOrder1796300000000,
  CreatePreventionMap1796500001900,
];

export function createPoliceDataSource(env: NodeJS.ProcessEnv = process.env) {
  return createSubgraphDataSource('police', { entities, migrations }, env);
}

export { policeNoticeHandlers } from './notices/handlers';
export { isPoliceEmpty, seedPolice } from './seed';

/** This subgraph as the system starts, migrates and seeds it (its name is registered in subgraphs/registry.json). */
export const subgraph = registerSubgraph({
  module: policeSubgraph,
  createDataSource: createPoliceDataSource,
  isEmpty: isPoliceEmpty,
  seed: seedPolice,
});
