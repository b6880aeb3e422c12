import type { Resolvers } from '../__generated__/resolvers';
import { CompulsoryRehabDossier, CourtDecision } from './CompulsoryRehabDossier';
import { Facility, FacilityOccupancy } from './Facility';
import { Mutation } from './Mutation';
import { Person } from './Person';
import { PlanTarget } from './PlanTarget';
import { PostRehabCase } from './PostRehabCase';
import { Query } from './Query';
import { Absconding, RehabEpisode, RehabLeave } from './RehabEpisode';
import { ReintegrationSupport } from './ReintegrationSupport';
import { ServiceProvider } from './ServiceProvider';

export const resolvers: Resolvers = {
  Query, Mutation, Person, Facility, FacilityOccupancy, ServiceProvider, RehabEpisode, RehabLeave, Absconding,
  CompulsoryRehabDossier, CourtDecision, PostRehabCase, ReintegrationSupport, PlanTarget,
};
