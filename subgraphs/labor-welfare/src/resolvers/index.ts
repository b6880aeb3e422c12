import type { Resolvers } from '../__generated__/resolvers';
import { Facility } from './Facility';
import { Person } from './Person';
import { PlanTarget } from './PlanTarget';
import { Query } from './Query';
import { RehabEpisode } from './RehabEpisode';

export const resolvers: Resolvers = { Query, Person, Facility, RehabEpisode, PlanTarget };
