import type { ResidenceResolvers } from '../__generated__/resolvers';

/** A residence as resolvers pass it on: the unit code and the address line. */
export interface ResidenceParent {
  personId: string;
  unitCode: string;
  /** The unit version the residence was recorded in (the current residence's owner path); null: today's version of the code. */
  unitPath: string | null;
  addressLine: string;
}

export const Residence: ResidenceResolvers = {
  unit: async (parent, _args, ctx) => {
    const unit = parent.unitPath
      ? await ctx.loaders.unitByCode.loadPath(parent.unitPath)
      : await ctx.loaders.unitByCode.load(parent.unitCode);
    if (!unit) throw new Error(`Unknown administrative unit ${parent.unitCode}`);
    return unit;
  },
  addressLine: (parent) => parent.addressLine,
};
