import { domainError, pageSize, pathScope } from '@rehab/server-kit';
import type { AdministrativeUnitRecord } from '@rehab/shared-schema';
import type { QueryResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { CompulsoryRehabDossierEntity } from '../entities/CompulsoryRehabDossier';
import { FacilityEntity } from '../entities/Facility';
import { PlanTargetEntity } from '../entities/PlanTarget';
import { PostRehabCaseEntity } from '../entities/PostRehabCase';
import { RehabEpisodeEntity } from '../entities/RehabEpisode';
import { ServiceProviderEntity } from '../entities/ServiceProvider';
import { addDays, monthOf, todayInHanoi } from '@rehab/shared-schema';
import { checkPlanYear } from '../rules/plan';
import { staffingCheck } from '../rules/staffing';
import { dossierScope, episodeScope, ownerScope } from '../scope';

async function unitNamed(ctx: Context, code: string, field: string): Promise<AdministrativeUnitRecord> {
  const unit = await ctx.loaders.unitByCode.load(code);
  if (!unit) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Không có đơn vị hành chính mã ${code}`, en: `No administrative unit with code ${code}` },
      { field },
    );
  }
  return unit;
}

export async function unitPath(ctx: Context, code: string): Promise<string> {
  return (await unitNamed(ctx, code, 'unitCode')).path;
}

/**
 * SQL keeping rows of the unit at `path`: its subtree, those of the old units merged into it
 * whole, and (with `personColumn`) a split old unit's records of the people assigned to it.
 */
export function subtree(column: string, path: string, personColumn?: string): [string, Record<string, string | string[]>] {
  const scope = pathScope(column, { unitPath: path }, personColumn ? { personColumn } : {});
  return [scope.sql, scope.params];
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

  // Aggregates of every facility (not personal data): two statements whatever the count.
  facilitiesOverStaffingRatio: async (_parent, _args, ctx) => {
    const facilities = await ctx.db.getRepository(FacilityEntity).find({ order: { code: 'ASC' } });
    const occupancy = await ctx.loaders.occupancyByFacility.loadMany(facilities.map((f) => f.code));
    return facilities.filter((f, i) => {
      const o = occupancy[i];
      if (!o || o instanceof Error) throw o ?? new Error(`no occupancy for ${f.code}`);
      ctx.loaders.facilityByCode.prime(f.code, f);
      return staffingCheck(o.compulsory, o.voluntary, f.staffCount, f.managerCount).overRatio;
    });
  },

  // Providers registered at the unit or within it, and those registered above it (which serve it).
  serviceProviders: async (_parent, { unitCode, usableOn }, ctx) => {
    const unit = await unitNamed(ctx, unitCode, 'unitCode');
    const ancestors = unit.path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));
    const query = ctx.db
      .getRepository(ServiceProviderEntity)
      .createQueryBuilder('p')
      .where('(p.owner_unit_path IN (:...ancestors) OR p.owner_unit_path LIKE :below)', { ancestors, below: `${unit.path}.%` });
    if (usableOn) {
      query.andWhere('p.published_on <= :on AND (p.withdrawn_on IS NULL OR p.withdrawn_on > :on)', { on: usableOn });
    }
    return query.orderBy('p.owner_unit_path', 'ASC').addOrderBy('p.name', 'ASC').getMany();
  },

  compulsoryRehabDossier: (_parent, { id }, ctx) => ctx.loaders.dossierById.load(id),
  rehabEpisode: (_parent, { id }, ctx) => ctx.loaders.rehabEpisodeById.load(id),
  postRehabCase: (_parent, { id }, ctx) => ctx.loaders.postRehabCaseById.load(id),

  dossiersAwaitingReview: async (_parent, { unitCode, asOf, first }, ctx) => {
    const limit = pageSize(first, 100);
    const [sql, params] = subtree('d.owner_unit_path', await unitPath(ctx, unitCode), 'd.person_id');
    const scope = dossierScope('d', ctx.caller);
    return ctx.db
      .getRepository(CompulsoryRehabDossierEntity)
      .createQueryBuilder('d')
      .where("d.status = 'SUBMITTED' AND d.submitted_on <= :asOf", { asOf: asOf ?? todayInHanoi() })
      .andWhere(sql, params)
      .andWhere(scope.sql, scope.params)
      .orderBy('d.submitted_on', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(limit)
      .getMany();
  },

  episodesDueToComplete: async (_parent, { facilityCode, asOf, first }, ctx) => {
    const limit = pageSize(first, 100);
    const facility = await unitNamed(ctx, facilityCode, 'facilityCode');
    const month = monthOf(asOf ?? todayInHanoi());
    const scope = episodeScope('e', ctx.caller);
    return ctx.db
      .getRepository(RehabEpisodeEntity)
      .createQueryBuilder('e')
      .where("e.facility_code = :code AND e.status IN ('ADMITTED', 'ON_LEAVE')", { code: facility.code })
      .andWhere('e.planned_end_on BETWEEN :first AND :last', month)
      .andWhere(scope.sql, scope.params)
      .orderBy('e.planned_end_on', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(limit)
      .getMany();
  },

  overdueLeaves: async (_parent, { unitCode, asOf, first }, ctx) => {
    const limit = pageSize(first, 100);
    const path = await unitPath(ctx, unitCode);
    const [facilitySql, facilityParams] = subtree('e.facility_owner_path', path);
    const [residenceSql, residenceParams] = subtree('e.residence_owner_path', path, 'e.person_id');
    const scope = episodeScope('e', ctx.caller);
    return ctx.db
      .getRepository(RehabEpisodeEntity)
      .createQueryBuilder('e')
      .where("e.status = 'ON_LEAVE' AND e.leave_due_on < :asOf", { asOf: asOf ?? todayInHanoi() })
      .andWhere(`(${facilitySql} OR ${residenceSql})`, { ...facilityParams, ...residenceParams })
      .andWhere(scope.sql, scope.params)
      .orderBy('e.leave_due_on', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(limit)
      .getMany();
  },

  postRehabCasesAwaitingDecision: async (_parent, { unitCode, asOf, first }, ctx) => {
    const limit = pageSize(first, 100);
    const [sql, params] = subtree('c.owner_unit_path', await unitPath(ctx, unitCode), 'c.person_id');
    const scope = ownerScope('c', ctx.caller);
    return ctx.db
      .getRepository(PostRehabCaseEntity)
      .createQueryBuilder('c')
      .where("c.status = 'AWAITING_DECISION' AND c.opened_on <= :asOf", { asOf: asOf ?? todayInHanoi() })
      .andWhere(sql, params)
      .andWhere(scope.sql, scope.params)
      .orderBy('c.opened_on', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(limit)
      .getMany();
  },

  postRehabCasesEndingSoon: async (_parent, { unitCode, asOf, first }, ctx) => {
    const limit = pageSize(first, 100);
    const from = asOf ?? todayInHanoi();
    const [sql, params] = subtree('c.owner_unit_path', await unitPath(ctx, unitCode), 'c.person_id');
    const scope = ownerScope('c', ctx.caller);
    return ctx.db
      .getRepository(PostRehabCaseEntity)
      .createQueryBuilder('c')
      .where("c.status = 'UNDER_MANAGEMENT' AND c.ends_on BETWEEN :from AND :to", { from, to: addDays(from, 30) })
      .andWhere(sql, params)
      .andWhere(scope.sql, scope.params)
      .orderBy('c.ends_on', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(limit)
      .getMany();
  },
};
