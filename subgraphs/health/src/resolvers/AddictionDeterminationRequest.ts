import type { AddictionDeterminationRequestResolvers } from '../__generated__/resolvers';

export const AddictionDeterminationRequest: AddictionDeterminationRequestResolvers = {
  requestingUnit: async (request, _args, ctx) => {
    const unit = await ctx.loaders.unitByCode.load(request.ownerUnitCode);
    if (!unit) throw new Error(`Unknown administrative unit ${request.ownerUnitCode}`);
    return unit;
  },
  determination: (request, _args, ctx) => ctx.loaders.determinationByRequest.load(request.id),
  lateEntry: (request) => request.lateEntryReason !== null,
};
