import { domainError } from '@rehab/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { FacilityEntity } from '../entities/Facility';
import { PlanTargetEntity } from '../entities/PlanTarget';
import { checkPlanYear } from '../rules/plan';

async function unitPath(ctx: Context, code: string): Promise<string> {
  const unit = await ctx.loaders.unitByCode.load(code);
  if (!unit) {
    throw domainError('BAD_USER_INPUT', { vi: `Không có đơn vị hành chính mã ${code}`, en: `No administrative unit with code ${code}` }, { field: 'unitCode' });
  }
  return unit.path;
}

export const Query: QueryResolvers = {
  facilities: async (_parent, _args, ctx) => {
    const facilities = await ctx.db.getRepository(FacilityEntity).find({ order: { code: 'ASC' } });
    for (const f of facilities) ctx.loaders.facilityByCode.prime(f.code, f);
    return facilities;
  },

  facility: (_parent, { code }, ctx) => ctx.loaders.facilityByCode.load(code),

  // Targets are not personal data: no record scope, every role may read them.
  planTargets: async (_parent, { year, unitCode }, ctx) => {
    checkPlanYear(year);
    const query = ctx.db.getRepository(PlanTargetEntity).createQueryBuilder('t').where('t.plan_year = :year', { year });
    if (unitCode) {
      const path = await unitPath(ctx, unitCode);
      query.andWhere('(t.unit_path = :unitPath OR t.unit_path LIKE :unitLike)', { unitPath: path, unitLike: `${path}.%` });
    }
    return query.orderBy('t.unit_path', 'ASC').addOrderBy('t.indicator_code', 'ASC').getMany();
  },
};
