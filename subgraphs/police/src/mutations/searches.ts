import { checkExpectedVersion, checkUuid } from '@rehab/server-kit';
import type { MutationAcknowledgeRehabCompletionNoticeArgs, MutationRecordAbsconderFoundArgs } from '../__generated__/resolvers';
import type { Context } from '../context';
import { AbsconderSearchEntity } from '../entities/AbsconderSearch';
import { RehabCompletionNoticeEntity } from '../entities/RehabCompletionNotice';
import { foundProblems, searchMachine } from '../rules/absconder-search';
import { today } from '../rules/legal-time';
import { completionNoticeMachine, noticeState } from '../rules/notices';
import { allowed, lockInScope, rejectProblems } from './common';

export const SEARCH = { vi: 'vụ truy tìm', en: 'absconder search' };
export const COMPLETION_NOTICE = { vi: 'thông báo hoàn thành cai nghiện', en: 'rehab completion notice' };

export async function recordAbsconderFound(args: MutationRecordAbsconderFoundArgs, ctx: Context): Promise<AbsconderSearchEntity> {
  const id = checkUuid(args.searchId, 'searchId');
  return ctx.db.transaction(async (manager) => {
    const search = await lockInScope(manager, AbsconderSearchEntity, id, ctx.caller, SEARCH, (s) => [s.ownerUnitPath]);
    checkExpectedVersion(search.version, args.expectedVersion, SEARCH);
    const status = allowed(searchMachine.transition(search.status, 'RECORD_FOUND'));
    rejectProblems(foundProblems(search.since, args.foundOn, args.note, today()));
    await manager
      .createQueryBuilder()
      .update(AbsconderSearchEntity)
      .set({
        status,
        foundOn: args.foundOn,
        foundNote: args.note.trim(),
        foundBy: ctx.caller.username,
        version: () => 'version + 1',
      })
      .where('id = :id', { id })
      .execute();
    await ctx.audit.change(manager, 'AbsconderSearch', ['foundNote', 'foundOn', 'status'], search.personId);
    return manager.getRepository(AbsconderSearchEntity).findOneByOrFail({ id });
  });
}

export async function acknowledgeRehabCompletionNotice(
  args: MutationAcknowledgeRehabCompletionNoticeArgs,
  ctx: Context,
): Promise<RehabCompletionNoticeEntity> {
  const id = checkUuid(args.id, 'id');
  return ctx.db.transaction(async (manager) => {
    const notice = await lockInScope(manager, RehabCompletionNoticeEntity, id, ctx.caller, COMPLETION_NOTICE, (n) => [
      n.ownerUnitPath,
    ]);
    checkExpectedVersion(notice.version, args.expectedVersion, COMPLETION_NOTICE);
    allowed(completionNoticeMachine.transition(noticeState(notice.acknowledgedAt), 'ACKNOWLEDGE'));
    await manager
      .createQueryBuilder()
      .update(RehabCompletionNoticeEntity)
      .set({ acknowledgedAt: () => 'now()', acknowledgedBy: ctx.caller.username, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
    await ctx.audit.change(manager, 'RehabCompletionNotice', ['acknowledgedAt'], notice.personId);
    return manager.getRepository(RehabCompletionNoticeEntity).findOneByOrFail({ id });
  });
}
