import { activeGrants } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';

/** Is `path` the unit `root` or inside its subtree? */
export function inSubtree(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}.`);
}

/** May the caller see a record owned by `path` (own unit, or an active break-the-glass grant)? */
export function visibleTo(caller: Caller, path: string): boolean {
  return [caller.unitPath, ...activeGrants(caller).map((g) => g.unitPath)].some((root) => inSubtree(path, root));
}

/** May the caller act on a record owned by `path`? Only within their own unit: a grant opens reads, not acts. */
export function actsOn(caller: Caller, path: string): boolean {
  return inSubtree(path, caller.unitPath);
}
