import { randomUUID } from 'node:crypto';
import { notifyUnit } from '@rehab/server-kit';
import type { MutationResolvers } from '../__generated__/resolvers';
import { PostRehabDrugUseEntity } from '../entities/PostRehabDrugUse';
import { badInput, checkNotBefore, checkNotFuture, notAllowed, optionalText } from '../rules/errors';
import { nextPostRehabStatus } from '../rules/post-rehab';
import { lockCase, transition } from './post-rehab';
import { inTransaction } from './support';

/** The topic of the inbox notification of a recorded use (this agency's own event). */
export const DRUG_USE_TOPIC = 'post-rehab.drug-use';

const SAME_DAY = {
  vi: 'Đã ghi nhận việc sử dụng ma túy của người này trong ngày đó',
  en: "A drug use on that day is already recorded on this person's case",
};

export const drugUseMutations: Pick<MutationResolvers, 'recordPostRehabDrugUse'> = {
  recordPostRehabDrugUse: (_parent, { id, expectedVersion, usedOn, evidence, note }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const c = await lockCase(manager, ctx.caller, id, expectedVersion);
      nextPostRehabStatus(c.status, 'RECORD_DRUG_USE');
      checkNotFuture(usedOn, 'usedOn');
      checkNotBefore(usedOn, c.decisionOn ?? c.openedOn, 'usedOn', {
        vi: 'ngày quyết định quản lý sau cai nghiện',
        en: 'the post-rehab management decision',
      });
      if (c.endsOn && usedOn > c.endsOn) {
        throw notAllowed(
          {
            vi: `Ngày sử dụng sau khi hết thời hạn quản lý (${c.endsOn}): không còn trong thời gian quản lý sau cai nghiện`,
            en: `The use is after the management period ended (${c.endsOn})`,
          },
          'usedOn',
        );
      }
      const text = optionalText(note, 'note', { vi: 'ghi chú', en: 'note' }, 2000);
      // The case row is locked: two officers recording the same day wait for each other here.
      const uses = manager.getRepository(PostRehabDrugUseEntity);
      if (await uses.existsBy({ caseId: c.id, usedOn })) throw badInput(SAME_DAY, 'usedOn');
      await uses.insert({ id: randomUUID(), caseId: c.id, usedOn, evidence, note: text, recordedBy: ctx.caller.username });
      const updated = await transition(manager, ctx, c, 'RECORD_DRUG_USE', usedOn, {}, text, { evidence }, ['drugUses']);
      await notifyUnit(manager, {
        topic: DRUG_USE_TOPIC,
        source: 'labor-welfare',
        unitPath: c.ownerUnitPath,
        audience: ['police_officer', 'commune_official'],
        personId: c.personId,
        occurredOn: usedOn,
      });
      return updated;
    }),
};
