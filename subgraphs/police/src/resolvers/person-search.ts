import {
  badCursor,
  countUpTo,
  cursorParts,
  domainError,
  makeCursor,
  pageSize,
  pathScope,
  seesPseudonyms,
} from '@rehab/server-kit';
import { ACCESS_MATRIX, canRead, foldVietnamese } from '@rehab/shared-schema';
import type { SelectQueryBuilder } from 'typeorm';
import type { QueryPersonsArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import { personReadScope } from '../care/scope';
import { PersonEntity } from '../entities/Person';
import { unitPath } from './units';

export interface PersonConnectionParent {
  nodes: PersonEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
  /** False when the search matched more than totalCount (the count stops at COUNT_CAP). */
  totalCountExact: boolean;
}

/**
 * Where a person falls in a name search's order: names that start with what was typed
 * first (a surname, usually), then names that only contain it; each group by name and id.
 */
type Group = 0 | 1;

interface After {
  group: Group;
  name: string;
  id: string;
}

const UUID = /^[0-9a-f-]{36}$/i;
/** The byte order the person_name_order index keeps (folded names are plain ASCII). */
const NAME_IN_INDEX_ORDER = 'p.full_name_folded COLLATE "C"';

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

/** A LIKE pattern's literal text: what the officer typed never acts as a wildcard. */
const literal = (text: string): string => text.replace(/[\\%_]/g, '\\$&');

/** The smallest string greater than every string starting with `prefix`, in byte order. */
function prefixEnd(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return prefix.slice(0, -1) + String.fromCodePoint(last + 1);
}

function parseAfter(after: string, byName: boolean): After {
  if (!byName) {
    const [id] = cursorParts(after, 1) as [string];
    if (!UUID.test(id)) throw badCursor();
    return { group: 0, name: '', id };
  }
  const [group, name, id] = cursorParts(after, 3) as [string, string, string];
  if ((group !== '0' && group !== '1') || !UUID.test(id)) throw badCursor();
  return { group: group === '0' ? 0 : 1, name, id };
}

async function matching(args: QueryPersonsArgs, ctx: Context): Promise<SelectQueryBuilder<PersonEntity>> {
  // Clinic and facility staff find, besides their unit's, the people in their care today.
  const scope = personReadScope(pathScope('p.owner_unit_path', ctx.caller), 'p.id', ctx.caller);
  const query = ctx.db.getRepository(PersonEntity).createQueryBuilder('p').where(scope.sql, scope.params);
  if (args.unitCode) {
    // The unit's people, those recorded in the old communes merged into it whole included.
    const unit = pathScope('p.owner_unit_path', { unitPath: await unitPath(ctx, args.unitCode) });
    query.andWhere(unit.sql, unit.params);
  }
  if (args.identificationNumber) query.andWhere('p.identification_number = :number', { number: args.identificationNumber });
  if (!args.includeMerged) query.andWhere(`p.record_status = 'ACTIVE'`);
  return query;
}

/** One group's page after the cursor: names starting with `folded` walk the name index in order. */
function groupPage(base: SelectQueryBuilder<PersonEntity>, group: Group, folded: string, after: After | null, take: number) {
  const query = base.clone();
  // Group 1 orders by the column's own collation so the planner finds its few rows by trigram
  // and sorts them, rather than walking the whole name index in order.
  const name = group === 0 ? NAME_IN_INDEX_ORDER : 'p.full_name_folded';
  if (folded && group === 0) {
    query.andWhere(`${NAME_IN_INDEX_ORDER} >= :low AND ${NAME_IN_INDEX_ORDER} < :high`, { low: folded, high: prefixEnd(folded) });
  }
  if (group === 1) {
    query.andWhere('p.full_name_folded LIKE :contains', { contains: `%${literal(folded)}%` });
    query.andWhere(`${NAME_IN_INDEX_ORDER} NOT LIKE :starts`, { starts: `${literal(folded)}%` });
  }
  if (after?.group === group)
    query.andWhere(`(${name}, p.id) > (:afterName, CAST(:afterId AS uuid))`, { afterName: after.name, afterId: after.id });
  return query.orderBy(name, 'ASC').addOrderBy('p.id', 'ASC').take(take).getMany();
}

/** Pseudonymous callers (analysts) page in id order: random ids carry no name order. */
async function byIdPage(base: SelectQueryBuilder<PersonEntity>, folded: string, after: After | null, take: number) {
  const query = base.clone();
  if (folded) query.andWhere('p.full_name_folded LIKE :contains', { contains: `%${literal(folded)}%` });
  if (after) query.andWhere('p.id > CAST(:afterId AS uuid)', { afterId: after.id });
  return query.orderBy('p.id', 'ASC').take(take).getMany();
}

/**
 * Persons in the caller's scope matching the filters: a count that stops at COUNT_CAP and
 * a page served from the name index in order, so neither grows with a common surname's
 * thousands of matches.
 */
export async function searchPersons(args: QueryPersonsArgs, ctx: Context): Promise<PersonConnectionParent> {
  // Filtering by a field reveals it: only roles that may read names or numbers may filter by them.
  if (args.name) assertMayFilterBy(ctx, 'Person.fullName', 'name');
  if (args.identificationNumber) assertMayFilterBy(ctx, 'Person.identificationNumber', 'identificationNumber');
  const size = pageSize(args.first);
  const folded = args.name ? foldVietnamese(args.name) : '';
  const byName = !seesPseudonyms(ctx.caller);
  const after = args.after ? parseAfter(args.after, byName) : null;
  const base = await matching(args, ctx);
  const counted = await countUpTo(
    folded ? base.clone().andWhere('p.full_name_folded LIKE :contains', { contains: `%${literal(folded)}%` }) : base,
  );
  let rows: PersonEntity[];
  if (!byName) rows = await byIdPage(base, folded, after, size + 1);
  else {
    rows = after?.group === 1 ? [] : await groupPage(base, 0, folded, after, size + 1);
    if (folded && rows.length <= size) rows = rows.concat(await groupPage(base, 1, folded, after, size + 1 - rows.length));
  }
  const nodes = rows.slice(0, size);
  for (const p of nodes) ctx.loaders.personById.prime(p.id, p);
  const last = nodes[nodes.length - 1];
  const groupOf = (p: PersonEntity): Group => (p.fullNameFolded.startsWith(folded) ? 0 : 1);
  const cursor = (p: PersonEntity): string =>
    byName ? makeCursor([String(groupOf(p)), p.fullNameFolded, p.id]) : makeCursor([p.id]);
  return {
    nodes,
    totalCount: counted.count,
    totalCountExact: counted.exact,
    hasNextPage: rows.length > size,
    endCursor: last ? cursor(last) : null,
  };
}
