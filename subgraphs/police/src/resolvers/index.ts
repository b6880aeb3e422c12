import { indicatorResolvers } from '../indicators/measures';
import type { Resolvers } from '../__generated__/resolvers';
import { connectionResolvers } from './connections';
import { Mutation } from './Mutation';
import { Person } from './Person';
import { PotentialDuplicate } from './PotentialDuplicate';
import { PersonConnection, Query } from './Query';
import { AbsconderSearch, DrugUserManagement, RehabCompletionNotice, RelapseRiskReport, TransferNotice } from './records';
import { Residence } from './Residence';
import { ElectronicMonitoringOrder, MonitoringAlert, Summons } from './law-120';
import { UnitReassignmentCase, UnitReassignmentCaseConnection } from './reassignment';
import { treatmentRegistrationResolvers } from '../treatment-registration';
import { DrugFreeRecognition, DrugHotspot, preventionMapMutations, preventionMapQueries } from '../prevention-map/resolvers';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Person,
  Residence,
  PersonConnection,
  PotentialDuplicate,
  DrugUserManagement,
  TransferNotice,
  AbsconderSearch,
  RehabCompletionNotice,
  RelapseRiskReport,
  PotentialDuplicateConnection: connectionResolvers,
  TransferNoticeConnection: connectionResolvers,
  AbsconderSearchConnection: connectionResolvers,
  RehabCompletionNoticeConnection: connectionResolvers,
  DrugUserManagementConnection: connectionResolvers,
  UnitReassignmentCase,
  UnitReassignmentCaseConnection,
  Summons,
  MonitoringAlert,
  ElectronicMonitoringOrder,
  SummonsConnection: connectionResolvers,
  MonitoringAlertConnection: connectionResolvers,
};

// Indicator measures, added apart from the map above so agency changes to it merge cleanly.
Object.assign(resolvers, indicatorResolvers);

// Treatment-registration deadlines (health's determinations, the registrations that meet them), apart like the indicators.
Object.assign(resolvers.Query as object, treatmentRegistrationResolvers.Query);
Object.assign(resolvers.Person as object, treatmentRegistrationResolvers.Person);
Object.assign(resolvers, treatmentRegistrationResolvers.types);

// Hotspots and drug-free communes (schema/prevention-map.graphql), apart like the indicators.
Object.assign(resolvers.Query as object, preventionMapQueries);
Object.assign(resolvers.Mutation as object, preventionMapMutations);
Object.assign(resolvers, { DrugHotspot, DrugFreeRecognition });
