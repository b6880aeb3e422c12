import type { PostRehabCaseResolvers } from '../__generated__/resolvers';
import { unitOf } from './unit';

export const PostRehabCase: PostRehabCaseResolvers = {
  person: (c) => ({ id: c.personId }),
  // Scoped: null when the episode lies outside the caller's unit.
  episode: (c, _args, ctx) => (c.episodeId ? ctx.loaders.rehabEpisodeById.load(c.episodeId) : null),
  residenceUnit: (c, _args, ctx) => unitOf(c.residenceUnitCode, ctx, c.ownerUnitPath),
  events: (c, _args, ctx) => ctx.loaders.eventsByEntity.load(c.id),
  drugUses: (c, _args, ctx) => ctx.loaders.drugUsesByCase.load(c.id),
};
