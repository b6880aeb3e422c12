import type { Resolvers } from '../__generated__/resolvers';
import { CompulsoryRehabDossier, CourtDecision, FrontOpinion } from './CompulsoryRehabDossier';
import { Facility, FacilityArea, FacilityLicence, FacilityOccupancy } from './Facility';
import { licenceMutations, licenceQueries } from '../mutations/facility-licences';
import { TrainingCourse, trainingMutations, trainingQueries } from '../mutations/training';
import { Inspection, inspectionMutations, inspectionQueries } from '../mutations/inspections';
import { BudgetLine, budgetMutations, budgetQueries } from '../mutations/budgets';
import { Complaint, complaintMutations, complaintQueries } from '../mutations/complaints';
import { facilityAreaMutations } from '../mutations/facility-areas';
import { Mutation } from './Mutation';
import { Period } from './Period';
import { Person } from './Person';
import { PlanTarget } from './PlanTarget';
import {
  IndicatorDefinition,
  IndicatorRecord,
  IndicatorValue,
  PlanImportProblem,
  PlanImportResult,
  indicatorQueries,
} from './indicators';
import {
  Plan,
  PlanColumnRelation,
  PlanImportProblemExtra,
  PlanImportResultExtra,
  PlanMeasure,
  PlanMeasureTarget,
  PlanTableColumn,
  PlanTableDefinition,
  PlanTargetExtra,
  planMutations,
  planQueries,
} from './plans';
import { pageResolvers } from '../indicators/views';
import { PostRehabCase } from './PostRehabCase';
import { PostRehabModel, postRehabModelMutations, postRehabModelQueries } from './post-rehab-models';
import { connectionResolvers } from '@rehab/server-kit';
import { Query } from './Query';
import { admissionQueries } from './admissions';
import { frontOpinionMutations, frontOpinionQueries } from '../mutations/front-opinion';
import { drugUseMutations } from '../mutations/post-rehab-drug-use';
import { Absconding, CommunityRehabPlan, RehabEpisode, RehabLeave } from './RehabEpisode';
import { communityPlanMutations, communityPlanQueries } from '../mutations/community-plan';
import { extractionMutations, extractionQueries } from '../mutations/extraction';
import { providerMutations, providerQueries } from '../mutations/providers';
import { ResidentExtraction } from './ResidentExtraction';
import { ReintegrationSupport } from './ReintegrationSupport';
import { ServiceProvider } from './ServiceProvider';

export const resolvers: Resolvers = {
  Query: {
    ...Query,
    ...planQueries,
    ...indicatorQueries,
    ...postRehabModelQueries,
    ...admissionQueries,
    ...frontOpinionQueries,
    ...communityPlanQueries,
    ...extractionQueries,
    ...providerQueries,
    ...licenceQueries,
    ...trainingQueries,
    ...inspectionQueries,
    ...budgetQueries,
    ...complaintQueries,
  },
  Mutation: {
    ...Mutation,
    ...planMutations,
    ...postRehabModelMutations,
    ...frontOpinionMutations,
    ...drugUseMutations,
    ...communityPlanMutations,
    ...extractionMutations,
    ...facilityAreaMutations,
    ...providerMutations,
    ...licenceMutations,
    ...trainingMutations,
    ...inspectionMutations,
    ...budgetMutations,
    ...complaintMutations,
  },
  PostRehabModel,
  PostRehabModelConnection: connectionResolvers,
  Person,
  Facility,
  FacilityOccupancy,
  FacilityArea,
  FacilityLicence,
  TrainingCourse,
  Inspection,
  BudgetLine,
  Complaint,
  ServiceProvider,
  RehabEpisode,
  RehabLeave,
  CommunityRehabPlan,
  ResidentExtraction,
  Absconding,
  CompulsoryRehabDossier,
  CourtDecision,
  FrontOpinion,
  PostRehabCase,
  ReintegrationSupport,
  PlanTarget: { ...PlanTarget, ...PlanTargetExtra },
  Plan,
  PlanTargetConnection: pageResolvers,
  IndicatorValue,
  Period,
  IndicatorDefinition,
  IndicatorRecord,
  IndicatorRecordConnection: pageResolvers,
  PlanImportResult: { ...PlanImportResult, ...PlanImportResultExtra },
  PlanImportProblem: { ...PlanImportProblem, ...PlanImportProblemExtra },
  PlanTableDefinition,
  PlanTableColumn,
  PlanColumnRelation,
  PlanMeasure,
  PlanMeasureTarget,
};
