import type { FacilityResolvers } from '../__generated__/resolvers';
import { unitOf } from './unit';

export const Facility: FacilityResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.facilityByCode.load(reference.code),
  unit: (facility, _args, ctx) => unitOf(facility.code, ctx),
};
