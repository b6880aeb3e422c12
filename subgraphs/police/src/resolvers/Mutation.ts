import type { MutationResolvers } from '../__generated__/resolvers';
import { decideDrugUserManagement, endDrugUserManagement, recordCheckIn, recordDrugUseDetection } from '../mutations/drug-users';
import { acknowledgeTransferNotice, recordMovePresentation, recordResidenceChange } from '../mutations/movements';
import { recordSubstanceDeclaration, recordSummonsOutcome, summonDrugUser } from '../mutations/law-120-duties';
import {
  acknowledgeMonitoringAlert,
  endElectronicMonitoring,
  orderElectronicMonitoring,
  reportMonitoringDeviceEvent,
} from '../mutations/monitoring';
import { mergePersons, registerPerson, updatePerson } from '../mutations/registry';
import { acknowledgeRehabCompletionNotice, recordAbsconderFound } from '../mutations/searches';
import { assignPersonToUnit } from '../mutations/reassignment';

/** Each mutation runs in one transaction with its audit rows and outbox notices (see mutations/). */
export const Mutation: MutationResolvers = {
  registerPerson: (_parent, args, ctx) => registerPerson(args, ctx),
  updatePerson: (_parent, args, ctx) => updatePerson(args, ctx),
  mergePersons: (_parent, args, ctx) => mergePersons(args, ctx),
  recordDrugUseDetection: (_parent, args, ctx) => recordDrugUseDetection(args, ctx),
  decideDrugUserManagement: (_parent, args, ctx) => decideDrugUserManagement(args, ctx),
  recordCheckIn: (_parent, args, ctx) => recordCheckIn(args, ctx),
  endDrugUserManagement: (_parent, args, ctx) => endDrugUserManagement(args, ctx),
  recordResidenceChange: (_parent, args, ctx) => recordResidenceChange(args, ctx),
  acknowledgeTransferNotice: (_parent, args, ctx) => acknowledgeTransferNotice(args, ctx),
  recordAbsconderFound: (_parent, args, ctx) => recordAbsconderFound(args, ctx),
  acknowledgeRehabCompletionNotice: (_parent, args, ctx) => acknowledgeRehabCompletionNotice(args, ctx),
  assignPersonToUnit: (_parent, args, ctx) => assignPersonToUnit(args, ctx),
  // Law 120/2025 (from 1 July 2026).
  recordSubstanceDeclaration: (_parent, args, ctx) => recordSubstanceDeclaration(args, ctx),
  summonDrugUser: (_parent, args, ctx) => summonDrugUser(args, ctx),
  recordSummonsOutcome: (_parent, args, ctx) => recordSummonsOutcome(args, ctx),
  recordMovePresentation: (_parent, args, ctx) => recordMovePresentation(args, ctx),
  orderElectronicMonitoring: (_parent, args, ctx) => orderElectronicMonitoring(args, ctx),
  endElectronicMonitoring: (_parent, args, ctx) => endElectronicMonitoring(args, ctx),
  reportMonitoringDeviceEvent: (_parent, args, ctx) => reportMonitoringDeviceEvent(args, ctx),
  acknowledgeMonitoringAlert: (_parent, args, ctx) => acknowledgeMonitoringAlert(args, ctx),
};
