import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { requirePersonInScope } from '@rehab/server-kit';
import { todayInHanoi } from '@rehab/shared-schema';
import type { MutationResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { SupportActivityEntity } from '../entities/SupportActivity';
import { VolunteerEntity } from '../entities/Volunteer';
import { VolunteerAssignmentEntity } from '../entities/VolunteerAssignment';
import { notifyRelapseRisk } from '../notices';
import { ASSIGNMENT_NAME, badInput, illegal, recordNotFound } from '../rules/errors';
import { MAX_NOTE_LENGTH, mustNotify } from '../rules/support';
import { callerVolunteer, volunteerParent } from '../resolvers/worklist';
import {
  checkCapacity,
  checkNotBefore,
  checkNotFuture,
  checkUuid,
  checkVersion,
  inTransaction,
  lockAssignment,
  lockVolunteer,
  optionalPhone,
  optionalText,
  requiredText,
  servesAssignment,
} from './checks';

const ASSIGNMENT_TYPE = 'VolunteerAssignment';

async function reload(manager: EntityManager, id: string): Promise<VolunteerAssignmentEntity> {
  return manager
    .getRepository(VolunteerAssignmentEntity)
    .createQueryBuilder('a')
    .innerJoinAndSelect('a.volunteer', 'v')
    .innerJoinAndSelect('v.organisation', 'o')
    .where('a.id = :id', { id })
    .getOneOrFail();
}

type NewAssignment = Omit<VolunteerAssignmentEntity, 'volunteer' | 'version' | 'endedOn' | 'endReason' | 'needsVolunteer'>;

async function insertAssignment(manager: EntityManager, ctx: Context, row: NewAssignment): Promise<VolunteerAssignmentEntity> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(VolunteerAssignmentEntity)
    .values({ ...row, endedOn: null, endReason: null, needsVolunteer: false, version: 1 })
    .updateEntity(false)
    .execute();
  await ctx.audit.change(
    manager,
    ASSIGNMENT_TYPE,
    ['address', 'dateOfBirth', 'fullName', 'periodEndsOn', 'phone', 'reason', 'startedOn', 'volunteer'],
    row.personId,
  );
  return reload(manager, row.id);
}

export const assignmentMutations: Pick<
  MutationResolvers,
  'assignVolunteer' | 'endAssignment' | 'deactivateVolunteer' | 'reassignVolunteer' | 'logSupportActivity'
