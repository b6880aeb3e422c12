import { activeGrants, unitScope } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';

/** Is `path` the unit `root` or inside its subtree? */
export function inSubtree(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}.`);
}

/** May the caller see a record owned by any of `paths` (own unit, or an active break-the-glass grant)? */
export function visibleTo(caller: Caller, paths: readonly (string | null)[]): boolean {
  const roots = [caller.unitPath, ...activeGrants(caller).map((g) => g.unitPath)];
  return paths.some((p) => p !== null && roots.some((root) => inSubtree(p, root)));
}

/** May the caller act on a record owned by `path`? Only within their own unit: a grant opens reads, not acts. */
export function actsOn(caller: Caller, path: string | null): boolean {
  return path !== null && inSubtree(path, caller.unitPath);
}

/** SQL condition: at least one owner-path column lies in the caller's scope. */
export function anyPathScope(columns: readonly string[], caller: Caller): { sql: string; params: Record<string, string> } {
  const parts = columns.map((c) => unitScope(c, caller));
  // unitScope names its parameters the same for every column, with the same values: merge them.
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: Object.assign({}, ...parts.map((p) => p.params)) as Record<string, string> };
}

export const episodeScope = (alias: string, caller: Caller) =>
  anyPathScope([`${alias}.facility_owner_path`, `${alias}.residence_owner_path`], caller);

export const dossierScope = (alias: string, caller: Caller) =>
  anyPathScope([`${alias}.owner_unit_path`, `${alias}.facility_owner_path`, `${alias}.interim_facility_path`], caller);

export const ownerScope = (alias: string, caller: Caller) => unitScope(`${alias}.owner_unit_path`, caller);
