import type { MassOrganisationResolvers } from '../__generated__/resolvers';
import { referencedUnit } from './units';

export const MassOrganisation: MassOrganisationResolvers = {
  unit: (o, _args, ctx) => referencedUnit(ctx, o.unitCode),
};
