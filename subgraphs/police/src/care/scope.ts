import { visibleTo } from '@rehab/server-kit';
import { todayInHanoi, type Caller, type Role } from '@rehab/shared-schema';
import type { CareKind } from '../entities/CareRelation';

/**
 * The care relation in the person read scope. A clinic or a facility is not a residence unit,
 * so its staff see nobody by unit: while a person is cared for there (a care relation from
 * health's or labour-welfare's notices, started on or before today and not ended before it),
 * the unit's health workers or facility staff read that person's identity, and only it.
 */
export const CARE_KIND_OF_ROLE: Readonly<Partial<Record<Role, CareKind>>> = {
  health_worker: 'SUBSTITUTION_TREATMENT',
  facility_staff: 'FACILITY_RESIDENCE',
};

/** The Person fields a care relation opens (identity only: never police's case records or residence). */
export const CARE_IDENTITY_FIELDS: ReadonlySet<string> = new Set(['id', 'fullName', 'dateOfBirth', 'identificationNumber']);

let careCounter = 0;

/**
 * SQL condition keeping persons (`personColumn`) in a care relation that lasts today with the
 * caller's unit, or null when the caller's role has no care relation.
 */
export function careScope(
  personColumn: string,
  caller: Pick<Caller, 'role' | 'unitCode'>,
  today: string = todayInHanoi(),
): { sql: string; params: Record<string, string> } | null {
  const kind = CARE_KIND_OF_ROLE[caller.role];
  if (!kind) return null;
  const id = `care${(careCounter = (careCounter + 1) % 1_000_000)}`;
  return {
    sql: `${personColumn} IN (SELECT c.person_id FROM care_relation c WHERE c.care_unit_code = :${id}u AND c.kind = :${id}k
      AND c.started_on <= :${id}d AND (c.ended_on IS NULL OR c.ended_on >= :${id}d))`,
    params: { [`${id}u`]: caller.unitCode, [`${id}k`]: kind, [`${id}d`]: today },
  };
}

/** The caller's read scope over persons: their unit's subtree, or a care relation of their unit. */
export function personReadScope(
  scope: { sql: string; params: Record<string, string | string[]> },
  personColumn: string,
  caller: Caller,
): { sql: string; params: Record<string, string | string[]> } {
  const care = careScope(personColumn, caller);
  if (!care) return scope;
  return { sql: `(${scope.sql} OR ${care.sql})`, params: { ...scope.params, ...care.params } };
}

/** Is a person the caller loaded readable only through a care relation (not within their unit)? */
export function readByCareOnly(caller: Caller, ownerUnitPath: string): boolean {
  return CARE_KIND_OF_ROLE[caller.role] !== undefined && !visibleTo(caller, [ownerUnitPath]);
}
