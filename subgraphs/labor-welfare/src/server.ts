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
import { createLoaders, type Context, type LaborWelfareLoaders } from './context';
import { CaseEventEntity } from './entities/CaseEvent';
import { CompulsoryRehabDossierEntity } from './entities/CompulsoryRehabDossier';
import { FacilityEntity } from './entities/Facility';
import { PlanEntity } from './entities/Plan';
import { PlanTargetEntity } from './entities/PlanTarget';
import { PostRehabCaseEntity } from './entities/PostRehabCase';
import { PostRehabDrugUseEntity } from './entities/PostRehabDrugUse';
import { CommunityRehabPlanEntity } from './entities/CommunityRehabPlan';
import { ResidentExtractionEntity } from './entities/ResidentExtraction';
import { FacilityAreaEntity } from './entities/FacilityArea';
import { FacilityLicenceEntity } from './entities/FacilityLicence';
import { TrainingCourseEntity } from './entities/TrainingCourse';
import { InspectionEntity } from './entities/Inspection';
import { BudgetLineEntity, BudgetSpendingEntity } from './entities/BudgetLine';
import { ComplaintEntity } from './entities/Complaint';
import { RehabEpisodeEntity } from './entities/RehabEpisode';
import { ReintegrationSupportEntity } from './entities/ReintegrationSupport';
import { ServiceProviderEntity } from './entities/ServiceProvider';
import { CreateRehabFoundation1763800002000 } from './migrations/1763800002000-CreateRehabFoundation';
import { CreateLegalPath1763800002100 } from './migrations/1763800002100-CreateLegalPath';
import { CreatePlans1763800002200 } from './migrations/1763800002200-CreatePlans';
import { CreatePostRehabModels1763800002300 } from './migrations/1763800002300-CreatePostRehabModels';
import { AddDossierCourt1764700002400 } from './migrations/1764700002400-AddDossierCourt';
import { AddFacilityAdmitsMinors1764700004800 } from './migrations/1764700004800-AddFacilityAdmitsMinors';
import { AddCommunityRehabSetting1764900002000 } from './migrations/1764900002000-AddCommunityRehabSetting';
import { PostRehabAfterSubstitution1796500000000 } from './migrations/1796500000000-PostRehabAfterSubstitution';
import { AddDossierFrontOpinion1796500000200 } from './migrations/1796500000200-AddDossierFrontOpinion';
import { AddPostRehabDrugUse1796500000300 } from './migrations/1796500000300-AddPostRehabDrugUse';
import { AddCommunityRehabPlan1796500000600 } from './migrations/1796500000600-AddCommunityRehabPlan';
import { CreateResidentExtraction1796500000800 } from './migrations/1796500000800-CreateResidentExtraction';
import { CreateFacilityArea1796500000900 } from './migrations/1796500000900-CreateFacilityArea';
import { AddProviderPublication1796500001000 } from './migrations/1796500001000-AddProviderPublication';
import { CreateFacilityLicence1796500001100 } from './migrations/1796500001100-CreateFacilityLicence';
import { CreateTrainingCourse1796500001400 } from './migrations/1796500001400-CreateTrainingCourse';
import { CreateInspection1796500001500 } from './migrations/1796500001500-CreateInspection';
import { CreateBudget1796500001600 } from './migrations/1796500001600-CreateBudget';
import { CreateComplaint1796500001700 } from './migrations/1796500001700-CreateComplaint';
import { PlanUnitsAndTableDefinitions1764900006000 } from './migrations/1764900006000-PlanUnitsAndTableDefinitions';
import { AnnounceCareRelations1796214000200 } from './migrations/1796214000200-AnnounceCareRelations';
import { PostRehabModelEntity } from './entities/PostRehabModel';
import { noticeHandlers } from './notice-handlers';
import { resolvers } from './resolvers';
import { isLaborWelfareEmpty, seedLaborWelfare } from './seed';

export const schemaText = readSubgraphSchema(join(__dirname, '..'));

export const laborWelfareSubgraph: SubgraphModule<LaborWelfareLoaders> = {
  name: 'labor-welfare',
  schemaText,
  resolvers: resolvers as GraphQLResolverMap<Context>,
  createLoaders,
  noticeHandlers: { ...PERSON_DIRECTORY_NOTICE_HANDLERS, ...noticeHandlers },
};

/** This subgraph's own tables and migrations; the common ones (reference data, audit, outbox) come from the kit. */
export const entities = [
  FacilityEntity,
  RehabEpisodeEntity,
  PlanEntity,
  PlanTargetEntity,
  ServiceProviderEntity,
  CompulsoryRehabDossierEntity,
  PostRehabCaseEntity,
  PostRehabDrugUseEntity,
  CommunityRehabPlanEntity,
  ResidentExtractionEntity,
  FacilityAreaEntity,
  FacilityLicenceEntity,
  TrainingCourseEntity,
  InspectionEntity,
  BudgetLineEntity,
  BudgetSpendingEntity,
  ComplaintEntity,
  ReintegrationSupportEntity,
  CaseEventEntity,
  PostRehabModelEntity,
];
export const migrations = [
  CreateRehabFoundation1763800002000,
  CreateLegalPath1763800002100,
  CreatePlans1763800002200,
  CreatePostRehabModels1763800002300,
  AddDossierCourt1764700002400,
  AddFacilityAdmitsMinors1764700004800,
  CreatePersonDirectory1764800000000,
  AddCommunityRehabSetting1764900002000,
  PlanUnitsAndTableDefinitions1764900006000,
  AnnounceCareRelations1796214000200,
  PostRehabAfterSubstitution1796500000000,
  AddDossierFrontOpinion1796500000200,
  AddPostRehabDrugUse1796500000300,
  AddCommunityRehabPlan1796500000600,
  CreateResidentExtraction1796500000800,
  CreateFacilityArea1796500000900,
  AddProviderPublication1796500001000,
  CreateFacilityLicence1796500001100,
  CreateTrainingCourse1796500001400,
  CreateInspection1796500001500,
  CreateBudget1796500001600,
  CreateComplaint1796500001700,
];

export function createLaborWelfareDataSource(env: NodeJS.ProcessEnv = process.env) {
  return createSubgraphDataSource('labor-welfare', { entities, migrations }, env);
}

export { demoDossierId, demoEpisodeId, demoPostRehabId, demoProviderId, isLaborWelfareEmpty, seedLaborWelfare } from './seed';
export { demo2026PlanId, hanoi2022PlanId } from './plans/seed-plans';

/** This subgraph as the system starts, migrates and seeds it (its name is registered in subgraphs/registry.json). */
export const subgraph = registerSubgraph({
  module: laborWelfareSubgraph,
  createDataSource: createLaborWelfareDataSource,
  isEmpty: isLaborWelfareEmpty,
  seed: seedLaborWelfare,
});
