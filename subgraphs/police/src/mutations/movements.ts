import { randomUUID } from 'node:crypto';
import { actsOn, checkExpectedVersion, checkUuid, domainError, RESIDENCE_MOVED, notifyUnit, sendNotice } from '@rehab/server-kit';
import { unitByCode } from '@rehab/shared-schema';
import type {
  MutationAcknowledgeTransferNoticeArgs,
  MutationRecordMovePresentationArgs,
  MutationRecordResidenceChangeArgs,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { PersonEntity } from '../entities/Person';
import { TransferNoticeEntity } from '../entities/TransferNotice';
import { today } from '../rules/legal-time';
import { moveDeadline, presentationMachine, presentationProblems } from '../rules/law-120';
import { noticeState, transferNoticeMachine } from '../rules/notices';
import { residenceUnitProblem } from '../rules/person-record';
import { allowed, lockInScope, rejectProblems, ruleInForce } from './common';
import { lockActivePerson } from './drug-users';
import { requireCommunePolice, requireRuleInForce } from './law-120-checks';
import { PERSON } from './registry';
import { announcePersons } from '../notices/directory';

export const TRANSFER_NOTICE = { vi: 'thông báo thay đổi nơi cư trú', en: 'transfer notice' };

/** Tables whose rows follow the person's residence (the commune that owns the person owns them). */
const FOLLOWING_TABLES = [
  'drug_user_management',
  'drug_user_check_in',
  'absconder_search',
  'rehab_completion_notice',
  'substance_declaration',
  'summons',
  'electronic_monitoring_order',
  'monitoring_alert',
  'treatment_registration_deadline',
] as const;

export async function recordResidenceChange(
  args: MutationRecordResidenceChangeArgs,
  ctx: Context,
): Promise<TransferNoticeEntity> {
  const personId = checkUuid(args.personId, 'personId');
  const unitProblem = residenceUnitProblem('toUnitCode', args.toUnitCode);
  const addressLine = args.addressLine.trim();
  rejectProblems([
    ...(unitProblem ? [unitProblem] : []),
    ...(addressLine === '' || addressLine.length > 300
      ? [
          {
            field: 'addressLine',
            text: { vi: 'Địa chỉ phải có từ 1 đến 300 ký tự', en: 'The address must have 1 to 300 characters' },
          },
        ]
      : []),
    ...(args.movedOn > today()
      ? [
          {
            field: 'movedOn',
            text: {
              vi: `Ngày chuyển đến ${args.movedOn} ở sau ngày hôm nay`,
              en: `The move date ${args.movedOn} is in the future`,
            },
          },
        ]
      : []),
  ]);
  const to = unitByCode(args.toUnitCode);
  if (!to) throw new Error(`Unknown unit ${args.toUnitCode}`);
  return ctx.db.transaction(async (manager) => {
    const person = await lockActivePerson(manager, ctx, personId);
    checkExpectedVersion(person.version, args.expectedVersion, PERSON);
    if (person.currentUnitCode === to.code) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `${to.name} đã là nơi ở hiện tại; sửa địa chỉ trong cùng xã bằng cập nhật hồ sơ (updatePerson)`,
          en: `${to.name} is already the current residence; change an address within the commune with updatePerson`,
        },
        { field: 'toUnitCode' },
      );
    }
    if (args.movedOn < person.dateOfBirth) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Ngày chuyển đến ${args.movedOn} ở trước ngày sinh ${person.dateOfBirth}`,
          en: `The move date ${args.movedOn} is before the date of birth ${person.dateOfBirth}`,
        },
        { field: 'movedOn' },
      );
    }
    const from = unitByCode(person.currentUnitCode);
    if (!from) throw new Error(`Unknown unit ${person.currentUnitCode}`);
    const sentAt = new Date();
    // Deadlines of the law in force on the day of the move, run from the move (not the recording); none before the rule.
    const dueAt = moveDeadline(args.movedOn, await ruleInForce(manager, 'RESIDENCE_CHANGE_NOTICE', args.movedOn));
    const presentationDueAt = moveDeadline(args.movedOn, await ruleInForce(manager, 'MOVE_PRESENTATION_DEADLINE', args.movedOn));
    await manager
      .createQueryBuilder()
      .update(PersonEntity)
      .set({ currentUnitCode: to.code, currentAddress: addressLine, ownerUnitPath: to.path, version: () => 'version + 1' })
      .where('id = :id', { id: personId })
      .execute();
    for (const table of FOLLOWING_TABLES) {
      await manager.query(`UPDATE ${table} SET owner_unit_path = $1 WHERE person_id = $2`, [to.path, personId]);
    }
    const id = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(TransferNoticeEntity)
      .values({
        id,
        personId,
        fromUnitCode: from.code,
        fromUnitPath: from.path,
        toUnitCode: to.code,
        toUnitPath: to.path,
        addressLine,
        movedOn: args.movedOn,
        sentAt,
        dueAt,
        presentationDueAt,
        presentedAt: null,
        presentationRecordedBy: null,
        sentBy: ctx.caller.username,
        acknowledgedAt: null,
        acknowledgedBy: null,
        version: 1,
      })
      .updateEntity(false)
      .execute();
    await ctx.audit.change(manager, 'Person', ['currentResidence'], personId);
    await ctx.audit.change(
      manager,
      'TransferNotice',
      ['addressLine', 'dueAt', 'fromUnit', 'movedOn', 'presentationDueAt', 'sentAt', 'toUnit'],
      personId,
    );
    await sendNotice(manager, RESIDENCE_MOVED, { personId, toUnitCode: to.code });
    // The receiving commune's police acknowledge the move; its officials see it too.
    await notifyUnit(manager, {
      topic: 'residence.transfer',
      source: 'police',
      unitPath: to.path,
      audience: ['police_officer', 'commune_official'],
      personId,
      occurredOn: args.movedOn,
    });
    await announcePersons(manager, [personId]);
    ctx.loaders.personById.clear(personId);
    return manager.getRepository(TransferNoticeEntity).findOneByOrFail({ id });
  });
}

export async function acknowledgeTransferNotice(
  args: MutationAcknowledgeTransferNoticeArgs,
  ctx: Context,
): Promise<TransferNoticeEntity> {
  const id = checkUuid(args.id, 'id');
  return ctx.db.transaction(async (manager) => {
    const notice = await lockInScope(manager, TransferNoticeEntity, id, ctx.caller, TRANSFER_NOTICE, (n) => [
      n.fromUnitPath,
      n.toUnitPath,
    ]);
    if (!actsOn(ctx.caller, notice.toUnitPath)) {
      throw domainError('FORBIDDEN', {
        vi: 'Chỉ công an xã nơi đến mới xác nhận tiếp nhận thông báo thay đổi nơi cư trú',
        en: 'Only police of the receiving commune may acknowledge a transfer notice',
      });
    }
    checkExpectedVersion(notice.version, args.expectedVersion, TRANSFER_NOTICE);
    allowed(transferNoticeMachine.transition(noticeState(notice.acknowledgedAt), 'ACKNOWLEDGE'));
    await manager
      .createQueryBuilder()
      .update(TransferNoticeEntity)
      .set({ acknowledgedAt: () => 'now()', acknowledgedBy: ctx.caller.username, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    await ctx.audit.change(manager, 'TransferNotice', ['acknowledgedAt'], notice.personId);
    return manager.getRepository(TransferNoticeEntity).findOneByOrFail({ id });
  });
}

/** Police of the receiving commune record the person's presentation after the move (Law 120/2025), once. */
export async function recordMovePresentation(
  args: MutationRecordMovePresentationArgs,
  ctx: Context,
): Promise<TransferNoticeEntity> {
  const id = checkUuid(args.transferNoticeId, 'transferNoticeId');
  const presentedAt = new Date(args.presentedAt);
  requireCommunePolice(ctx);
  return ctx.db.transaction(async (manager) => {
    const notice = await lockInScope(manager, TransferNoticeEntity, id, ctx.caller, TRANSFER_NOTICE, (n) => [
      n.fromUnitPath,
      n.toUnitPath,
    ]);
    if (!actsOn(ctx.caller, notice.toUnitPath)) {
      throw domainError('FORBIDDEN', {
        vi: 'Chỉ công an xã nơi đến mới ghi nhận việc trình diện sau khi chuyển nơi cư trú',
        en: 'Only police of the receiving commune may record the presentation after a move',
      });
    }
    checkExpectedVersion(notice.version, args.expectedVersion, TRANSFER_NOTICE);
    allowed(presentationMachine.transition(notice.presentedAt ? 'PRESENTED' : 'AWAITING', 'PRESENT'));
    await requireRuleInForce(manager, 'MOVE_PRESENTATION_DEADLINE', notice.movedOn, 'transferNoticeId');
    rejectProblems(presentationProblems(notice.movedOn, presentedAt, new Date()));
    await manager
      .createQueryBuilder()
      .update(TransferNoticeEntity)
      .set({ presentedAt, presentationRecordedBy: ctx.caller.username, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    await ctx.audit.change(manager, 'TransferNotice', ['presentedAt'], notice.personId);
    return manager.getRepository(TransferNoticeEntity).findOneByOrFail({ id });
  });
}
