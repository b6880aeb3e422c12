import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkExpectedVersion, checkUuid, domainError, requireResponsible } from '@rehab/server-kit';
import type {
  MutationDecideDrugUserManagementArgs,
  MutationEndDrugUserManagementArgs,
  MutationRecordCheckInArgs,
  MutationRecordDrugUseDetectionArgs,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { DrugUserCheckInEntity } from '../entities/DrugUserCheckIn';
import { DrugUserManagementEntity } from '../entities/DrugUserManagement';
import { PersonEntity } from '../entities/Person';
import {
  OPEN_MANAGEMENT_STATUSES,
  checkInProblems,
  decisionProblems,
  detectionProblems,
  endProblems,
  managementMachine,
  managementPeriodEnd,
} from '../rules/drug-user-management';
import { today } from '../rules/legal-time';
import { personRecordMachine } from '../rules/person-record';
import { allowed, lockInScope, rejectProblems, ruleInForce } from './common';
import { PERSON } from './registry';

export const MANAGEMENT = { vi: 'hồ sơ quản lý người sử dụng trái phép chất ma túy', en: 'drug-user management case' };

const fresh = (manager: EntityManager, id: string) => manager.getRepository(DrugUserManagementEntity).findOneByOrFail({ id });

/** The person, locked, when in scope and still an active record (not merged away). */
export async function lockActivePerson(manager: EntityManager, ctx: Context, personId: string): Promise<PersonEntity> {
  const person = await lockInScope(manager, PersonEntity, personId, ctx.caller, PERSON, (p) => [p.ownerUnitPath]);
  const transition = personRecordMachine.transition(person.recordStatus, 'ACT_ON');
  if (!transition.ok) {
    throw domainError('ILLEGAL_TRANSITION', {
      vi: `${transition.text.vi}; hồ sơ này đã hợp nhất vào hồ sơ ${person.mergedInto}, hãy thao tác trên hồ sơ đó`,
      en: `${transition.text.en}; this record was merged into ${person.mergedInto}, act on that record`,
    });
  }
  return person;
}

export async function recordDrugUseDetection(
  { personId, input }: MutationRecordDrugUseDetectionArgs,
  ctx: Context,
): Promise<DrugUserManagementEntity> {
  const id = checkUuid(personId, 'personId');
  rejectProblems(detectionProblems({ ...input, testResult: input.testResult ?? null }, today()));
  return ctx.db.transaction(async (manager) => {
    const person = await lockActivePerson(manager, ctx, id);
    if (input.detectedOn < person.dateOfBirth) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Ngày phát hiện ${input.detectedOn} ở trước ngày sinh ${person.dateOfBirth}`,
          en: `The detection date ${input.detectedOn} is before the date of birth ${person.dateOfBirth}`,
        },
        { field: 'detectedOn' },
      );
    }
    const open = await manager
      .getRepository(DrugUserManagementEntity)
      .createQueryBuilder('m')
      .where('m.person_id = :id', { id })
      .andWhere('m.status IN (:...open)', { open: OPEN_MANAGEMENT_STATUSES })
      .getOne();
    if (open) {
      throw domainError('ILLEGAL_TRANSITION', {
        vi: `Người này đang có hồ sơ quản lý chưa kết thúc (${open.id}, phát hiện ngày ${open.detectedOn}); không thể mở hồ sơ mới`,
        en: `The person already has an open management case (${open.id}, detected on ${open.detectedOn}); a new one cannot be opened`,
      });
    }
    const managementId = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(DrugUserManagementEntity)
      .values({
        id: managementId,
        personId: id,
        status: 'PENDING_DECISION',
        detectedOn: input.detectedOn,
        detectionMethod: input.method,
        substances: input.substances,
        testResult: input.testResult?.trim() || null,
        detectedBy: ctx.caller.username,
        decisionNumber: null,
        decisionDate: null,
        periodEndsOn: null,
        endedOn: null,
        endReason: null,
        supersededOn: null,
        ownerUnitPath: person.ownerUnitPath,
        version: 1,
      })
      .updateEntity(false)
      .execute();
    await ctx.audit.change(
      manager,
      'DrugUserManagement',
      ['detectedOn', 'detectionMethod', 'status', 'substances', 'testResult'],
      id,
    );
    return fresh(manager, managementId);
  });
}

export async function decideDrugUserManagement(
  args: MutationDecideDrugUserManagementArgs,
  ctx: Context,
): Promise<DrugUserManagementEntity> {
  const id = checkUuid(args.id, 'id');
  return ctx.db.transaction(async (manager) => {
    const m = await lockInScope(manager, DrugUserManagementEntity, id, ctx.caller, MANAGEMENT, (r) => [r.ownerUnitPath]);
    checkExpectedVersion(m.version, args.expectedVersion, MANAGEMENT);
    const status = allowed(managementMachine.transition(m.status, 'DECIDE'));
    rejectProblems(decisionProblems(m.detectedOn, args.decisionNumber, args.decisionDate, today()));
    requireResponsible(ctx.caller, 'DRUG_USER_MANAGEMENT_DECISION', args.decisionDate);
    // The law in force when the case started (the detection) sets the period's length.
    const rule = await ruleInForce(manager, 'DRUG_USER_MANAGEMENT_PERIOD', m.detectedOn);
    if (!rule) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Không có quy định về thời hạn quản lý có hiệu lực vào ngày phát hiện ${m.detectedOn}`,
          en: `No rule on the management period was in force on the detection date ${m.detectedOn}`,
        },
        { field: 'id' },
      );
    }
    await manager
      .createQueryBuilder()
      .update(DrugUserManagementEntity)
      .set({
        status,
        decisionNumber: args.decisionNumber.trim(),
        decisionDate: args.decisionDate,
        periodEndsOn: managementPeriodEnd(args.decisionDate, rule),
        version: () => 'version + 1',
      })
      .where('id = :id', { id })
      .execute();
    await ctx.audit.change(
      manager,
      'DrugUserManagement',
      ['decisionDate', 'decisionNumber', 'periodEndsOn', 'status'],
      m.personId,
    );
    return fresh(manager, id);
  });
}

