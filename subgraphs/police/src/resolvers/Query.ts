import { pathScope } from '@rehab/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers';
import { PersonEntity } from '../entities/Person';
import { personReadScope } from '../care/scope';
import { outOfScope } from './out-of-scope';
import { potentialDuplicates } from './PotentialDuplicate';
import { unitReassignmentWorklist } from './reassignment';
import { monitoringAlertsAwaitingAcknowledgement, summonsesAwaitingOutcome } from './law-120';
import { searchPersons, type PersonConnectionParent } from './person-search';
import {
  absconderSearches,
  drugUserManagementsEnding,
  rehabCompletionNotices,
  relapseRiskReports,
  transferNoticesAwaitingAcknowledgement,
} from './worklists';

export const Query: QueryResolvers = {
  person: async (_parent, { id }, ctx) => (await ctx.loaders.personById.load(id)) ?? outOfScope(ctx, { id }),

  personByIdentificationNumber: async (_parent, { number }, ctx) => {
    const scope = personReadScope(pathScope('p.owner_unit_path', ctx.caller), 'p.id', ctx.caller);
    const person = await ctx.db
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .where('p.identification_number = :number', { number })
      .andWhere(scope.sql, scope.params)
      .getOne();
    if (!person) return outOfScope(ctx, { identificationNumber: number });
    ctx.loaders.personById.prime(person.id, person);
    return person;
  },

  persons: (_parent, args, ctx) => searchPersons(args, ctx),

  potentialDuplicates: (_parent, args, ctx) => potentialDuplicates(args, ctx),
  transferNoticesAwaitingAcknowledgement: (_parent, args, ctx) => transferNoticesAwaitingAcknowledgement(args, ctx),
  absconderSearches: (_parent, args, ctx) => absconderSearches(args, ctx),
  rehabCompletionNotices: (_parent, args, ctx) => rehabCompletionNotices(args, ctx),
  relapseRiskReports: (_parent, args, ctx) => relapseRiskReports(args, ctx),
  drugUserManagementsEnding: (_parent, args, ctx) => drugUserManagementsEnding(args, ctx),
  unitReassignmentWorklist: (_parent, args, ctx) => unitReassignmentWorklist(args, ctx),
  summonsesAwaitingOutcome: (_parent, args, ctx) => summonsesAwaitingOutcome(args, ctx),
  monitoringAlertsAwaitingAcknowledgement: (_parent, args, ctx) => monitoringAlertsAwaitingAcknowledgement(args, ctx),
};

export const PersonConnection = {
  nodes: (c: PersonConnectionParent) => c.nodes,
  totalCount: (c: PersonConnectionParent) => c.totalCount,
  totalCountExact: (c: PersonConnectionParent) => c.totalCountExact,
  pageInfo: (c: PersonConnectionParent) => ({ endCursor: c.endCursor, hasNextPage: c.hasNextPage }),
};
