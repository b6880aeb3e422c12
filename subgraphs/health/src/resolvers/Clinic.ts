import type { ClinicResolvers, DoseResolvers } from '../__generated__/resolvers';

export const Clinic: ClinicResolvers = {
  unit: async (clinic, _args, ctx) => {
    const unit = await ctx.loaders.unitByCode.load(clinic.code);
    if (!unit) throw new Error(`Unknown administrative unit ${clinic.code}`);
    return unit;
  },
  dispensingPoints: async (clinic, { includeClosed }, ctx) => {
    const points = await ctx.loaders.dispensingPointsByClinic.load(clinic.code);
    return includeClosed ? points : points.filter((p) => p.closedOn === null);
  },
};

export const Dose: DoseResolvers = {
  dispensingPoint: async (dose, _args, ctx) => {
    const point = await ctx.loaders.dispensingPointByCode.load(dose.dispensingPointCode);
    if (!point) throw new Error(`Unknown dispensing point ${dose.dispensingPointCode}`);
    return point;
  },
};
