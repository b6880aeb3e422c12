import type { AddictionExaminationResolvers, MissedDoseStreakResolvers } from '../__generated__/resolvers';

export const AddictionExamination: AddictionExaminationResolvers = {
  determination: async (examination, _args, ctx) => {
    const determination = await ctx.loaders.determinationById.load(examination.determinationId);
    if (!determination) throw new Error(`Unknown determination ${examination.determinationId}`);
    return determination;
  },
};

export const MissedDoseStreak: MissedDoseStreakResolvers = {
  // A reference: police resolve the identity, within the caller's unit or care relation.
  person: (streak) => ({ id: streak.personId }),
};
