import { indicatorResolvers } from '../indicators/measures';
import type { Resolvers } from '../__generated__/resolvers';
import { MassOrganisation } from './MassOrganisation';
import { Mutation } from './Mutation';
import { Person } from './Person';
import { Query } from './Query';
import { CommunicationActivity, communicationMutations, communicationQueries } from '../mutations/communication';
import { PersonAtRisk, preventionMutations, preventionQueries } from '../mutations/prevention';
import { AssignedPerson, PendingReassignment, VolunteerDeactivation, VolunteerWorklist } from './support';
import { OrganisationChapter, Volunteer } from './Volunteer';
import { VolunteerAssignment } from './VolunteerAssignment';

export const resolvers: Resolvers = {
  Query: { ...Query, ...communicationQueries, ...preventionQueries },
  Mutation: { ...Mutation, ...communicationMutations, ...preventionMutations },
  CommunicationActivity,
  PersonAtRisk,
  Person,
  MassOrganisation,
  OrganisationChapter,
  Volunteer,
  VolunteerAssignment,
  VolunteerWorklist,
  AssignedPerson,
  PendingReassignment,
  VolunteerDeactivation,
};

// Indicator measures, added apart from the map above so agency changes to it merge cleanly.
Object.assign(resolvers, indicatorResolvers);
