import type { ReintegrationSupportResolvers } from '../__generated__/resolvers';
import { unitOf } from './unit';

export const ReintegrationSupport: ReintegrationSupportResolvers = {
  person: (s) => ({ id: s.personId }),
  amountVnd: (s) => (s.amountVnd === null ? null : Number(s.amountVnd)),
  residenceUnit: (s, _args, ctx) => unitOf(s.residenceUnitCode, ctx, s.ownerUnitPath),
  postRehabCase: (s, _args, ctx) => (s.postRehabCaseId ? ctx.loaders.postRehabCaseById.load(s.postRehabCaseId) : null),
};
