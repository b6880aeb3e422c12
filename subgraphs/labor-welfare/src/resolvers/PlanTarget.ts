import type { PlanTargetResolvers } from '../__generated__/resolvers';
import { unitOf } from './unit';

export const PlanTarget: PlanTargetResolvers = {
  unit: (target, _args, ctx) => unitOf(target.unitCode, ctx, target.unitPath),
};
