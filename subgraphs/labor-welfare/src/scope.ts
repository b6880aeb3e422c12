import type { EntityManager } from 'typeorm';
import { pathScope, type SqlScope } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';

export { actsOn, inSubtree, visibleTo } from '@rehab/server-kit';

/** An episode is seen by its facility and by the person's residence commune (and, for a split commune, the commune the person was assigned to). */
export const episodeScope = (alias: string, caller: Caller): SqlScope =>
  pathScope([`${alias}.facility_owner_path`, `${alias}.residence_owner_path`], caller, { personColumn: `${alias}.person_id` });

/** A dossier is seen by its commune, the facility the court named, the facility holding the person and the court deciding it. */
export const dossierScope = (alias: string, caller: Caller): SqlScope =>
  pathScope(
    [`${alias}.owner_unit_path`, `${alias}.facility_owner_path`, `${alias}.interim_facility_path`, `${alias}.court_unit_path`],
    caller,
    { personColumn: `${alias}.person_id` },
  );

/** Records owned by one unit (post-rehab cases, reintegration support). */
export const ownerScope = (alias: string, caller: Caller, personColumn: string | null = `${alias}.person_id`): SqlScope =>
  pathScope(`${alias}.owner_unit_path`, caller, personColumn ? { personColumn } : {});

/**
 * Does labour-welfare know the person within the caller's own unit (acting scope, no grants):
 * a rehab episode at its facility or of its residents, a dossier or a post-rehab case it owns?
 * Labour-welfare does not own identity; these are what it knows of a person.
 */
export async function knownInUnit(manager: EntityManager, caller: Caller, personId: string): Promise<boolean> {
  const held = (table: string, columns: readonly string[]) => {
    const scope = pathScope(
      columns.map((c) => `x.${c}`),
      caller,
      { acting: true, personColumn: 'x.person_id' },
    );
    return manager
      .createQueryBuilder()
      .select('1')
      .from(table, 'x')
      .where('x.person_id = :personId', { personId })
      .andWhere(scope.sql, scope.params)
      .getExists();
  };
  return (
    (await held('rehab_episode', ['facility_owner_path', 'residence_owner_path'])) ||
    (await held('post_rehab_case', ['owner_unit_path'])) ||
    held('compulsory_rehab_dossier', ['owner_unit_path'])
  );
}
