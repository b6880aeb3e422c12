import {
  actsOn,
  checkUuid,
  cursorParts,
  domainError,
  encodeCursor,
  pageSize,
  recordNotFound,
  requireResponsible,
  requireUnit,
} from '@rehab/server-kit';
import { todayInHanoi, unitAt, unitByCode, type AdministrativeUnitRecord, type Caller } from '@rehab/shared-schema';
import { planDate } from '../plans/dates';
import type { MutationResolvers, PlanResolvers, PlanTargetResolvers, QueryResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { PlanEntity } from '../entities/Plan';
import { PlanTargetEntity } from '../entities/PlanTarget';
import type { PlanTargetConnectionView } from '../indicators/views';
import { importPlanTable } from '../plans/import';
import { checkPlanYear } from '../rules/plan';
import { unitOf } from './unit';

export const PLAN_NAME = { vi: 'kế hoạch', en: 'plan' };

/** The plan with this id, or NOT_FOUND (plans are not scoped: every officer may read them). */
export async function planOrNotFound(ctx: Context, id: string, field = 'plan'): Promise<PlanEntity> {
  const plan = await ctx.loaders.planById.load(checkUuid(id, field));
  if (!plan) throw recordNotFound(PLAN_NAME, id, field);
  return plan;
}

export function unitOrBadInput(code: string, field: string): AdministrativeUnitRecord {
  const unit = unitByCode(code);
  if (!unit)
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Không có đơn vị hành chính mã ${code}`, en: `No administrative unit with code ${code}` },
      { field },
    );
  return unit;
}

/**
 * Plans are made and filled by province-level officers of the agency that runs rehab that day
 * (the labour department until 28 February 2025, the provincial police since), or a supervisor.
 */
function checkPlanner(caller: Caller, provincePath: string): void {
  requireResponsible(caller, 'REHAB_STATE_MANAGEMENT', todayInHanoi());
  if (!actsOn(caller, provincePath)) {
    throw domainError('FORBIDDEN', {
      vi: 'Chỉ cán bộ cấp tỉnh, thành phố được lập và nhập chỉ tiêu kế hoạch',
      en: 'Only province-level officers may create plans and import targets',
    });
  }
}

function targetCursor(after: string): [string, string] {
  return cursorParts(after, 2) as [string, string];
}

async function targetsPage(
  ctx: Context,
  plan: PlanEntity,
  args: { first?: number | null; after?: string | null; unitCode?: string | null; indicatorCode?: string | null },
): Promise<PlanTargetConnectionView> {
  const size = pageSize(args.first, 50);
  const query = ctx.db.getRepository(PlanTargetEntity).createQueryBuilder('t').where('t.plan_id = :planId', { planId: plan.id });
  if (args.unitCode) {
    const path = unitOrBadInput(args.unitCode, 'unitCode').path;
    query.andWhere('(t.unit_path = :path OR t.unit_path LIKE :like)', { path, like: `${path}.%` });
  }
  if (args.indicatorCode) query.andWhere('t.indicator_code = :code', { code: args.indicatorCode });
  const totalCount = await query.clone().getCount();
  if (args.after) {
    const [path, code] = targetCursor(args.after);
    query.andWhere('(t.unit_path, t.indicator_code) > (:afterPath, :afterCode)', { afterPath: path, afterCode: code });
  }
  const rows = await query
    .orderBy('t.unit_path', 'ASC')
    .addOrderBy('t.indicator_code', 'ASC')
    .limit(size + 1)
    .getMany();
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    hasNextPage: rows.length > size,
    endCursor: last ? encodeCursor(JSON.stringify([last.unitPath, last.indicator])) : null,
  };
}

export const Plan: PlanResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.planById.load(ref.id),
  province: (plan, _args, ctx) => unitOf(plan.provinceCode, ctx, unitAt(plan.provinceCode, planDate(plan.year))?.path),
  targets: (plan, args, ctx) => targetsPage(ctx, plan, args),
};

export const PlanTargetExtra: Pick<PlanTargetResolvers, 'id' | 'plan'> = {
  id: (t) => String(t.id),
  plan: async (t, _args, ctx) => {
    const plan = await ctx.loaders.planById.load(t.planId);
    if (!plan) throw new Error(`target ${t.id} has no plan`);
    return plan;
  },
};

export const planQueries: Pick<QueryResolvers, 'plans' | 'plan'> = {
  plans: async (_parent, { year, provinceCode }, ctx) => {
    const query = ctx.db.getRepository(PlanEntity).createQueryBuilder('p');
    if (year !== null && year !== undefined) {
      checkPlanYear(year);
      query.andWhere('p.plan_year = :year', { year });
    }
    if (provinceCode) query.andWhere('p.province_code = :provinceCode', { provinceCode });
    const plans = await query.orderBy('p.plan_year', 'DESC').addOrderBy('p.title', 'ASC').getMany();
    for (const p of plans) ctx.loaders.planById.prime(p.id, p);
    return plans;
  },
  plan: async (_parent, { id }, ctx) => ctx.loaders.planById.load(checkUuid(id, 'id')),
};

export const planMutations: Pick<MutationResolvers, 'createPlan' | 'importPlanTargets'> = {
  createPlan: async (_parent, { input }, ctx) => {
    checkPlanYear(input.year);
    // The province as it was when the plan's year began (code 15 is Yên Bái in 2024, Lào Cai in 2026).
    const province = requireUnit(input.provinceCode, 'provinceCode', ['PROVINCE'], planDate(input.year));
    const title = input.title.trim();
    if (title.length === 0 || title.length > 300) {
      throw domainError(
        'BAD_USER_INPUT',
        { vi: 'Tên kế hoạch phải có từ 1 đến 300 ký tự', en: 'The plan title must have 1 to 300 characters' },
        { field: 'title' },
      );
    }
    checkPlanner(ctx.caller, province.path);
    const id = await ctx.db.transaction(async (manager) => {
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO plan (id, province_code, plan_year, title) VALUES (gen_random_uuid(), $1, $2, $3)
        ON CONFLICT ON CONSTRAINT plan_unique_title DO NOTHING RETURNING id`,
        [province.code, input.year, title],
      );
      if (!rows[0]) {
        throw domainError(
          'CONFLICT',
          { vi: `Đã có kế hoạch "${title}" năm ${input.year}`, en: `A plan "${title}" of ${input.year} already exists` },
          { field: 'title' },
        );
      }
      await ctx.audit.change(manager, 'Plan', ['provinceCode', 'title', 'year'], null);
      return rows[0].id;
    });
    return planOrNotFound(ctx, id, 'id');
  },
  importPlanTargets: async (_parent, { plan: planId, table, csv }, ctx) => {
    const plan = await planOrNotFound(ctx, planId);
    checkPlanner(ctx.caller, (unitAt(plan.provinceCode, planDate(plan.year)) ?? unitOrBadInput(plan.provinceCode, 'plan')).path);
    return ctx.db.transaction(async (manager) => {
      const outcome = await importPlanTable(manager, plan, table, csv);
      // Audited when something changed (the same file again changes nothing, audits nothing).
      if (!outcome.nothingChanged) await ctx.audit.change(manager, 'PlanTarget', ['target'], null);
      return outcome;
    });
  },
};
