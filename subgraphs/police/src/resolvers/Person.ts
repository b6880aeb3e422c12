import type { PersonResolvers } from '../__generated__/resolvers';

export const Person: PersonResolvers = {
  __resolveReference: (reference, ctx) => ctx.loaders.personById.load(reference.id),
  permanentResidence: (p) => ({ personId: p.id, unitCode: p.permanentUnitCode, addressLine: p.permanentAddress }),
  currentResidence: (p) => ({ personId: p.id, unitCode: p.currentUnitCode, addressLine: p.currentAddress }),
};
