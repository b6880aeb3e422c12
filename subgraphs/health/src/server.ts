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
import { createLoaders, type HealthLoaders, type Context } from './context';
import { AddictionDeterminationEntity } from './entities/AddictionDetermination';
import { AddictionDeterminationRequestEntity } from './entities/AddictionDeterminationRequest';
import { ClinicEntity } from './entities/Clinic';
import { DispensingPointEntity } from './entities/DispensingPoint';
import { SubstitutionTreatmentEntity } from './entities/SubstitutionTreatment';
import { CreateHealthRecords1763800003000 } from './migrations/1763800003000-CreateHealthRecords';
import { CreateDeterminationRequests1763800003100 } from './migrations/1763800003100-CreateDeterminationRequests';
import { CreateTreatmentRecords1763800003200 } from './migrations/1763800003200-CreateTreatmentRecords';
import { CreateDispensingPoints1763800003300 } from './migrations/1763800003300-CreateDispensingPoints';
import { AddDeterminationInformedOn1764700004500 } from './migrations/1764700004500-AddDeterminationInformedOn';
import { CreateTreatmentPhaseHistory1764900001000 } from './migrations/1764900001000-CreateTreatmentPhaseHistory';
import { AnnounceCareRelations1796214000100 } from './migrations/1796214000100-AnnounceCareRelations';
import { IndexDoseDispensingPoint1796300000100 } from './migrations/1796300000100-IndexDoseDispensingPoint';
import { AddArvStatus1796500000100 } from './migrations/1796500000100-AddArvStatus';
import { AddDeterminationLateEntry1796500000400 } from './migrations/1796500000400-AddDeterminationLateEntry';
import { CreateDrugUseScreening1796500000500 } from './migrations/1796500000500-CreateDrugUseScreening';
import { CreateDrugInducedPsychosis1796500000700 } from './migrations/1796500000700-CreateDrugInducedPsychosis';
import { AnnounceSubstitutionForPostRehab1796500001200 } from './migrations/1796500001200-AnnounceSubstitutionForPostRehab';
import { resolvers } from './resolvers';
import { isHealthEmpty, seedHealth } from './seed';
import { seedHealthVolume } from './seed-volume';

export const schemaText = readSubgraphSchema(join(__dirname, '..'));

export const healthSubgraph: SubgraphModule<HealthLoaders> = {
  name: 'health',
  schemaText,
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders,
  noticeHandlers: PERSON_DIRECTORY_NOTICE_HANDLERS,
};

/** This subgraph's own tables and migrations; the common ones (reference data, audit, outbox) come from the kit. */
export const entities = [
  ClinicEntity,
  AddictionDeterminationEntity,
  SubstitutionTreatmentEntity,
  AddictionDeterminationRequestEntity,
  DispensingPointEntity,
];
export const migrations = [
  CreateHealthRecords1763800003000,
  CreateDeterminationRequests1763800003100,
  CreateTreatmentRecords1763800003200,
  CreateDispensingPoints1763800003300,
  AddDeterminationInformedOn1764700004500,
  CreatePersonDirectory1764800000000,
  CreateTreatmentPhaseHistory1764900001000,
  AnnounceCareRelations1796214000100,
  IndexDoseDispensingPoint1796300000100,
  AddArvStatus1796500000100,
  AddDeterminationLateEntry1796500000400,
  CreateDrugUseScreening1796500000500,
  CreateDrugInducedPsychosis1796500000700,
  AnnounceSubstitutionForPostRehab1796500001200,
];

export function createHealthDataSource(env: NodeJS.ProcessEnv = process.env) {
  return createSubgraphDataSource('health', { entities, migrations }, env);
}

export { isHealthEmpty, seedHealth } from './seed';
export { seedHealthVolume } from './seed-volume';

/** This subgraph as the system starts, migrates and seeds it (its name is registered in subgraphs/registry.json). */
export const subgraph = registerSubgraph({
  module: healthSubgraph,
  createDataSource: createHealthDataSource,
  isEmpty: isHealthEmpty,
  seed: seedHealth,
  seedVolume: seedHealthVolume,
});
