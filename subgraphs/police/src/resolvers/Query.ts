import { countUpTo, decodeCursor, domainError, encodeCursor, pageSize, pathScope, seesPseudonyms } from '@rehab/server-kit';
import { ACCESS_MATRIX, canRead, foldVietnamese } from '@rehab/shared-schema';
import type { QueryResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { PersonEntity } from '../entities/Person';
import { personReadScope } from '../care/scope';
import { outOfScope } from './out-of-scope';
import { potentialDuplicates } from './PotentialDuplicate';
import { unitReassignmentWorklist } from './reassignment';
import { monitoringAlertsAwaitingAcknowledgement, summonsesAwaitingOutcome } from './law-120';
import { unitPath } from './units';
import {
  absconderSearches,
  drugUserManagementsEnding,
  rehabCompletionNotices,
  relapseRiskReports,
  transferNoticesAwaitingAcknowledgement,
} from './worklists';

export interface PersonConnectionParent {
  nodes: PersonEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
  /** False when the search matched more than totalCount (the count stops at COUNT_CAP). */
  totalCountExact: boolean;
}

const CURSOR_SEPARATOR = '\u0000';

function assertMayFilterBy(ctx: Context, coordinate: string, argument: string): void {
  if (canRead(ACCESS_MATRIX, ctx.caller.role, coordinate)) return;
  throw domainError(
    'FORBIDDEN',
    {
      vi: `Không có quyền lọc theo ${argument} vì không có quyền xem trường ${coordinate}`,
      en: `Not allowed to filter by ${argument} without the right to read ${coordinate}`,
    },
    { field: argument },
  );
}

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

  persons: async (_parent, args, ctx) => {
    // Filtering by a field reveals it: only roles that may read names or numbers may filter by them.
    if (args.name) assertMayFilterBy(ctx, 'Person.fullName', 'name');
    if (args.identificationNumber) assertMayFilterBy(ctx, 'Person.identificationNumber', 'identificationNumber');
    const size = pageSize(args.first);
    // Clinic and facility staff find, besides their unit's, the people in their care today.
    const scope = personReadScope(pathScope('p.owner_unit_path', ctx.caller), 'p.id', ctx.caller);
    const query = ctx.db.getRepository(PersonEntity).createQueryBuilder('p').where(scope.sql, scope.params);
    if (args.unitCode) {
      // The unit's people, those recorded in the old communes merged into it whole included.
      const unit = pathScope('p.owner_unit_path', { unitPath: await unitPath(ctx, args.unitCode) });
      query.andWhere(unit.sql, unit.params);
    }
    if (args.name) query.andWhere('p.full_name_folded LIKE :name', { name: `%${foldVietnamese(args.name)}%` });
    if (args.identificationNumber) query.andWhere('p.identification_number = :number', { number: args.identificationNumber });
    if (!args.includeMerged) query.andWhere(`p.record_status = 'ACTIVE'`);
    const counted = await countUpTo(query);
    // Pseudonymous callers (analysts) get the list in id order: random ids carry no name order,
    // so a page of pseudonyms cannot be lined up against a known list of names.
    const byName = !seesPseudonyms(ctx.caller);
    if (args.after) {
      const [name, id] = decodeCursor(args.after).split(CURSOR_SEPARATOR);
      if (byName) query.andWhere('(p.full_name_folded, p.id) > (:afterName, :afterId)', { afterName: name, afterId: id });
      else query.andWhere('p.id > :afterId', { afterId: name });
    }
    if (byName) query.orderBy('p.full_name_folded', 'ASC').addOrderBy('p.id', 'ASC');
    else query.orderBy('p.id', 'ASC');
    const rows = await query.take(size + 1).getMany();
    const nodes = rows.slice(0, size);
    for (const p of nodes) ctx.loaders.personById.prime(p.id, p);
    const last = nodes[nodes.length - 1];
    const cursor = (p: PersonEntity): string => (byName ? `${p.fullNameFolded}${CURSOR_SEPARATOR}${p.id}` : p.id);
    return {
      nodes,
      totalCount: counted.count,
      totalCountExact: counted.exact,
      hasNextPage: rows.length > size,
      endCursor: last ? encodeCursor(cursor(last)) : null,
    };
  },

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
