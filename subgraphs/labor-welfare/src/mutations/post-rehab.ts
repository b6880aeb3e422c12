import type { EntityManager } from 'typeorm';
import { requireResponsible } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import type { MutationResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { PostRehabCaseEntity } from '../entities/PostRehabCase';
import { addMonths, todayInHanoi } from '@rehab/shared-schema';
import { POST_REHAB_NAME, checkNotBefore, checkNotFuture, notAllowed, optionalText, requiredText } from '../rules/errors';
import { nextPostRehabStatus, type PostRehabAction } from '../rules/post-rehab';
import { postRehabPeriodMonths } from '../rules/term';
import { applyChanges, checkUuid, checkVersion, inTransaction, legalRules, lockForChange, recordEvent } from './support';

const CASE_TYPE = 'PostRehabCase';

export function lockCase(
  manager: EntityManager,
  caller: Caller,
  id: string,
  expectedVersion: number,
): Promise<PostRehabCaseEntity> {
  checkVersion(expectedVersion);
  return lockForChange(manager, caller, {
    entity: PostRehabCaseEntity,
    name: POST_REHAB_NAME,
    key: { column: 'id', value: checkUuid(id, 'id') },
    expectedVersion,
    paths: (c) => [c.ownerUnitPath],
    actingPath: (c) => c.ownerUnitPath,
  });
}

/** One step of a case with its event and audit row; `recorded` names what the step recorded beside the case's own fields. */
export async function transition(
  manager: EntityManager,
  ctx: Context,
  c: PostRehabCaseEntity,
  action: PostRehabAction,
  occurredOn: string,
  changes: Partial<PostRehabCaseEntity>,
  note: string | null = null,
  details: Record<string, unknown> = {},
  recorded: readonly string[] = [],
): Promise<PostRehabCaseEntity> {
  const to = nextPostRehabStatus(c.status, action);
  const updated = await applyChanges(manager, PostRehabCaseEntity, c, 'id', { ...changes, status: to });
  await recordEvent(manager, ctx.caller, {
    entityType: 'POST_REHAB',
    entityId: c.id,
    personId: c.personId,
    action,
    fromStatus: c.status,
    toStatus: to,
    occurredOn,
    note,
    details,
  });
  await ctx.audit.change(manager, CASE_TYPE, ['status', ...Object.keys(changes), ...recorded].sort(), c.personId);
  return updated;
}

/** Volunteer ids (volunteers subgraph), deduplicated; at most a handful per person. */
function supporters(ids: readonly string[]): string[] {
  const out = [...new Set(ids.map((id, i) => checkUuid(id, `supporterIds.${i}`)))];
  if (out.length > 10) {
    throw notAllowed({ vi: 'Tối đa 10 người hỗ trợ cho một người', en: 'At most 10 supporters per person' }, 'supporterIds');
  }
  return out;
}

export const postRehabMutations: Pick<
  MutationResolvers,
  'decidePostRehab' | 'assignPostRehabSupporters' | 'recordPostRehabRelapse' | 'completePostRehab'
> = {
  decidePostRehab: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const c = await lockCase(manager, ctx.caller, id, expectedVersion);
      nextPostRehabStatus(c.status, 'DECIDE');
      const decisionNumber = requiredText(
        input.decisionNumber,
        'input.decisionNumber',
        { vi: 'số quyết định', en: 'decision number' },
        64,
      );
      checkNotFuture(input.decisionOn, 'input.decisionOn');
      requireResponsible(ctx.caller, 'POST_REHAB_MANAGEMENT', input.decisionOn);
      checkNotBefore(input.decisionOn, c.openedOn, 'input.decisionOn', {
        vi: 'ngày hoàn thành cai nghiện',
        en: 'the completion of rehab',
      });
      // The period in force on the decision date (a rule, not a constant).
      const periodMonths = postRehabPeriodMonths(input.decisionOn, await legalRules(manager));
      const supporterIds = supporters(input.supporterIds ?? []);
      return transition(
        manager,
        ctx,
        c,
        'DECIDE',
        input.decisionOn,
        {
          decisionNumber,
          decisionOn: input.decisionOn,
          periodMonths,
          endsOn: addMonths(input.decisionOn, periodMonths),
          supporterIds,
        },
        null,
        { decisionNumber, periodMonths, supporterIds },
      );
    }),

  assignPostRehabSupporters: (_parent, { id, expectedVersion, supporterIds }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const c = await lockCase(manager, ctx.caller, id, expectedVersion);
      nextPostRehabStatus(c.status, 'ASSIGN_SUPPORTERS');
      const ids = supporters(supporterIds);
      return transition(manager, ctx, c, 'ASSIGN_SUPPORTERS', todayInHanoi(), { supporterIds: ids }, null, {
        before: c.supporterIds,
        after: ids,
      });
    }),

  recordPostRehabRelapse: (_parent, { id, expectedVersion, relapsedOn, note }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const c = await lockCase(manager, ctx.caller, id, expectedVersion);
      nextPostRehabStatus(c.status, 'RELAPSE');
      checkNotFuture(relapsedOn, 'relapsedOn');
      checkNotBefore(relapsedOn, c.openedOn, 'relapsedOn', { vi: 'ngày hoàn thành cai nghiện', en: 'the completion of rehab' });
      const text = optionalText(note, 'note', { vi: 'ghi chú', en: 'note' }, 2000);
      return transition(manager, ctx, c, 'RELAPSE', relapsedOn, { relapsedOn, relapseNote: text }, text);
    }),

  completePostRehab: (_parent, { id, expectedVersion, completedOn, certificateNumber }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const c = await lockCase(manager, ctx.caller, id, expectedVersion);
      nextPostRehabStatus(c.status, 'COMPLETE');
      checkNotFuture(completedOn, 'completedOn');
      // Completion is certified at the end of the period.
      checkNotBefore(completedOn, c.endsOn ?? c.openedOn, 'completedOn', {
        vi: 'ngày kết thúc thời hạn quản lý',
        en: 'the end of the management period',
      });
      const certificate = requiredText(
        certificateNumber,
        'certificateNumber',
        { vi: 'số giấy chứng nhận', en: 'certificate number' },
        64,
      );
      return transition(manager, ctx, c, 'COMPLETE', completedOn, { completedOn, certificateNumber: certificate }, null, {
        certificateNumber: certificate,
      });
    }),
};
