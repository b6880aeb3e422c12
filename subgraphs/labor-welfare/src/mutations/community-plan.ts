import { notifyUnit, optionalPhone, pageSize, requireResponsible } from '@rehab/server-kit';
import { todayInHanoi } from '@rehab/shared-schema';
import type { EntityManager } from 'typeorm';
import type {
  CommunityRehabPlanInput,
  CommunityRehabSupporterInput,
  FamilyCaregiverInput,
  MutationResolvers,
  PlannedRehabPhaseInput,
  QueryResolvers,
} from '../__generated__/resolvers';
import { CommunityRehabPlanEntity, type PlanSupporter, type PlannedPhase } from '../entities/CommunityRehabPlan';
import { RehabEpisodeEntity } from '../entities/RehabEpisode';
import { nextEpisodeStatus, OPTIONAL_COMMUNITY_PHASES, PHASE_LABEL, REHAB_PHASES } from '../rules/episode';
import { badInput, checkNotBefore, checkNotFuture, optionalText, requiredText } from '../rules/errors';
import { subtree, unitPath } from '../resolvers/Query';
import { episodeScope } from '../scope';
import { lockEpisode, transition } from './episode';
import { inTransaction } from './support';

/** The topic of the inbox notification of a new or revised plan (this agency's own event). */
export const PLAN_TOPIC = 'rehab.community-plan';

const MAX_SUPPORTERS = 5;
const NAME = { vi: 'họ và tên', en: 'full name' };

function caregiverOf(
  input: FamilyCaregiverInput | null | undefined,
  episode: RehabEpisodeEntity,
): Pick<CommunityRehabPlanEntity, 'caregiverName' | 'caregiverRelationship' | 'caregiverPhone'> {
  if (!input) {
    if (episode.communitySetting === 'HOME') {
      throw badInput(
        {
          vi: 'Cai nghiện tại gia đình cần có người trong gia đình trực tiếp chăm sóc, giúp đỡ',
          en: 'Rehab at home needs a family member who cares for the person',
        },
        'input.caregiver',
      );
    }
    return { caregiverName: null, caregiverRelationship: null, caregiverPhone: null };
  }
  return {
    caregiverName: requiredText(input.fullName, 'input.caregiver.fullName', NAME, 200),
    caregiverRelationship: input.relationship,
    caregiverPhone: optionalPhone(input.phone, 'input.caregiver.phone'),
  };
}

function supportersOf(input: readonly CommunityRehabSupporterInput[]): PlanSupporter[] {
  if (input.length < 1 || input.length > MAX_SUPPORTERS) {
    throw badInput(
      {
        vi: `Cần từ 1 đến ${MAX_SUPPORTERS} người được giao hỗ trợ người cai nghiện`,
        en: `Name from 1 to ${MAX_SUPPORTERS} supporters`,
      },
      'input.supporters',
    );
  }
  const seen = new Set<string>();
  return input.map((s, i) => {
    const fullName = requiredText(s.fullName, `input.supporters.${i}.fullName`, NAME, 200);
    const key = fullName.toLocaleLowerCase('vi');
    if (seen.has(key)) {
      throw badInput({ vi: `${fullName} được ghi hai lần`, en: `${fullName} is named twice` }, `input.supporters.${i}.fullName`);
    }
    seen.add(key);
    return {
      fullName,
      role: s.role,
      organisation: optionalText(
        s.organisation,
        `input.supporters.${i}.organisation`,
        { vi: 'cơ quan, tổ chức', en: 'organisation' },
        200,
      ),
      phone: optionalPhone(s.phone, `input.supporters.${i}.phone`),
    };
  });
}

