import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { assignedUnitPaths, domainError, requireUnit, violatedUniqueConstraint } from '@rehab/server-kit';
import { type AdministrativeUnitRecord, type Caller, type UnitLevel } from '@rehab/shared-schema';
import type { Context } from '../context';
import { CaseEventEntity, type CaseEntityType } from '../entities/CaseEvent';
import { FacilityEntity } from '../entities/Facility';
import { badInput, outsideUnit, recordNotFound, staleVersion, type RecordName } from '../rules/errors';
import { actsOn, visibleTo } from '../scope';

export { loadLegalRules as legalRules } from '../rules-table';

interface Versioned extends ObjectLiteral {
  id?: string;
  code?: string;
  personId?: string;
  version: number;
}

export interface LockSpec<E extends Versioned> {
  entity: EntityTarget<E>;
  name: RecordName;
  /** Primary key column and value. */
  key: { column: string; value: string };
  expectedVersion: number;
  /** The owner paths that make the record visible. */
  paths: (row: E) => (string | null)[];
  /** The owner path the caller's unit must contain to act. */
  actingPath: (row: E) => string | null;
}

/**
 * Locks a record for a change (SELECT … FOR UPDATE) and checks, in this order: it exists
 * and the caller may see it (else NOT_FOUND, so existence does not leak), the caller's
 * unit owns it (else FORBIDDEN), and the caller saw its latest version (else CONFLICT).
 */
export async function lockForChange<E extends Versioned>(manager: EntityManager, caller: Caller, spec: LockSpec<E>): Promise<E> {
  const row = await manager
    .getRepository(spec.entity)
    .createQueryBuilder('r')
    .setLock('pessimistic_write')
    .where(`r.${spec.key.column} = :key`, { key: spec.key.value })
    .getOne();
  if (!row) throw recordNotFound(spec.name, spec.key.value);
  const personId = (row as { personId?: string }).personId ?? null;
  const assigned = await assignedUnitPaths(manager, personId, spec.paths(row));
  if (!visibleTo(caller, spec.paths(row), assigned)) throw recordNotFound(spec.name, spec.key.value);
  const acting = spec.actingPath(row);
  if (!actsOn(caller, acting, await assignedUnitPaths(manager, personId, [acting]))) throw outsideUnit(spec.name);
  if (row.version !== spec.expectedVersion) throw staleVersion(spec.name, spec.expectedVersion, row.version);
  return row;
}

/**
 * Applies `changes` to the locked row (the version column goes up by one) and returns the
 * row as stored.
 */
export async function applyChanges<E extends Versioned>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  row: E,
  key: keyof E & string,
  changes: Partial<E>,
): Promise<E> {
  await manager.createQueryBuilder().update(entity).set(changes).where(`${key} = :key`, { key: row[key] }).execute();
  return manager.getRepository(entity).findOneByOrFail({ [key]: row[key] } as never);
}

export interface EventInput {
  entityType: CaseEntityType;
  entityId: string;
  personId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  occurredOn: string;
  note?: string | null;
  details?: Record<string, unknown>;
}

/** Appends one step to a case's history (same transaction as the change). */
export async function recordEvent(manager: EntityManager, caller: Caller, event: EventInput): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(CaseEventEntity)
    .values({
      entityType: event.entityType,
      entityId: event.entityId,
      personId: event.personId,
      action: event.action,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      occurredOn: event.occurredOn,
      note: event.note ?? null,
      details: (event.details ?? {}) as never,
      actorUsername: caller.username,
      actorRole: caller.role,
      actorUnitCode: caller.unitCode,
    })
    .updateEntity(false)
    .execute();
}

/**
 * The unit an input names, as it was on `on` (the record's date; today by default), checked
 * to exist then and to be of one of `levels`.
 */
export function inputUnit(code: string, field: string, levels: readonly UnitLevel[], on?: string): AdministrativeUnitRecord {
  return requireUnit(code, field, levels, on);
}

/** A facility an input names; `compulsory` requires one that takes compulsory residents. */
export async function inputFacility(
  manager: EntityManager,
  code: string,
  field: string,
  compulsory: boolean,
): Promise<FacilityEntity> {
  const facility = await manager.getRepository(FacilityEntity).findOneBy({ code });
  if (!facility) throw badInput({ vi: `Không có cơ sở cai nghiện mã ${code}`, en: `No rehab facility with code ${code}` }, field);
  if (compulsory && facility.kind !== 'PUBLIC_COMPULSORY_AND_VOLUNTARY') {
    throw badInput(
      {
        vi: `${facility.name} không tiếp nhận người cai nghiện bắt buộc`,
        en: `${facility.code} does not take compulsory residents`,
      },
      field,
    );
  }
  return facility;
}

/** The caller's unit must own `path` to create a record there. */
export function checkActsOn(caller: Caller, path: string, name: RecordName): void {
  if (!actsOn(caller, path)) throw outsideUnit(name);
}

/** Typed errors for the database's uniqueness guards (a concurrent change got there first). */
export const OPEN_EPISODE_EXISTS = {
  vi: 'Người này đang có một đợt cai nghiện chưa kết thúc',
  en: 'The person already has an open rehab episode',
};
export const PENDING_DOSSIER_EXISTS = {
  vi: 'Người này đang có một hồ sơ đề nghị chưa giải quyết xong',
  en: 'The person already has a dossier in progress',
};
export const OPEN_POST_REHAB_EXISTS = {
  vi: 'Người này đang có một hồ sơ quản lý sau cai nghiện chưa kết thúc',
  en: 'The person already has an open post-rehab case',
};

const UNIQUE_GUARDS: Record<
  string,
  { code: 'ILLEGAL_TRANSITION' | 'CONFLICT'; text: { vi: string; en: string }; field?: string }
> = {
  rehab_episode_one_open_per_person: { code: 'ILLEGAL_TRANSITION', text: OPEN_EPISODE_EXISTS },
  dossier_one_pending_per_person: { code: 'ILLEGAL_TRANSITION', text: PENDING_DOSSIER_EXISTS },
  post_rehab_one_open_per_person: { code: 'ILLEGAL_TRANSITION', text: OPEN_POST_REHAB_EXISTS },
  service_provider_registration_number_key: {
    code: 'CONFLICT',
    field: 'registrationNumber',
    text: { vi: 'Số đăng ký đã được dùng cho đơn vị khác', en: 'The registration number is already registered' },
  },
};

/**
 * Runs a state change in one transaction (with its audit row and notices); nothing is
 * kept when it fails. A uniqueness guard of the database becomes a typed error.
 */
export async function inTransaction<T>(ctx: Context, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(work);
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    const guard = constraint ? UNIQUE_GUARDS[constraint] : undefined;
    if (guard) throw domainError(guard.code, guard.text, guard.field ? { field: guard.field } : {});
    throw error;
  }
}

export { checkUuid, checkVersion } from '@rehab/server-kit';
