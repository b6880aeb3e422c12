import { isWithin, units, type BreakGlassGrant, type Caller } from '@rehab/shared-schema';

/**
 * Unit scope, the one vocabulary every subgraph uses. A record keeps the unit it was made
 * in (its owner path). An officer's unit owns its subtree and, across a reform, the
 * subtrees of every predecessor that came in whole (a new commune reads and acts on the
 * records of the old communes merged into it). Records of a predecessor split between
 * several new units belong to the new unit the province assigned each person to
 * (person_unit_assignment). Break-the-glass grants widen reads, never acts.
 */
type ScopeCaller = Pick<Caller, 'unitPath' | 'grants'>;

/** The caller's break-the-glass grants that have not expired at `now`. */
export function activeGrants(caller: Pick<Caller, 'grants'>, now: Date = new Date()): BreakGlassGrant[] {
  return (caller.grants ?? []).filter((g) => Date.parse(g.expiresAt) > now.getTime());
}

/** The subtrees a unit owns: itself and, transitively, its whole predecessors. */
export function ownedRoots(unitPath: string): readonly string[] {
  return units().scopeRoots(unitPath);
}

/** The subtrees the caller acts on: those of their own unit. */
export function actingRoots(caller: Pick<Caller, 'unitPath'>): readonly string[] {
  return ownedRoots(caller.unitPath);
}

/** The subtrees the caller reads: their own unit's and those of their active grants. */
export function readingRoots(caller: ScopeCaller, now: Date = new Date()): string[] {
  return [...new Set([...ownedRoots(caller.unitPath), ...activeGrants(caller, now).flatMap((g) => ownedRoots(g.unitPath))])];
}

const withinAny = (path: string, roots: readonly string[]) => roots.some((root) => isWithin(path, root));

/** Does a record owned at `path` lie in the caller's reading scope? */
export function isInUnitScope(path: string, caller: ScopeCaller, now: Date = new Date()): boolean {
  return withinAny(path, readingRoots(caller, now));
}

/**
 * May the caller see a record owned by any of `paths` (the record's commune, facility…)?
 * `assignedTo`: paths of the new units the record's person was assigned to from a split commune.
 */
export function visibleTo(caller: ScopeCaller, paths: readonly (string | null)[], assignedTo: readonly string[] = []): boolean {
  const roots = readingRoots(caller);
  return [...paths, ...assignedTo].some((p) => p !== null && withinAny(p, roots));
}

/** May the caller act on a record owned by `path`? Only within their own unit: a grant opens reads, not acts. */
export function actsOn(caller: Pick<Caller, 'unitPath'>, path: string | null, assignedTo: readonly string[] = []): boolean {
  const roots = actingRoots(caller);
  return [path, ...assignedTo].some((p) => p !== null && withinAny(p, roots));
}

export interface ScopeOptions {
  /**
   * The record's person column: records of a split pre-reform commune are then in scope
   * where their person was assigned to a new unit in the scope.
   */
  personColumn?: string;
  /** Check against the acting roots only (no grants). */
  acting?: boolean;
  now?: Date;
}

export interface SqlScope {
  sql: string;
  params: Record<string, string | string[]>;
}

let scopeCounter = 0;

/**
 * SQL condition keeping records whose owner path (any of `columns`) lies in the caller's
 * scope. Parameter names are unique per call, so several scopes can share one query.
 */
export function pathScope(columns: string | readonly string[], caller: ScopeCaller, options: ScopeOptions = {}): SqlScope {
  const roots = options.acting ? [...actingRoots(caller)] : readingRoots(caller, options.now);
  const id = `scope${(scopeCounter = (scopeCounter + 1) % 1_000_000)}`;
  const params: Record<string, string | string[]> = {};
  const terms: string[] = [];
  const list = typeof columns === 'string' ? [columns] : columns;
  roots.forEach((root, i) => {
    params[`${id}p${i}`] = root;
    params[`${id}l${i}`] = `${root}.%`;
  });
  const within = (column: string) => roots.map((_r, i) => `${column} = :${id}p${i} OR ${column} LIKE :${id}l${i}`).join(' OR ');
  for (const column of list) terms.push(within(column));
  if (options.personColumn) {
    const assigned = within('a.to_unit_path');
    for (const column of list) {
      terms.push(
        `(${options.personColumn}, ${column}) IN (SELECT a.person_id, a.from_unit_path FROM person_unit_assignment a WHERE ${assigned})`,
      );
    }
  }
  return { sql: `(${terms.join(' OR ')})`, params };
}

/**
 * SQL condition keeping records owned by the unit at `path` or below it (the plain tree: what a
 * list of a unit asks for, apart from the caller's scope). Parameter names are unique per call.
 */
export function unitSubtree(column: string, path: string): SqlScope {
  const id = `subtree${(scopeCounter = (scopeCounter + 1) % 1_000_000)}`;
  return { sql: `(${column} = :${id}p OR ${column} LIKE :${id}l)`, params: { [`${id}p`]: path, [`${id}l`]: `${path}.%` } };
}

/** Is `path` the unit `root` or inside its subtree (no lineage: the plain tree test)? */
export const inSubtree = isWithin;

/** Something that runs SQL (an EntityManager or a DataSource). */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The new units a person's records of the split pre-reform units `fromPaths` were assigned
 * to (person_unit_assignment), for in-code scope checks of one record.
 */
export async function assignedUnitPaths(
  db: Queryable,
  personId: string | null,
  fromPaths: readonly (string | null)[],
): Promise<string[]> {
  const paths = fromPaths.filter((p): p is string => p !== null && units().isSplit(p));
  if (personId === null || paths.length === 0) return [];
  const rows = (await db.query(
    'SELECT to_unit_path FROM person_unit_assignment WHERE person_id = $1 AND from_unit_path = ANY($2)',
    [personId, paths],
  )) as { to_unit_path: string }[];
  return rows.map((r) => r.to_unit_path);
}
