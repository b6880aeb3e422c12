import type { QueryResolvers } from '../__generated__/resolvers';
import { MassOrganisationEntity } from '../entities/MassOrganisation';
import { byKindThenCode } from '../rules/organisations';

export const Query: QueryResolvers = {
  // Reference data of the organisations themselves: not person records, so not unit-scoped.
  massOrganisations: async (_parent, _args, ctx) =>
    (await ctx.db.getRepository(MassOrganisationEntity).find()).sort(byKindThenCode),
};
