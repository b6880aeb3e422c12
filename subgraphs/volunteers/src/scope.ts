import { pathScope, type SqlScope } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';

export { actsOn, assignedUnitPaths, inSubtree, visibleTo } from '@rehab/server-kit';

/**
 * Scope of assignments (owned by the person's commune on their start date): a split
 * pre-reform commune's assignments follow their person to the new commune assigned.
 */
export const assignmentScope = (alias: string, caller: Caller): SqlScope =>
  pathScope(`${alias}.owner_unit_path`, caller, { personColumn: `${alias}.person_id` });
