import type { VolunteerAssignmentResolvers } from '../__generated__/resolvers';

export const VolunteerAssignment: VolunteerAssignmentResolvers = {
  // The volunteer carries the person id so reads of it are audited against that person.
  volunteer: (a) => ({ ...a.volunteer, personId: a.personId }),
};
