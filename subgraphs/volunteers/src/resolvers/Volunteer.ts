import type { VolunteerResolvers } from '../__generated__/resolvers';
import type { MassOrganisationEntity } from '../entities/MassOrganisation';
import { referencedUnit } from './units';

/** A volunteer as resolvers pass it on, with the person it was reached through (for the audit). */
export interface VolunteerParent {
  personId: string | null;
  id: string;
  fullName: string;
  phone: string;
  organisation: MassOrganisationEntity;
  unitCode: string;
  active: boolean;
  version: number;
}

export const Volunteer: VolunteerResolvers = {
  unit: (v, _args, ctx) => referencedUnit(ctx, v.unitCode),
  trainings: (v, _args, ctx) => ctx.loaders.trainingsByVolunteer.load(v.id),
};
