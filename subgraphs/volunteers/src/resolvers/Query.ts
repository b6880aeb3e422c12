import { pathScope } from '@rehab/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers';
import { MassOrganisationEntity } from '../entities/MassOrganisation';
import { OrganisationChapterEntity } from '../entities/OrganisationChapter';
import { VolunteerEntity } from '../entities/Volunteer';
import { VolunteerAssignmentEntity } from '../entities/VolunteerAssignment';
import { byKindThenCode } from '../rules/organisations';
import { assignmentScope } from '../scope';
import { DEFAULT_VISIT_INTERVAL_DAYS } from '../rules/support';
import { myPeople, volunteerParent, worklistDate } from './worklist';

export const Query: QueryResolvers = {
  // Reference data of the organisations themselves: not person records, so not unit-scoped.
  massOrganisations: async (_parent, _args, ctx) =>
    (await ctx.db.getRepository(MassOrganisationEntity).find()).sort(byKindThenCode),

  myVolunteerWorklist: (_parent, { asOf, visitIntervalDays }, ctx) =>
    // A client may pass null explicitly, whatever the generated type (which counts the default) says.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    myPeople(ctx, worklistDate(asOf), visitIntervalDays ?? DEFAULT_VISIT_INTERVAL_DAYS),

  myAssignedPeople: async (_parent, { asOf }, ctx) =>
    (await myPeople(ctx, worklistDate(asOf), DEFAULT_VISIT_INTERVAL_DAYS)).people,

  volunteers: async (_parent, { includeInactive }, ctx) => {
    const scope = pathScope('v.owner_unit_path', ctx.caller);
    const query = ctx.db
      .getRepository(VolunteerEntity)
      .createQueryBuilder('v')
      .innerJoinAndSelect('v.organisation', 'o')
      .where(scope.sql, scope.params);
    if (!includeInactive) query.andWhere('v.active');
    return (await query.orderBy('v.unit_code').addOrderBy('v.full_name').addOrderBy('v.id').getMany()).map((v) =>
      volunteerParent(v),
    );
  },

  organisationChapters: async (_parent, { unitCode, organisationCode }, ctx) => {
    const scope = pathScope('c.owner_unit_path', ctx.caller);
    const query = ctx.db
      .getRepository(OrganisationChapterEntity)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.organisation', 'o')
      .where(scope.sql, scope.params);
    if (unitCode != null) {
      const unit = await ctx.loaders.unitByCode.load(unitCode);
      if (!unit) return [];
      query.andWhere('(c.owner_unit_path = :path OR c.owner_unit_path LIKE :below)', {
        path: unit.path,
        below: `${unit.path}.%`,
      });
    }
    if (organisationCode != null) query.andWhere('c.organisation_code = :organisationCode', { organisationCode });
    return query.orderBy('c.unit_code').addOrderBy('c.name').addOrderBy('c.id').getMany();
  },

  assignmentsNeedingVolunteer: async (_parent, _args, ctx) => {
    const scope = assignmentScope('a', ctx.caller);
    const rows = await ctx.db
      .getRepository(VolunteerAssignmentEntity)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.volunteer', 'v')
      .innerJoinAndSelect('v.organisation', 'o')
      .where('a.needs_volunteer')
      .andWhere(scope.sql, scope.params)
      .orderBy('a.ended_on', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
    // Root worklist, not below Person: each person's read is audited here.
    for (const a of rows) ctx.audit.read('PendingReassignment', 'fullName', a.personId);
    return rows;
  },
};
