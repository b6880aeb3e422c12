import type { EntityManager } from 'typeorm';
import { checkUuid, checkVersion, domainError, isUniqueViolation } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import type { Context } from '../context';
import { VolunteerEntity } from '../entities/Volunteer';
import { VolunteerAssignmentEntity } from '../entities/VolunteerAssignment';
import {
  ASSIGNMENT_NAME,
  VOLUNTEER_NAME,
  capacityExceeded,
  illegal,
  recordNotFound,
  outsideUnit,
  staleVersion,
} from '../rules/errors';
import { hasCapacity } from '../rules/support';
import { actsOn, assignedUnitPaths, visibleTo } from '../scope';

export { checkUuid, checkVersion };

/** Input checks and row locks shared by the mutations. */

export { checkNotBefore, checkNotFuture, optionalText, requiredText } from '@rehab/server-kit';

export { optionalPhone } from '@rehab/server-kit';

/**
 * Locks a volunteer row (SELECT … FOR UPDATE): concurrent assignments of the same
 * volunteer queue here, so the capacity count below cannot be raced. Not visible →
 * NOT_FOUND; outside the caller's unit → FORBIDDEN; left → ILLEGAL_TRANSITION.
 */
export async function lockVolunteer(
  manager: EntityManager,
  caller: Caller,
  id: string,
  field: string,
  expectedVersion?: number,
): Promise<VolunteerEntity> {
  const volunteer = await manager
    .getRepository(VolunteerEntity)
    .createQueryBuilder('v')
    .setLock('pessimistic_write')
    .where('v.id = :id', { id })
    .getOne();
  if (!volunteer || !visibleTo(caller, [volunteer.ownerUnitPath])) throw recordNotFound(VOLUNTEER_NAME, id, field);
  if (!actsOn(caller, volunteer.ownerUnitPath)) throw outsideUnit(VOLUNTEER_NAME);
  if (expectedVersion !== undefined && volunteer.version !== expectedVersion)
    throw staleVersion(VOLUNTEER_NAME, expectedVersion, volunteer.version);
  if (!volunteer.active) {
    throw illegal(
      {
        vi: `Tình nguyện viên ${volunteer.fullName} đã nghỉ (${volunteer.leftOn ?? ''})`,
        en: `The volunteer left on ${volunteer.leftOn ?? ''}`,
      },
      field,
    );
  }
  return volunteer;
}

/** Refuses one more assignment beyond the organisation's limit (call with the volunteer row locked). */
export async function checkCapacity(manager: EntityManager, volunteer: VolunteerEntity): Promise<void> {
  const [{ active, max }] = await manager.query<[{ active: number; max: number }]>(
    `SELECT
      (SELECT count(*)::int FROM volunteer_assignment WHERE volunteer_id = $1 AND ended_on IS NULL) AS active,
      (SELECT max_active_assignments FROM mass_organisation WHERE code = $2) AS max`,
    [volunteer.id, volunteer.organisationCode],
  );
  if (!hasCapacity(active, max)) throw capacityExceeded(active, max);
}

/**
 * Does the commune at `communePath` serve the person of `assignment` (owned by the person's commune
 * on its start date): that commune, one it took in whole across a reform, or a split one whose person
 * the province assigned to it?
 */
export async function servesAssignment(
  manager: EntityManager,
  communePath: string,
  assignment: VolunteerAssignmentEntity,
): Promise<boolean> {
  return actsOn(
    { unitPath: communePath },
    assignment.ownerUnitPath,
    await assignedUnitPaths(manager, assignment.personId, [assignment.ownerUnitPath]),
  );
}

/** Locks an assignment for a change by the commune: visible, owned by the caller's unit, latest version. */
export async function lockAssignment(
  manager: EntityManager,
  caller: Caller,
  id: string,
  expectedVersion: number,
  field = 'id',
): Promise<VolunteerAssignmentEntity> {
  checkVersion(expectedVersion);
  const assignment = await manager
    .getRepository(VolunteerAssignmentEntity)
    .createQueryBuilder('a')
    .setLock('pessimistic_write')
    .where('a.id = :id', { id: checkUuid(id, field) })
    .getOne();
  // An assignment of a split pre-reform commune belongs to the new commune its person was assigned to.
  const assigned = assignment ? await assignedUnitPaths(manager, assignment.personId, [assignment.ownerUnitPath]) : [];
  if (!assignment || !visibleTo(caller, [assignment.ownerUnitPath], assigned)) throw recordNotFound(ASSIGNMENT_NAME, id, field);
  if (!actsOn(caller, assignment.ownerUnitPath, assigned)) throw outsideUnit(ASSIGNMENT_NAME);
  if (assignment.version !== expectedVersion) throw staleVersion(ASSIGNMENT_NAME, expectedVersion, assignment.version);
  return assignment;
}

export const ONE_ACTIVE_PER_PERSON = {
  vi: 'Người này đang được một tình nguyện viên khác giúp đỡ; hãy kết thúc phân công đó trước',
  en: 'The person already has an active volunteer; end that assignment first',
};

/** One transaction per change (with audit and notices); a uniqueness guard becomes a typed error. */
export async function inTransaction<T>(ctx: Context, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(work);
  } catch (error) {
    if (isUniqueViolation(error, 'volunteer_assignment_one_active_per_person')) {
      throw domainError('ILLEGAL_TRANSITION', ONE_ACTIVE_PER_PERSON, { field: 'personId' });
    }
    throw error;
  }
}