export async function recordCheckIn(args: MutationRecordCheckInArgs, ctx: Context): Promise<DrugUserCheckInEntity> {
  const id = checkUuid(args.id, 'id');
  return ctx.db.transaction(async (manager) => {
    const m = await lockInScope(manager, DrugUserManagementEntity, id, ctx.caller, MANAGEMENT, (r) => [r.ownerUnitPath]);
    allowed(managementMachine.transition(m.status, 'CHECK_IN'));
    rejectProblems(checkInProblems(m, args.date, args.note, today()));
    const checkInId = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(DrugUserCheckInEntity)
      .values({
        id: checkInId,
        managementId: id,
        personId: m.personId,
        checkedInOn: args.date,
        note: args.note.trim(),
        recordedBy: ctx.caller.username,
        ownerUnitPath: m.ownerUnitPath,
      })
      .updateEntity(false)
      .execute();
    await ctx.audit.change(manager, 'DrugUserCheckIn', ['checkedInOn', 'note'], m.personId);
    return manager.getRepository(DrugUserCheckInEntity).findOneByOrFail({ id: checkInId });
  });
}

export async function endDrugUserManagement(
  args: MutationEndDrugUserManagementArgs,
  ctx: Context,
): Promise<DrugUserManagementEntity> {
  const id = checkUuid(args.id, 'id');
  return ctx.db.transaction(async (manager) => {
    const m = await lockInScope(manager, DrugUserManagementEntity, id, ctx.caller, MANAGEMENT, (r) => [r.ownerUnitPath]);
    checkExpectedVersion(m.version, args.expectedVersion, MANAGEMENT);
    const status = allowed(managementMachine.transition(m.status, 'END'));
    rejectProblems(endProblems(m, args.endedOn, args.reason, today()));
    await manager
      .createQueryBuilder()
      .update(DrugUserManagementEntity)
      .set({ status, endedOn: args.endedOn, endReason: args.reason, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    await ctx.audit.change(manager, 'DrugUserManagement', ['endReason', 'endedOn', 'status'], m.personId);
    return fresh(manager, id);
  });
}
