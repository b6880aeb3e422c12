import type { EntityManager } from 'typeorm';
import { domainError, isIsoDate } from '@rehab/server-kit';
import { todayInHanoi } from '@rehab/shared-schema';
import type { Context } from '../context';
import { SupportActivityEntity } from '../entities/SupportActivity';
import { VolunteerEntity } from '../entities/Volunteer';
import { VolunteerAssignmentEntity } from '../entities/VolunteerAssignment';
import { ageAt, periodEnding, visitDue, DEFAULT_VISIT_INTERVAL_DAYS } from '../rules/support';
import type { VolunteerParent } from './Volunteer';

/** A person assigned to the calling volunteer, with only what a volunteer may see. */
export interface AssignedPersonParent {
  assignmentId: string;
  personId: string;
  fullName: string;
  age: number | null;
  address: string;
  phone: string | null;
  reason: VolunteerAssignmentEntity['reason'];
  startedOn: string;
  periodEndsOn: string | null;
  lastActivityOn: string | null;
  visitDue: boolean;
  periodEnding: boolean;
  activities: SupportActivityEntity[];
}

export interface VolunteerWorklistParent {
  volunteer: VolunteerParent;
  people: AssignedPersonParent[];
}

export interface VolunteerDeactivationParent {
  volunteer: VolunteerParent;
  needingVolunteer: VolunteerAssignmentEntity[];
}

export function volunteerParent(v: VolunteerEntity, personId: string | null = null): VolunteerParent {
  return { ...v, personId };
}

/**
 * The volunteer record linked to the calling account (volunteer.username = the gateway
 * username). A volunteer account with no record is refused: it has no people.
 */
export async function callerVolunteer(manager: EntityManager, ctx: Context, lock = false): Promise<VolunteerEntity> {
  const query = manager
    .getRepository(VolunteerEntity)
    .createQueryBuilder('v')
    .where('v.username = :username', { username: ctx.caller.username });
  if (lock) query.setLock('pessimistic_read');
  const volunteer = await query.getOne();
  if (!volunteer?.active) {
    throw domainError('FORBIDDEN', {
      vi: 'Tài khoản của bạn không gắn với tình nguyện viên đang hoạt động nào',
      en: 'Your account is not linked to an active volunteer',
    });
  }
  return volunteer;
}

export function worklistDate(asOf: string | null | undefined): string {
  if (asOf === null || asOf === undefined) return todayInHanoi();
  if (!isIsoDate(asOf))
    throw domainError('BAD_USER_INPUT', { vi: `Ngày không hợp lệ: ${asOf}`, en: `Invalid date: ${asOf}` }, { field: 'asOf' });
  return asOf;
}

/** The calling volunteer's active assignments as the volunteer may see them (two statements). */
export async function myPeople(ctx: Context, asOf: string, intervalDays: number): Promise<VolunteerWorklistParent> {
  if (!Number.isInteger(intervalDays) || intervalDays < 1 || intervalDays > 366) {
    throw domainError(
      'BAD_USER_INPUT',
      {
        vi: 'Số ngày giữa hai lần thăm phải từ 1 đến 366',
        en: 'The visit interval must be 1 to 366 days',
      },
      { field: 'visitIntervalDays' },
    );
  }
  const volunteer = await callerVolunteer(ctx.db.manager, ctx);
  const assignments = await ctx.db
    .getRepository(VolunteerAssignmentEntity)
    .createQueryBuilder('a')
    .where('a.volunteer_id = :id', { id: volunteer.id })
    .andWhere('a.ended_on IS NULL')
    .orderBy('a.started_on', 'ASC')
    .addOrderBy('a.id', 'ASC')
    .getMany();
  const activities =
    assignments.length === 0
      ? []
      : await ctx.db
          .getRepository(SupportActivityEntity)
          .createQueryBuilder('s')
          .where('s.assignment_id IN (:...ids)', { ids: assignments.map((a) => a.id) })
          .orderBy('s.occurred_on', 'DESC')
          .addOrderBy('s.recorded_at', 'DESC')
          .getMany();
  const people = assignments.map((a): AssignedPersonParent => {
    const own = activities.filter((s) => s.assignmentId === a.id && s.occurredOn <= asOf);
    const facts = {
      startedOn: a.startedOn,
      lastActivityOn: own[0]?.occurredOn ?? null,
      periodEndsOn: a.periodEndsOn,
      dateOfBirth: a.dateOfBirth,
    };
    return {
      assignmentId: a.id,
      personId: a.personId,
      fullName: a.fullName,
      age: ageAt(facts, asOf),
      address: a.address,
      phone: a.phone,
      reason: a.reason,
      startedOn: a.startedOn,
      periodEndsOn: a.periodEndsOn,
      lastActivityOn: facts.lastActivityOn,
      visitDue: visitDue(facts, asOf, intervalDays),
      periodEnding: periodEnding(facts, asOf),
      activities: own,
    };
  });
  // Root worklist, not below Person: the volunteer's read of each person's contact is audited here.
  for (const p of people) ctx.audit.read('AssignedPerson', 'contact', p.personId);
  return { volunteer: volunteerParent(volunteer), people };
}

export { DEFAULT_VISIT_INTERVAL_DAYS };
