import type { ResidentExtractionResolvers } from '../__generated__/resolvers';
import { isOverdue } from '../mutations/extraction';
import { unitOf } from './unit';

export const ResidentExtraction: ResidentExtractionResolvers = {
  person: (x) => ({ id: x.personId }),
  episode: (x, _args, ctx) => ctx.loaders.rehabEpisodeById.load(x.episodeId),
  facility: async (x, _args, ctx) => {
    const facility = await ctx.loaders.facilityByCode.load(x.facilityCode);
    if (!facility) throw new Error(`Unknown facility ${x.facilityCode}`);
    return facility;
  },
  requestingUnit: (x, _args, ctx) => unitOf(x.requestingUnitCode, ctx, x.requestingUnitPath),
  overdue: (x) => isOverdue(x),
};
