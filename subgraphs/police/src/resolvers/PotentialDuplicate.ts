import { domainError, pageSize, pathScope } from '@rehab/server-kit';
import type { PotentialDuplicateResolvers, QueryPotentialDuplicatesArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import { PersonEntity } from '../entities/Person';
import { cursorParts, makeCursor, type PotentialDuplicateConnectionParent } from './connections';
import { knownUnit, unitPath } from './units';

/** A group of potential duplicates: its commune and the ids of its records. */
export interface PotentialDuplicateParent {
  unitCode: string;
  personIds: string[];
}

interface GroupRow {
  unit: string;
  name: string;
  dob: string;
  ids: string[];
}

export const PotentialDuplicate: PotentialDuplicateResolvers = {
  unit: (group, _args, ctx) => knownUnit(ctx, group.unitCode),
  persons: async (group, _args, ctx) => {
    const persons = await ctx.loaders.personById.loadMany(group.personIds);
    return persons.filter((p): p is PersonEntity => p instanceof PersonEntity);
  },
};

/**
 * Active records with the same folded name, date of birth and commune (numbers are
 * unique, so they differ), grouped, in (commune, name, date of birth) order.
 */
export async function potentialDuplicates(
  args: QueryPotentialDuplicatesArgs,
  ctx: Context,
): Promise<PotentialDuplicateConnectionParent> {
  const size = pageSize(args.first);
  const scope = pathScope('p.owner_unit_path', ctx.caller);
  const groups = ctx.db
    .createQueryBuilder()
    .from(PersonEntity, 'p')
    .where(`p.record_status = 'ACTIVE'`)
    .andWhere(scope.sql, scope.params);
  if (args.unitCode) {
    const path = await unitPath(ctx, args.unitCode);
    groups.andWhere('(p.owner_unit_path = :unitPath OR p.owner_unit_path LIKE :unitLike)', {
      unitPath: path,
      unitLike: `${path}.%`,
    });
  }
  groups.groupBy('p.current_unit_code').addGroupBy('p.full_name_folded').addGroupBy('p.date_of_birth').having('count(*) > 1');
  const [{ count }] = (await ctx.db
    .createQueryBuilder()
    .select('count(*)::int', 'count')
    .from(`(${groups.clone().select('1').getQuery()})`, 'g')
    .setParameters(groups.getParameters())
    .getRawMany()) as [{ count: number }];
  const page = groups
    .clone()
    .select('p.current_unit_code', 'unit')
    .addSelect('p.full_name_folded', 'name')
    .addSelect(`to_char(p.date_of_birth, 'YYYY-MM-DD')`, 'dob')
    .addSelect('array_agg(p.id::text ORDER BY p.identification_number)', 'ids');
  if (args.after) {
    const [unit, name, dob] = cursorParts(args.after, 3) as [string, string, string];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dob)) {
      throw domainError(
        'BAD_USER_INPUT',
        { vi: 'Con trỏ phân trang không hợp lệ', en: 'Invalid pagination cursor' },
        { field: 'after' },
      );
    }
    page.andWhere(
      '(p.current_unit_code, p.full_name_folded, p.date_of_birth) > (:afterUnit, :afterName, CAST(:afterDob AS date))',
      { afterUnit: unit, afterName: name, afterDob: dob },
    );
  }
  const rows = await page
    .orderBy('p.current_unit_code', 'ASC')
    .addOrderBy('p.full_name_folded', 'ASC')
    .addOrderBy('p.date_of_birth', 'ASC')
    .limit(size + 1)
    .getRawMany<GroupRow>();
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return {
    nodes: nodes.map((r) => ({ unitCode: r.unit, personIds: r.ids })),
    totalCount: count,
    hasNextPage: rows.length > size,
    endCursor: last ? makeCursor([last.unit, last.name, last.dob]) : null,
  };
}
