import type { ClinicResolvers } from '../__generated__/resolvers';

export const Clinic: ClinicResolvers = {
  unit: async (clinic, _args, ctx) => {
    const unit = await ctx.loaders.unitByCode.load(clinic.code);
    if (!unit) throw new Error(`Unknown administrative unit ${clinic.code}`);
    return unit;
  },
};
