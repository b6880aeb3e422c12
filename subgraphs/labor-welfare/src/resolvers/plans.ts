import { checkUuid, decodeCursor, domainError, encodeCursor, pageSize, recordNotFound } from '@rehab/server-kit';
import { isWithin, unitByCode, type AdministrativeUnitRecord, type Caller } from '@rehab/shared-schema';
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
  if (!unit) throw domainError('BAD_USER_INPUT', { vi: `Không có đơn vị hành chính mã ${code}`, en: `No administrative unit with code ${code}` }, { field });
  return unit;
}

/** Plans are made and filled by the province's labour officers (or a supervisor of the province). */
function checkPlanner(caller: Caller, provincePath: string): void {
  if (!isWithin(provincePath, caller.unitPath)) {
    throw domainError('FORBIDDEN', {
      vi: 'Chỉ cán bộ cấp tỉnh, thành phố được lập và nhập chỉ tiêu kế hoạch', en: 'Only province-level officers may create plans and import targets',
    });
  }
}

const badCursor = () => domainError('BAD_USER_INPUT', { vi: 'Con trỏ phân trang không hợp lệ', en: 'Invalid pagination cursor' }, { field: 'after' });

function targetCursor(after: string): [string, string] {
  let parts: unknown;
  try {
    parts = JSON.parse(decodeCursor(after));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(parts) || parts.length !== 2 || !parts.every((p) => typeof p === 'string')) throw badCursor();
  return parts as [string, string];
}

async function targetsPage(ctx: Context, plan: PlanEntity, args: { first?: number | null; after?: string | null; unitCode?: string | null; indicatorCode?: string | null }): Promise<PlanTargetConnectionView> {
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
  const rows = await query.orderBy('t.unit_path', 'ASC').addOrderBy('t.indicator_code', 'ASC').limit(size + 1).getMany();
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return { nodes, totalCount, hasNextPage: rows.length > size, endCursor: last ? encodeCursor(JSON.stringify([last.unitPath, last.indicator])) : null };
}

export const Plan: PlanResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.planById.load(ref.id),
  province: (plan, _args, ctx) => unitOf(plan.provinceCode, ctx),
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
    const province = unitOrBadInput(input.provinceCode, 'provinceCode');
    if (province.level !== 'PROVINCE') {
      throw domainError('BAD_USER_INPUT', { vi: `${province.name} không phải tỉnh, thành phố`, en: `${province.name} is not a province` }, { field: 'provinceCode' });
    }
    checkPlanYear(input.year);
    const title = input.title.trim();
    if (title.length === 0 || title.length > 300) {
      throw domainError('BAD_USER_INPUT', { vi: 'Tên kế hoạch phải có từ 1 đến 300 ký tự', en: 'The plan title must have 1 to 300 characters' }, { field: 'title' });
    }
    checkPlanner(ctx.caller, province.path);
    const id = await ctx.db.transaction(async (manager) => {
      const rows = await manager.query(`INSERT INTO plan (id, province_code, plan_year, title) VALUES (gen_random_uuid(), $1, $2, $3)
        ON CONFLICT ON CONSTRAINT plan_unique_title DO NOTHING RETURNING id`, [province.code, input.year, title]) as { id: string }[];
      if (!rows[0]) {
        throw domainError('CONFLICT', { vi: `Đã có kế hoạch "${title}" năm ${input.year}`, en: `A plan "${title}" of ${input.year} already exists` }, { field: 'title' });
      }
      await ctx.audit.change(manager, 'Plan', ['provinceCode', 'title', 'year'], null);
      return rows[0].id;
    });
    return planOrNotFound(ctx, id, 'id');
  },
  importPlanTargets: async (_parent, { plan: planId, table, csv }, ctx) => {
    const plan = await planOrNotFound(ctx, planId);
    checkPlanner(ctx.caller, unitOrBadInput(plan.provinceCode, 'plan').path);
    return ctx.db.transaction(async (manager) => {
      const outcome = await importPlanTable(manager, plan, table, csv);
      // Audited when something changed (the same file again changes nothing, audits nothing).
      if (!outcome.nothingChanged) await ctx.audit.change(manager, 'PlanTarget', ['target'], null);
      return outcome;
    });
  },
};
