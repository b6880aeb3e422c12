import type { SubstitutionTreatmentResolvers } from '../__generated__/resolvers';

export const SubstitutionTreatment: SubstitutionTreatmentResolvers = {
  clinic: async (treatment, _args, ctx) => {
    const clinic = await ctx.loaders.clinicByCode.load(treatment.clinicCode);
    if (!clinic) throw new Error(`Unknown clinic ${treatment.clinicCode}`);
    return clinic;
  },
};