> = {
  assignVolunteer: (_parent, { personId, volunteerId, reason, startedOn, contact }, ctx) => {
    const person = checkUuid(personId, 'personId');
    const volunteerKey = checkUuid(volunteerId, 'volunteerId');
    checkNotFuture(startedOn, 'startedOn');
    const fullName = requiredText(contact.fullName, 'contact.fullName', { vi: 'họ tên', en: 'full name' }, 200);
    checkNotFuture(contact.dateOfBirth, 'contact.dateOfBirth');
    const address = requiredText(contact.address, 'contact.address', { vi: 'địa chỉ', en: 'address' }, 300);
    const phone = optionalPhone(contact.phone, 'contact.phone');
    const periodEndsOn = contact.periodEndsOn ?? null;
    if (periodEndsOn !== null)
      checkNotBefore(periodEndsOn, startedOn, 'contact.periodEndsOn', { vi: 'ngày bắt đầu', en: 'the start' });
    return inTransaction(ctx, async (manager) => {
      await requirePersonInScope(manager, ctx.caller, person);
      // The volunteer row is the lock: concurrent assignments of one volunteer run one after the other.
      const volunteer = await lockVolunteer(manager, ctx.caller, volunteerKey, 'volunteerId');
      await checkCapacity(manager, volunteer);
      return insertAssignment(manager, ctx, {
        id: randomUUID(),
        personId: person,
        volunteerId: volunteer.id,
        reason,
        startedOn,
        ownerUnitPath: volunteer.ownerUnitPath,
        fullName,
        dateOfBirth: contact.dateOfBirth,
        address,
        phone,
        periodEndsOn,
      });
    });
  },

  endAssignment: (_parent, { id, expectedVersion, endedOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const a = await lockAssignment(manager, ctx.caller, id, expectedVersion);
      if (a.endedOn !== null) {
        throw illegal({ vi: `Phân công đã kết thúc ngày ${a.endedOn}`, en: `The assignment already ended on ${a.endedOn}` });
      }
      checkNotFuture(endedOn, 'endedOn');
      checkNotBefore(endedOn, a.startedOn, 'endedOn', { vi: 'ngày bắt đầu phân công', en: 'the start of the assignment' });
      await manager
        .createQueryBuilder()
        .update(VolunteerAssignmentEntity)
        .set({ endedOn, endReason: 'ENDED', version: () => 'version + 1' })
        .where('id = :id', { id: a.id })
        .execute();
      await ctx.audit.change(manager, ASSIGNMENT_TYPE, ['endReason', 'endedOn'], a.personId);
      return reload(manager, a.id);
    }),

  deactivateVolunteer: (_parent, { volunteerId, expectedVersion, reason, leftOn }, ctx) => {
    const key = checkUuid(volunteerId, 'volunteerId');
    checkVersion(expectedVersion);
    const why = requiredText(reason, 'reason', { vi: 'lý do', en: 'reason' }, 500);
    const day = leftOn ?? todayInHanoi();
    checkNotFuture(day, 'leftOn');
    return inTransaction(ctx, async (manager) => {
      const volunteer = await lockVolunteer(manager, ctx.caller, key, 'volunteerId', expectedVersion);
      const active = await manager
        .getRepository(VolunteerAssignmentEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.volunteer_id = :id', { id: volunteer.id })
        .andWhere('a.ended_on IS NULL')
        .orderBy('a.started_on')
        .getMany();
      for (const a of active)
        checkNotBefore(day, a.startedOn, 'leftOn', { vi: 'ngày bắt đầu một phân công', en: 'the start of an assignment' });
      await manager
        .createQueryBuilder()
        .update(VolunteerEntity)
        .set({ active: false, leftOn: day, leftReason: why, version: () => 'version + 1' })
        .where('id = :id', { id: volunteer.id })
        .execute();
      if (active.length > 0) {
        await manager
          .createQueryBuilder()
          .update(VolunteerAssignmentEntity)
          .set({ endedOn: day, endReason: 'VOLUNTEER_LEFT', needsVolunteer: true, version: () => 'version + 1' })
          .where('id IN (:...ids)', { ids: active.map((a) => a.id) })
          .execute();
      }
      for (const a of active) await ctx.audit.change(manager, ASSIGNMENT_TYPE, ['endReason', 'endedOn'], a.personId);
      const updated = await manager
        .getRepository(VolunteerEntity)
        .findOneOrFail({ where: { id: volunteer.id }, relations: { organisation: true } });
      const needingVolunteer: VolunteerAssignmentEntity[] = [];
      for (const a of active) needingVolunteer.push(await reload(manager, a.id));
      return { volunteer: volunteerParent(updated), needingVolunteer };
    });
  },

  reassignVolunteer: (_parent, { assignmentId, expectedVersion, volunteerId, startedOn }, ctx) => {
    const volunteerKey = checkUuid(volunteerId, 'volunteerId');
    checkNotFuture(startedOn, 'startedOn');
    return inTransaction(ctx, async (manager) => {
      const previous = await lockAssignment(manager, ctx.caller, assignmentId, expectedVersion, 'assignmentId');
      if (!previous.needsVolunteer) {
        throw illegal(
          {
            vi: 'Phân công này không chờ tình nguyện viên mới (tình nguyện viên chưa nghỉ hoặc đã có người thay)',
            en: 'This assignment is not waiting for a new volunteer',
          },
          'assignmentId',
        );
      }
      checkNotBefore(startedOn, previous.endedOn ?? previous.startedOn, 'startedOn', {
        vi: 'ngày tình nguyện viên cũ nghỉ',
        en: 'the day the previous volunteer left',
      });
      const volunteer = await lockVolunteer(manager, ctx.caller, volunteerKey, 'volunteerId');
      if (!(await servesAssignment(manager, volunteer.ownerUnitPath, previous))) {
        throw badInput(
          {
            vi: 'Tình nguyện viên mới phải phục vụ xã của người được giúp đỡ',
            en: "The new volunteer must serve the person's commune",
          },
          'volunteerId',
        );
      }
      await checkCapacity(manager, volunteer);
      await manager
        .createQueryBuilder()
        .update(VolunteerAssignmentEntity)
        .set({ needsVolunteer: false, endReason: 'REASSIGNED', version: () => 'version + 1' })
        .where('id = :id', { id: previous.id })
        .execute();
      return insertAssignment(manager, ctx, {
        id: randomUUID(),
        personId: previous.personId,
        volunteerId: volunteer.id,
        reason: previous.reason,
        startedOn,
        ownerUnitPath: previous.ownerUnitPath,
        fullName: previous.fullName,
        dateOfBirth: previous.dateOfBirth,
        address: previous.address,
        phone: previous.phone,
        periodEndsOn: previous.periodEndsOn,
      });
    });
  },

  logSupportActivity: (_parent, { assignmentId, date, kind, note, relapseRisk }, ctx) => {
    const key = checkUuid(assignmentId, 'assignmentId');
    checkNotFuture(date, 'date');
    const text = optionalText(note, 'note', { vi: 'ghi chú', en: 'note' }, MAX_NOTE_LENGTH);
    return inTransaction(ctx, async (manager) => {
      const volunteer = await callerVolunteer(manager, ctx);
      const a = await manager
        .getRepository(VolunteerAssignmentEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_read')
        .where('a.id = :id', { id: key })
        .getOne();
      // Record level: a volunteer knows only their own assignments; others do not exist for them.
      if (a?.volunteerId !== volunteer.id) throw recordNotFound(ASSIGNMENT_NAME, assignmentId, 'assignmentId');
      if (a.endedOn !== null) {
        throw illegal(
          { vi: `Phân công đã kết thúc ngày ${a.endedOn}`, en: `The assignment ended on ${a.endedOn}` },
          'assignmentId',
        );
      }
      checkNotBefore(date, a.startedOn, 'date', { vi: 'ngày bắt đầu phân công', en: 'the start of the assignment' });
      const activity: SupportActivityEntity = {
        id: randomUUID(),
        assignmentId: a.id,
        occurredOn: date,
        kind,
        note: text,
        relapseRisk,
        recordedBy: ctx.caller.username,
        recordedAt: new Date(),
      };
      await manager.createQueryBuilder().insert().into(SupportActivityEntity).values(activity).updateEntity(false).execute();
      await ctx.audit.change(manager, 'SupportActivity', ['kind', 'note', 'occurredOn', 'relapseRisk'], a.personId);
      if (mustNotify(relapseRisk)) {
        await notifyRelapseRisk(manager, { personId: a.personId, assignmentId: a.id, observedOn: date, note: text });
      }
      return activity;
    });
  },
};
