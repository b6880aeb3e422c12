import type { RehabEpisodeResolvers } from '../__generated__/resolvers';

export const RehabEpisode: RehabEpisodeResolvers = {
  facility: (episode, _args, ctx) => (episode.facilityCode ? ctx.loaders.facilityByCode.load(episode.facilityCode) : null),
};
