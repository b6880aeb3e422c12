import { domainError, pageSize } from '@rehab/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import type { AdministrativeUnitRecord } from '@rehab/shared-schema';
import { CompulsoryRehabDossierEntity } from '../entities/CompulsoryRehabDossier';
import { RehabEpisodeEntity } from '../entities/RehabEpisode';
import { dossierScope, episodeScope } from '../scope';

async function facilityNamed(ctx: Context, code: string): Promise<AdministrativeUnitRecord> {
  const facility = await ctx.loaders.unitByCode.load(code);
  if (facility?.level !== 'FACILITY') {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Không có cơ sở cai nghiện mã ${code}`, en: `No rehab facility with code ${code}` },
      { field: 'facilityCode' },
    );
  }
  return facility;
}

/** Queries of the facility's intake and absconder worklists (schema/admissions.graphql). */
export const admissionQueries: Pick<
  QueryResolvers,
  'dossiersAwaitingAdmission' | 'abscondedResidents' | 'dossiersAwaitingDecision'
> = {
  dossiersAwaitingDecision: async (_parent, { first }, ctx) => {
    const scope = dossierScope('d', ctx.caller);
    return ctx.db
      .getRepository(CompulsoryRehabDossierEntity)
      .createQueryBuilder('d')
      .where("d.status IN ('FORWARDED_TO_COURT', 'POSTPONED')")
      .andWhere(scope.sql, scope.params)
      .orderBy('d.forwarded_on', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(pageSize(first, 100))
      .getMany();
  },

  dossiersAwaitingAdmission: async (_parent, { facilityCode, first }, ctx) => {
    const facility = await facilityNamed(ctx, facilityCode);
    const scope = dossierScope('d', ctx.caller);
    return ctx.db
      .getRepository(CompulsoryRehabDossierEntity)
      .createQueryBuilder('d')
      .where("d.status = 'APPROVED' AND d.facility_code = :code", { code: facility.code })
      .andWhere(scope.sql, scope.params)
      .orderBy('d.decided_on', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(pageSize(first, 100))
      .getMany();
  },

  abscondedResidents: async (_parent, { facilityCode, first }, ctx) => {
    const facility = await facilityNamed(ctx, facilityCode);
    const scope = episodeScope('e', ctx.caller);
    return ctx.db
      .getRepository(RehabEpisodeEntity)
      .createQueryBuilder('e')
      .where("e.status = 'ABSCONDED' AND e.facility_code = :code", { code: facility.code })
      .andWhere(scope.sql, scope.params)
      .orderBy('e.absconded_since', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(pageSize(first, 100))
      .getMany();
  },
};
