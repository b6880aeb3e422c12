import type { EntityManager } from 'typeorm';
import { pathScope, recordNotFound } from '@rehab/server-kit';
import { units, type Caller } from '@rehab/shared-schema';

export const PATIENT = { vi: 'người bệnh', en: 'patient' };

/**
 * Health does not own identity: it knows a person only through its own records. A person is
 * in the caller's care when a clinic of the caller's unit treats (or treated) them, or a
 * facility of the caller's unit examined them for addiction. Acting scope only: a
 * break-the-glass grant opens reads, never writes.
 */
export async function isInCare(
  manager: EntityManager,
  caller: Pick<Caller, 'unitPath' | 'grants'>,
  personId: string,
): Promise<boolean> {
  const held = (table: string) => {
    const scope = pathScope('x.owner_unit_path', caller, { acting: true });
    return manager
      .createQueryBuilder()
      .select('1')
      .from(table, 'x')
      .where('x.person_id = :personId', { personId })
      .andWhere(scope.sql, scope.params)
      .getExists();
  };
  return (await held('substitution_treatment')) || held('addiction_examination');
}

/**
 * The person is a patient in the caller's care; otherwise NOT_FOUND, the same answer whether
 * the id is unknown to health or belongs to another unit's patient.
 */
export async function requireInCare(
  manager: EntityManager,
  caller: Pick<Caller, 'unitPath' | 'grants'>,
  personId: string,
  field = 'personId',
): Promise<void> {
  if (!(await isInCare(manager, caller, personId))) throw recordNotFound(PATIENT, personId, field);
}

/** Today's province of a record owned at `path`: a merged province's records belong to the province it went into. */
export const provinceOf = (path: string): string | undefined => units().provinceToday(path)?.code;

interface DeterminationRow {
  owner_unit_path: string;
  opioid: boolean;
}

/**
 * Whether the person has an opioid addiction determined by `on` that a clinic at `clinicPath`
 * may rely on: determinations requested in the clinic's province (as examinations are). NOT_FOUND
 * when health knows no determination of the person there: unknown and out-of-province alike.
 */
export async function opioidAddictionInProvince(
  manager: EntityManager,
  personId: string,
  clinicPath: string,
  on: string,
): Promise<boolean> {
  const rows = await manager.query<DeterminationRow[]>(
    `SELECT owner_unit_path, (addicted AND 'OPIOIDS' = ANY (substance_classes) AND examined_on <= $2) AS opioid
    FROM addiction_determination WHERE person_id = $1`,
    [personId, on],
  );
  const province = provinceOf(clinicPath);
  const known = rows.filter((r) => province !== undefined && provinceOf(r.owner_unit_path) === province);
  if (known.length === 0) throw recordNotFound(PATIENT, personId, 'personId');
  return known.some((r) => r.opioid);
}
