import type { Resolvers } from '../__generated__/resolvers';
import { Clinic } from './Clinic';
import { Person } from './Person';
import { Query } from './Query';
import { SubstitutionTreatment } from './SubstitutionTreatment';

export const resolvers: Resolvers = { Query, Person, SubstitutionTreatment, Clinic };
