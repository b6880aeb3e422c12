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

export const resolvers: Resolvers = {
  Query, Mutation, Person, Residence, PersonConnection, PotentialDuplicate,
  DrugUserManagement, TransferNotice, AbsconderSearch, RehabCompletionNotice, RelapseRiskReport,
  PotentialDuplicateConnection: connectionResolvers,
  TransferNoticeConnection: connectionResolvers,
  AbsconderSearchConnection: connectionResolvers,
  RehabCompletionNoticeConnection: connectionResolvers,
  DrugUserManagementConnection: connectionResolvers,
  UnitReassignmentCase, UnitReassignmentCaseConnection,
  Summons, MonitoringAlert, ElectronicMonitoringOrder,
  SummonsConnection: connectionResolvers,
  MonitoringAlertConnection: connectionResolvers,
};

// Indicator measures (issue 7), added apart from the map above so agency changes to it merge cleanly.
Object.assign(resolvers, indicatorResolvers);
