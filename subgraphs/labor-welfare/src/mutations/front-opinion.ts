import { domainError, notifyUnit, pageSize, requireResponsible } from '@rehab/server-kit';
import { todayInHanoi } from '@rehab/shared-schema';
import type { EntityManager } from 'typeorm';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers';
import { CompulsoryRehabDossierEntity } from '../entities/CompulsoryRehabDossier';
import { FRONT_REVIEW, nextDossierStatus } from '../rules/dossier';
import { badInput, checkNotBefore, checkNotFuture, optionalText } from '../rules/errors';
import { ownerScope } from '../scope';
import { lockDossier, transition } from './dossier';
import { inTransaction } from './support';

/** The topic of the inbox notification of a Front opinion (this agency's own event). */
export const FRONT_OPINION_TOPIC = 'dossier.front-opinion';

const REASONING = { vi: 'lý do', en: 'reasons' };

const REASONS_NEEDED = {
  vi: 'Mặt trận không nhất trí với đề nghị thì phải ghi rõ lý do',
  en: 'A disagreement with the proposal needs its reasons',
};

const ALREADY_GIVEN = {
  vi: 'Mặt trận Tổ quốc đã cho ý kiến về hồ sơ này',
  en: 'The Fatherland Front has already given its opinion on this dossier',
};

/** Tells the compiling commune and the court deciding the dossier that the Front has spoken. */
async function notifyOpinion(manager: EntityManager, d: CompulsoryRehabDossierEntity, givenOn: string): Promise<void> {
  const notice = { topic: FRONT_OPINION_TOPIC, source: 'labor-welfare', personId: d.personId, occurredOn: givenOn };
  await notifyUnit(manager, { ...notice, unitPath: d.ownerUnitPath, audience: ['police_officer', 'commune_official'] });
  if (d.courtUnitPath) await notifyUnit(manager, { ...notice, unitPath: d.courtUnitPath, audience: ['court_clerk'] });
}

export const frontOpinionMutations: Pick<MutationResolvers, 'recordFrontOpinion'> = {
  recordFrontOpinion: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const d = await lockDossier(manager, ctx.caller, id, expectedVersion);
      nextDossierStatus(d.status, 'RECORD_FRONT_OPINION');
      if (d.frontOpinion) throw domainError('CONFLICT', ALREADY_GIVEN);
      const givenOn = input.givenOn ?? todayInHanoi();
      checkNotFuture(givenOn, 'input.givenOn');
      checkNotBefore(givenOn, d.submittedOn ?? d.startedOn, 'input.givenOn', {
        vi: 'ngày gửi hồ sơ',
        en: 'the day the dossier was sent',
      });
      requireResponsible(ctx.caller, 'DOSSIER_FRONT_OPINION', givenOn);
      const reasoning = optionalText(input.reasoning, 'input.reasoning', REASONING, 2000);
      if (input.opinion === 'DISAGREE' && !reasoning) throw badInput(REASONS_NEEDED, 'input.reasoning');
      const updated = await transition(
        manager,
        ctx,
        d,
        'RECORD_FRONT_OPINION',
        givenOn,
        {
          frontOpinion: input.opinion,
          frontOpinionReasoning: reasoning,
          frontOpinionOn: givenOn,
          frontOpinionUnitCode: ctx.caller.unitCode,
        },
        reasoning,
        { opinion: input.opinion },
      );
      await notifyOpinion(manager, d, givenOn);
      return updated;
    }),
};

export const frontOpinionQueries: Pick<QueryResolvers, 'dossiersForFrontOpinion'> = {
  dossiersForFrontOpinion: (_parent, { answered, first }, ctx) => {
    // The committee's own commune only: the dossiers it owns, not those a court or a facility sees.
    const scope = ownerScope('d', ctx.caller);
    const query = ctx.db.getRepository(CompulsoryRehabDossierEntity).createQueryBuilder('d').where(scope.sql, scope.params);
    if (answered) query.andWhere('d.front_opinion IS NOT NULL').orderBy('d.front_opinion_on', 'DESC');
    else
      query
        .andWhere('d.front_opinion IS NULL AND d.status IN (:...statuses)', { statuses: FRONT_REVIEW })
        .orderBy('d.submitted_on', 'ASC');
    return query.addOrderBy('d.id', 'ASC').take(pageSize(first, 100)).getMany();
  },
};
