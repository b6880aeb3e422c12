import type { Caller } from '@rehab/shared-schema';

/**
 * SQL condition keeping the records whose owner unit lies in the caller's subtree.
 * `column` holds the owner unit's materialised path.
 */
export function unitScope(column: string, caller: Pick<Caller, 'unitPath'>): { sql: string; params: Record<string, string> } {
  return {
    sql: `(${column} = :scopePath OR ${column} LIKE :scopeLike)`,
    params: { scopePath: caller.unitPath, scopeLike: `${caller.unitPath}.%` },
  };
}
