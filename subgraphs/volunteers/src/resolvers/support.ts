import type {
  AssignedPersonResolvers,
  PendingReassignmentResolvers,
  VolunteerDeactivationResolvers,
  VolunteerWorklistResolvers,
} from '../__generated__/resolvers';

export const VolunteerWorklist: VolunteerWorklistResolvers = {
  visitsDue: (w) => w.people.filter((p) => p.visitDue),
  periodsEnding: (w) => w.people.filter((p) => p.periodEnding),
};

export const AssignedPerson: AssignedPersonResolvers = {};

export const PendingReassignment: PendingReassignmentResolvers = {
  assignmentId: (a) => a.id,
  endedOn: (a) => {
    if (a.endedOn === null) throw new Error(`Assignment ${a.id} awaits a volunteer but has not ended`);
    return a.endedOn;
  },
  previousVolunteer: (a) => ({ ...a.volunteer, personId: a.personId }),
};

export const VolunteerDeactivation: VolunteerDeactivationResolvers = {};
