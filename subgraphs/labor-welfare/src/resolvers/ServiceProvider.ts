import type { ServiceProviderResolvers } from '../__generated__/resolvers';
import { unitOf } from './unit';

export const ServiceProvider: ServiceProviderResolvers = {
  unit: (p, _args, ctx) => unitOf(p.unitCode, ctx, p.ownerUnitPath),
};
