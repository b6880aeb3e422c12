import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { domainError } from './errors';
import { decodeCursor, encodeCursor, pageSize } from './paging';

/** A page of a list as the connection resolvers pass it on. */
export interface ConnectionParent<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

/** Field resolvers of every connection type. */
export const connectionResolvers = {
  nodes: <T>(c: ConnectionParent<T>) => c.nodes,
  totalCount: <T>(c: ConnectionParent<T>) => c.totalCount,
  pageInfo: <T>(c: ConnectionParent<T>) => ({ endCursor: c.endCursor, hasNextPage: c.hasNextPage }),
};

/** The most matches a search counts exactly; past it the count says "more than". */
export const COUNT_CAP = 1000;

/** How many rows a query matches, counting no further than `cap` (exact is false past it). */
export interface BoundedCount {
  count: number;
  exact: boolean;
}

/**
 * Counts the query's rows up to `cap`, reading at most cap + 1 of them: the cost of a
 * common surname's search stays that of a thousand rows, not of every match.
 */
export async function countUpTo<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, cap = COUNT_CAP): Promise<BoundedCount> {
  const limited = query
    .clone()
    .select('1', 'one')
    .orderBy()
    .limit(cap + 1);
  const [sql, params] = limited.getQueryAndParameters();
  const rows: unknown = await query.connection.query(`SELECT count(*)::int AS n FROM (${sql}) AS capped`, params);
  const n = Array.isArray(rows) ? Number((rows[0] as { n: unknown } | undefined)?.n ?? 0) : 0;
  return { count: Math.min(n, cap), exact: n <= cap };
}

/** The typed error of a pagination cursor this server did not make. */
export const badCursor = () =>
  domainError('BAD_USER_INPUT', { vi: 'Con trỏ phân trang không hợp lệ', en: 'Invalid pagination cursor' }, { field: 'after' });

/** The string parts a cursor carries (sort values then id). */
export function cursorParts(after: string, count: number): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(decodeCursor(after));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parts) || parts.length !== count || !parts.every((p) => typeof p === 'string')) throw badCursor();
  return parts;
}

export const makeCursor = (parts: readonly string[]): string => encodeCursor(JSON.stringify(parts));

export interface KeysetOptions<T> {
  first: number | null | undefined;
  after: string | null | undefined;
  /** SQL of the sort key (ascending) and its SQL type, e.g. ['s.since', 'date']. */
  sortSql: string;
  sortType: string;
  /** The sort key of a row, as the cursor stores it. */
  sortOf(row: T): string;
  /** Whether a cursor's sort key is well formed (so it never reaches SQL otherwise). */
  validSort(value: string): boolean;
  idSql: string;
}

/**
 * One page of `query` in ascending (sort key, id) order, after the cursor: a count and
 * one select, whatever the page size.
 */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  options: KeysetOptions<T>,
): Promise<ConnectionParent<T>> {
  const size = pageSize(options.first);
  const totalCount = await query.clone().getCount();
  if (options.after) {
    const [sortValue, id] = cursorParts(options.after, 2) as [string, string];
    if (!/^[0-9a-f-]{36}$/i.test(id) || !options.validSort(sortValue)) throw badCursor();
    query.andWhere(`(${options.sortSql}, ${options.idSql}) > (CAST(:afterSort AS ${options.sortType}), CAST(:afterId AS uuid))`, {
      afterSort: sortValue,
      afterId: id,
    });
  }
  const rows = await query
    .orderBy(options.sortSql, 'ASC')
    .addOrderBy(options.idSql, 'ASC')
    .limit(size + 1)
    .getMany();
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    hasNextPage: rows.length > size,
    endCursor: last ? makeCursor([options.sortOf(last), last.id]) : null,
  };
}
