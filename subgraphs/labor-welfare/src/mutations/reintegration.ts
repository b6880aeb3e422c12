import { randomUUID } from 'node:crypto';
import type { MutationResolvers } from '../__generated__/resolvers';
import { PostRehabCaseEntity } from '../entities/PostRehabCase';
import { ReintegrationSupportEntity } from '../entities/ReintegrationSupport';
import {
  PERSON_NAME,
  POST_REHAB_NAME,
  SUPPORT_NAME,
  badInput,
  checkNotBefore,
  checkNotFuture,
  optionalText,
  recordNotFound,
  requiredText,
} from '../rules/errors';
import { actsOn, knownInUnit } from '../scope';
import { applyChanges, checkActsOn, checkUuid, checkVersion, inTransaction, inputUnit, lockForChange } from './support';

const SUPPORT_TYPE = 'ReintegrationSupport';
const NOTE = { vi: 'ghi chú kết quả', en: 'outcome note' };

function checkAmount(kind: string, amount: number | null | undefined): number | null {
  if (amount === null || amount === undefined) return null;
  if (kind !== 'LOAN') throw badInput({ vi: 'Chỉ khoản vay mới có số tiền', en: 'Only a loan has an amount' }, 'input.amountVnd');
  if (!Number.isInteger(amount) || amount <= 0)
    throw badInput(
      { vi: 'Số tiền vay phải là số nguyên dương', en: 'The loan amount must be a positive integer' },
      'input.amountVnd',
    );
  return amount;
}

export const reintegrationMutations: Pick<MutationResolvers, 'recordReintegrationSupport' | 'updateReintegrationOutcome'> = {
  recordReintegrationSupport: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const personId = checkUuid(input.personId, 'input.personId');
      const residence = inputUnit(input.residenceUnitCode, 'input.residenceUnitCode', ['COMMUNE'], input.startedOn);
      checkActsOn(ctx.caller, residence.path, SUPPORT_NAME);
      const provider = requiredText(input.provider, 'input.provider', { vi: 'đơn vị hỗ trợ', en: 'provider' }, 200);
      checkNotFuture(input.startedOn, 'input.startedOn');
      const outcome = input.outcome ?? 'PENDING';
      const outcomeOn = input.outcomeOn ?? null;
      if ((outcome === 'PENDING') !== (outcomeOn === null)) {
        throw badInput(
          {
            vi: 'Kết quả đã có thì phải ghi ngày, chưa có thì không ghi ngày',
            en: 'A known outcome needs its date; a pending one has none',
          },
          'input.outcomeOn',
        );
      }
      if (outcomeOn) {
        checkNotFuture(outcomeOn, 'input.outcomeOn');
        checkNotBefore(outcomeOn, input.startedOn, 'input.outcomeOn', {
          vi: 'ngày bắt đầu hỗ trợ',
          en: 'the start of the support',
        });
      }
      let postRehabCaseId: string | null = null;
      if (input.postRehabCaseId) {
        postRehabCaseId = checkUuid(input.postRehabCaseId, 'input.postRehabCaseId');
        const found = await manager.getRepository(PostRehabCaseEntity).findOneBy({ id: postRehabCaseId, personId });
        if (!found || !actsOn(ctx.caller, found.ownerUnitPath))
          throw recordNotFound(POST_REHAB_NAME, postRehabCaseId, 'input.postRehabCaseId');
      }
      const id = randomUUID();
      const amount = checkAmount(input.kind, input.amountVnd);
      // Support follows rehab: the person must be known to labour-welfare in the caller's unit.
      if (!(await knownInUnit(manager, ctx.caller, personId))) throw recordNotFound(PERSON_NAME, personId, 'input.personId');
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReintegrationSupportEntity)
        .values({
          id,
          personId,
          kind: input.kind,
          provider,
          startedOn: input.startedOn,
          amountVnd: amount === null ? null : String(amount),
          outcome,
          outcomeOn,
          outcomeNote: optionalText(input.outcomeNote, 'input.outcomeNote', NOTE, 2000),
          residenceUnitCode: residence.code,
          ownerUnitPath: residence.path,
          postRehabCaseId,
        })
        .updateEntity(false)
        .execute();
      await ctx.audit.change(manager, SUPPORT_TYPE, ['kind', 'outcome', 'provider', 'startedOn'], personId);
      return manager.getRepository(ReintegrationSupportEntity).findOneByOrFail({ id });
    }),

  updateReintegrationOutcome: (_parent, { id, expectedVersion, outcome, outcomeOn, note }, ctx) =>
    inTransaction(ctx, async (manager) => {
      checkVersion(expectedVersion);
      const s = await lockForChange(manager, ctx.caller, {
        entity: ReintegrationSupportEntity,
        name: SUPPORT_NAME,
        key: { column: 'id', value: checkUuid(id, 'id') },
        expectedVersion,
        paths: (row) => [row.ownerUnitPath],
        actingPath: (row) => row.ownerUnitPath,
      });
      if (outcome === 'PENDING')
        throw badInput(
          { vi: 'Hãy ghi kết quả (thành công hoặc không thành công)', en: 'Record an outcome (succeeded or unsuccessful)' },
          'outcome',
        );
      checkNotFuture(outcomeOn, 'outcomeOn');
      checkNotBefore(outcomeOn, s.startedOn, 'outcomeOn', { vi: 'ngày bắt đầu hỗ trợ', en: 'the start of the support' });
      const updated = await applyChanges(manager, ReintegrationSupportEntity, s, 'id', {
        outcome,
        outcomeOn,
        outcomeNote: optionalText(note, 'note', NOTE, 2000),
      });
      await ctx.audit.change(manager, SUPPORT_TYPE, ['outcome', 'outcomeNote', 'outcomeOn'], s.personId);
      return updated;
    }),
};
