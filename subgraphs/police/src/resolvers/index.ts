import type { Resolvers } from '../__generated__/resolvers';
import { Person } from './Person';
import { PersonConnection, Query } from './Query';
import { Residence } from './Residence';

export const resolvers: Resolvers = { Query, Person, Residence, PersonConnection };
