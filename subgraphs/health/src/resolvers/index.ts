import type { Resolvers } from '../__generated__/resolvers';
import { AddictionDeterminationRequest } from './AddictionDeterminationRequest';
import { Clinic } from './Clinic';
import { Mutation } from './Mutation';
import { Person } from './Person';
import { Query } from './Query';
import { SubstitutionTreatment } from './SubstitutionTreatment';

export const resolvers: Resolvers = { Query, Mutation, Person, SubstitutionTreatment, Clinic, AddictionDeterminationRequest };
