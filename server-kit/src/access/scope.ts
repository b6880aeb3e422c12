import type { BreakGlassGrant, Caller } from '@rehab/shared-schema';

/** The caller's break-the-glass grants that have not expired at `now`. */
export function activeGrants(caller: Pick<Caller, 'grants'>, now: Date = new Date()): BreakGlassGrant[] {
  return (caller.grants ?? []).filter((g) => Date.parse(g.expiresAt) > now.getTime());
}

/**
 * SQL condition keeping the records whose owner unit lies in the caller's subtree, or
 * in the subtree of one of the caller's active break-the-glass grants (an expired grant
 * widens nothing). `column` holds the owner unit's materialised path.
 */
export function unitScope(column: string, caller: Pick<Caller, 'unitPath' | 'grants'>,
  now: Date = new Date()): { sql: string; params: Record<string, string> } {
  const paths = [caller.unitPath, ...activeGrants(caller, now).map((g) => g.unitPath)];
  const params: Record<string, string> = {};
  const terms = paths.map((path, i) => {
    const suffix = i === 0 ? '' : `Grant${i}`;
    params[`scopePath${suffix}`] = path;
    params[`scopeLike${suffix}`] = `${path}.%`;
    return `${column} = :scopePath${suffix} OR ${column} LIKE :scopeLike${suffix}`;
  });
  return { sql: `(${terms.join(' OR ')})`, params };
}

/**
 * The same rule in code: does a record owned at `path` lie in the caller's subtree or
 * in one of the caller's active break-the-glass grants?
 */
export function isInUnitScope(path: string, caller: Pick<Caller, 'unitPath' | 'grants'>, now: Date = new Date()): boolean {
  const within = (ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);
  return within(caller.unitPath) || activeGrants(caller, now).some((g) => within(g.unitPath));
}
