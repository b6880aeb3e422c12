import type { MutationResolvers } from '../__generated__/resolvers';
import {
  decideDrugUserManagement, endDrugUserManagement, recordCheckIn, recordDrugUseDetection,
} from '../mutations/drug-users';
import { acknowledgeTransferNotice, recordResidenceChange } from '../mutations/movements';
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
};
