import { connectionResolvers } from '@rehab/server-kit';
import type { PersonResolvers, QueryResolvers, Resolvers } from '../__generated__/resolvers';
import { personTreatmentRegistration, treatmentRegistrationOverdue, TreatmentRegistrationDeadline } from './resolvers';

/** The resolvers of schema/treatment-registration.graphql, merged into the subgraph's map in resolvers/index.ts. */
export const treatmentRegistrationResolvers: {
  Query: Pick<QueryResolvers, 'treatmentRegistrationOverdue'>;
  Person: Pick<PersonResolvers, 'treatmentRegistrationDeadline'>;
  types: Pick<Resolvers, 'TreatmentRegistrationDeadline' | 'TreatmentRegistrationDeadlineConnection'>;
} = {
  Query: { treatmentRegistrationOverdue: (_parent, args, ctx) => treatmentRegistrationOverdue(args, ctx) },
  Person: personTreatmentRegistration,
  types: { TreatmentRegistrationDeadline, TreatmentRegistrationDeadlineConnection: connectionResolvers },
};
