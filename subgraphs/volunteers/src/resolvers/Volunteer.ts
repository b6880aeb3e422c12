import type { OrganisationChapterResolvers, VolunteerResolvers } from '../__generated__/resolvers';
import type { MassOrganisationEntity } from '../entities/MassOrganisation';
import { referencedUnit } from './units';

/** A volunteer as resolvers pass it on, with the person it was reached through (for the audit). */
export interface VolunteerParent {
  personId: string | null;
  id: string;
  fullName: string;
  phone: string;
  organisation: MassOrganisationEntity;
  chapterId: string;
  unitCode: string;
  active: boolean;
  version: number;
}

export const Volunteer: VolunteerResolvers = {
  unit: (v, _args, ctx) => referencedUnit(ctx, v.unitCode),
  trainings: (v, _args, ctx) => ctx.loaders.trainingsByVolunteer.load(v.id),
  chapter: async (v, _args, ctx) => {
    const chapter = await ctx.loaders.chapterById.load(v.chapterId);
    if (!chapter) throw new Error(`Volunteer ${v.id} has no chapter ${v.chapterId}`);
    return chapter;
  },
};

export const OrganisationChapter: OrganisationChapterResolvers = {
  unit: (c, _args, ctx) => referencedUnit(ctx, c.unitCode),
  activeVolunteerCount: (c, _args, ctx) => ctx.loaders.activeVolunteerCountByChapter.load(c.id),
};