/** The phases in the law's order, each after the one before, within the term; only labour therapy may be left out. */
function phasesOf(input: readonly PlannedRehabPhaseInput[], episode: RehabEpisodeEntity): PlannedPhase[] {
  const missing = REHAB_PHASES.filter((p) => !OPTIONAL_COMMUNITY_PHASES.includes(p) && !input.some((i) => i.phase === p));
  if (missing.length > 0) {
    throw badInput(
      {
        vi: `Kế hoạch thiếu giai đoạn: ${missing.map((p) => PHASE_LABEL[p].vi).join('; ')}`,
        en: `The plan lacks the phase${missing.length === 1 ? '' : 's'}: ${missing.map((p) => PHASE_LABEL[p].en).join('; ')}`,
      },
      'input.phases',
    );
  }
  let previous: PlannedPhase | null = null;
  return input.map((p, i) => {
    const field = `input.phases.${i}`;
    if (previous && REHAB_PHASES.indexOf(p.phase) <= REHAB_PHASES.indexOf(previous.phase)) {
      throw badInput(
        {
          vi: `Giai đoạn “${PHASE_LABEL[p.phase].vi}” phải đứng sau giai đoạn “${PHASE_LABEL[previous.phase].vi}” theo trình tự của luật`,
          en: `The phase ${p.phase} must come after ${previous.phase}, in the law's order`,
        },
        `${field}.phase`,
      );
    }
    const label = PHASE_LABEL[p.phase];
    const floor = previous ? previous.startsOn : episode.admittedOn;
    if (previous ? p.startsOn <= floor : p.startsOn < floor) {
      throw badInput(
        previous
          ? {
              vi: `Giai đoạn “${label.vi}” phải bắt đầu sau ngày bắt đầu giai đoạn “${PHASE_LABEL[previous.phase].vi}” (${floor})`,
              en: `The phase ${p.phase} must start after ${previous.phase} (${floor})`,
            }
          : {
              vi: `Giai đoạn “${label.vi}” bắt đầu trước ngày bắt đầu cai nghiện (${floor})`,
              en: `The phase ${p.phase} starts before the rehab (${floor})`,
            },
        `${field}.startsOn`,
      );
    }
    if (p.startsOn >= episode.plannedEndOn) {
      throw badInput(
        {
          vi: `Giai đoạn “${label.vi}” bắt đầu sau khi hết thời hạn cai nghiện (${episode.plannedEndOn})`,
          en: `The phase ${p.phase} starts after the rehab's term (${episode.plannedEndOn})`,
        },
        `${field}.startsOn`,
      );
    }
    const activities = requiredText(
      p.activities,
      `${field}.activities`,
      { vi: `nội dung giai đoạn “${label.vi}”`, en: `activities of ${p.phase}` },
      2000,
    );
    previous = { phase: p.phase, startsOn: p.startsOn, activities };
    return previous;
  });
}

async function savePlan(
  manager: EntityManager,
  episode: RehabEpisodeEntity,
  plan: Omit<CommunityRehabPlanEntity, 'episodeId' | 'revision' | 'updatedAt'>,
): Promise<number> {
  const plans = manager.getRepository(CommunityRehabPlanEntity);
  const existing = await plans.findOneBy({ episodeId: episode.id });
  const revision = (existing?.revision ?? 0) + 1;
  // The episode row is locked: two officers revising the plan wait for each other, and the version decides.
  await plans.upsert({ episodeId: episode.id, revision, ...plan, updatedAt: new Date() }, ['episodeId']);
  return revision;
}

function readPlan(input: CommunityRehabPlanInput, episode: RehabEpisodeEntity, preparedBy: string) {
  const preparedOn = input.preparedOn ?? todayInHanoi();
  checkNotFuture(preparedOn, 'input.preparedOn');
  checkNotBefore(preparedOn, episode.admittedOn, 'input.preparedOn', {
    vi: 'ngày bắt đầu cai nghiện',
    en: 'the start of the rehab',
  });
  return {
    preparedOn,
    goals: optionalText(input.goals, 'input.goals', { vi: 'mục tiêu', en: 'goals' }, 2000),
    ...caregiverOf(input.caregiver, episode),
    supporters: supportersOf(input.supporters),
    phases: phasesOf(input.phases, episode),
    preparedBy,
  };
}

export const communityPlanMutations: Pick<MutationResolvers, 'setCommunityRehabPlan'> = {
  setCommunityRehabPlan: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'SET_PLAN');
      const plan = readPlan(input, e, ctx.caller.username);
      requireResponsible(ctx.caller, 'COMMUNITY_REHAB', plan.preparedOn);
      const revision = await savePlan(manager, e, plan);
      const updated = await transition(manager, ctx, e, 'SET_PLAN', plan.preparedOn, {}, null, {
        revision,
        supporters: plan.supporters.length,
        phases: plan.phases.map((p) => p.phase),
      });
      await ctx.audit.change(
        manager,
        'CommunityRehabPlan',
        ['caregiver', 'goals', 'phases', 'preparedOn', 'supporters'],
        e.personId,
      );
      await notifyUnit(manager, {
        topic: PLAN_TOPIC,
        source: 'labor-welfare',
        unitPath: e.residenceOwnerPath,
        audience: ['police_officer', 'commune_official'],
        personId: e.personId,
        occurredOn: plan.preparedOn,
      });
      return updated;
    }),
};

export const communityPlanQueries: Pick<QueryResolvers, 'communityRehabAwaitingPlan'> = {
  communityRehabAwaitingPlan: async (_parent, { unitCode, first }, ctx) => {
    const [withinSql, withinParams] = subtree('e.residence_owner_path', await unitPath(ctx, unitCode), 'e.person_id');
    const scope = episodeScope('e', ctx.caller);
    return ctx.db
      .getRepository(RehabEpisodeEntity)
      .createQueryBuilder('e')
      .where("e.kind = 'VOLUNTARY_COMMUNITY' AND e.status = 'ADMITTED'")
      .andWhere('NOT EXISTS (SELECT 1 FROM community_rehab_plan p WHERE p.episode_id = e.id)')
      .andWhere(withinSql, withinParams)
      .andWhere(scope.sql, scope.params)
      .orderBy('e.admitted_on', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(pageSize(first, 100))
      .getMany();
  },
};
