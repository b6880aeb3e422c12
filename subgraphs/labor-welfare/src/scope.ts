import { anyPathScope, pathScope, type SqlScope } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';

export { actsOn, inSubtree, visibleTo } from '@rehab/server-kit';

/** An episode is seen by its facility and by the person's residence commune (and, for a split commune, the commune the person was assigned to). */
export const episodeScope = (alias: string, caller: Caller): SqlScope =>
  anyPathScope([`${alias}.facility_owner_path`, `${alias}.residence_owner_path`], caller, { personColumn: `${alias}.person_id` });

/** A dossier is seen by its commune, the facility the court named, the facility holding the person and the court deciding it. */
export const dossierScope = (alias: string, caller: Caller): SqlScope =>
  anyPathScope([`${alias}.owner_unit_path`, `${alias}.facility_owner_path`, `${alias}.interim_facility_path`, `${alias}.court_unit_path`], caller,
    { personColumn: `${alias}.person_id` });

/** Records owned by one unit (post-rehab cases, reintegration support). */
export const ownerScope = (alias: string, caller: Caller, personColumn: string | null = `${alias}.person_id`): SqlScope =>
  pathScope(`${alias}.owner_unit_path`, caller, personColumn ? { personColumn } : {});
