import { domainError, pageSize } from '@rehab/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { CompulsoryRehabDossierEntity } from '../entities/CompulsoryRehabDossier';
import { dossierScope } from '../scope';

/** Queries of the facility's intake worklist (schema/admissions.graphql). */
export const admissionQueries: Pick<QueryResolvers<Context>, 'dossiersAwaitingAdmission'> = {
  dossiersAwaitingAdmission: async (_parent, { facilityCode, first }, ctx) => {
    const facility = await ctx.loaders.unitByCode.load(facilityCode);
    if (!facility || facility.level !== 'FACILITY') {
      throw domainError('BAD_USER_INPUT', {
        vi: `Không có cơ sở cai nghiện mã ${facilityCode}`, en: `No rehab facility with code ${facilityCode}`,
      }, { field: 'facilityCode' });
    }
    const scope = dossierScope('d', ctx.caller);
    return ctx.db.getRepository(CompulsoryRehabDossierEntity).createQueryBuilder('d')
      .where("d.status = 'APPROVED' AND d.facility_code = :code", { code: facility.code })
      .andWhere(scope.sql, scope.params)
      .orderBy('d.decided_on', 'ASC').addOrderBy('d.id', 'ASC').take(pageSize(first, 100)).getMany();
  },
};
