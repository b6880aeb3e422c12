import type { Resolvers } from '../__generated__/resolvers';
import { MassOrganisation } from './MassOrganisation';
import { Person } from './Person';
import { Query } from './Query';
import { Volunteer } from './Volunteer';
import { VolunteerAssignment } from './VolunteerAssignment';

export const resolvers: Resolvers = { Query, Person, MassOrganisation, Volunteer, VolunteerAssignment };
