import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { AdministrativeUnitRecord, Caller, UnitLevel } from '@rehab/shared-schema';
import { actsOn, visibleTo } from './access/scope';
import { domainError } from './errors';
import { checkUuid, outsideUnit, recordNotFound, staleVersion, type RecordName } from './record-errors';
import { requireUnit } from './reference/unit-input';

/**
 * Programme work around the legal path (communication, training…) is recorded for a unit the
 * officer acts for (a commune or a province unless `levels` says otherwise), as it was on the day.
 */
export function programmeUnit(
  caller: Caller,
  code: string,
  field: string,
  on: string,
  name: RecordName,
  levels: readonly UnitLevel[] = ['COMMUNE', 'PROVINCE'],
): AdministrativeUnitRecord {
  const unit = requireUnit(code, field, levels, on);
  if (!actsOn(caller, unit.path)) throw outsideUnit(name);
  return unit;
}

/** A count of people or copies: a whole number from 0 to ten million, or null when not given. */
export function programmeCount(value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > 10_000_000) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: 'Số người, số bản phải là số nguyên từ 0 đến 10.000.000', en: 'Counts must be whole numbers from 0 to 10,000,000' },
      { field },
    );
  }
  return value;
}

interface ProgrammeRecord extends ObjectLiteral {
  id: string;
  ownerUnitPath: string;
  agency: string;
  version: number;
}

/**
 * A programme record to change, locked: seen by the caller (else NOT_FOUND), in a unit the caller
 * acts for and, when `sameAgency`, recorded by the caller's agency (else FORBIDDEN), at the
 * version the caller saw (else CONFLICT).
 */
export async function lockProgrammeRecord<E extends ProgrammeRecord>(
  manager: EntityManager,
  caller: Caller,
  spec: { entity: EntityTarget<E>; name: RecordName; id: string; expectedVersion: number; sameAgency: boolean },
): Promise<E> {
  const row = await manager
    .getRepository(spec.entity)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where('r.id = :id', { id: checkUuid(spec.id, 'id') })
    .getOne();
  if (!row || !visibleTo(caller, [row.ownerUnitPath])) throw recordNotFound(spec.name, spec.id);
  if (!actsOn(caller, row.ownerUnitPath) || (spec.sameAgency && row.agency !== caller.agency)) throw outsideUnit(spec.name);
  if (row.version !== spec.expectedVersion) throw staleVersion(spec.name, spec.expectedVersion, row.version);
  return row;
}
