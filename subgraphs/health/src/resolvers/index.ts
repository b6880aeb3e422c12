import { indicatorResolvers } from '../indicators/measures';
import type { Resolvers } from '../__generated__/resolvers';
import { AddictionDeterminationRequest } from './AddictionDeterminationRequest';
import { Clinic, Dose } from './Clinic';
import { Mutation } from './Mutation';
import { Person } from './Person';
import { Query } from './Query';
import { SubstitutionTreatment } from './SubstitutionTreatment';
import { AddictionExamination, MissedDoseStreak } from './records';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Person,
  SubstitutionTreatment,
  Clinic,
  Dose,
  AddictionDeterminationRequest,
  AddictionExamination,
  MissedDoseStreak,
  // A determination without an informed date (before it was recorded) was told on its examination date.
  AddictionDetermination: { informedOn: (d) => d.informedOn ?? d.examinedOn },
};

// Indicator measures, added apart from the map above so agency changes to it merge cleanly.
Object.assign(resolvers, indicatorResolvers);
