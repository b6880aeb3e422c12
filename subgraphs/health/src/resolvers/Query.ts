import { domainError } from '@rehab/server-kit';
import type { QueryResolvers } from '../__generated__/resolvers';
import { ClinicEntity } from '../entities/Clinic';
import { missedDoseStreaks } from './worklists';
import { qualifiedFacilities } from './qualified-facilities';

export const Query: QueryResolvers = {
  clinics: async (_parent, { unitCode }, ctx) => {
    const query = ctx.db.getRepository(ClinicEntity).createQueryBuilder('c').orderBy('c.code', 'ASC');
    if (unitCode != null) {
      const unit = await ctx.loaders.unitByCode.load(unitCode);
      if (!unit) {
        throw domainError(
          'BAD_USER_INPUT',
          {
            vi: `Không có đơn vị hành chính mã ${unitCode}`,
            en: `No administrative unit with code ${unitCode}`,
          },
          { field: 'unitCode' },
        );
      }
      query.where('(c.owner_unit_path = :unitPath OR c.owner_unit_path LIKE :unitLike)', {
        unitPath: unit.path,
        unitLike: `${unit.path}.%`,
      });
    }
    const clinics = await query.getMany();
    for (const c of clinics) ctx.loaders.clinicByCode.prime(c.code, c);
    return clinics;
  },
  missedDoseStreaks: (_parent, args, ctx) => missedDoseStreaks(args, ctx),
  qualifiedDeterminationFacilities: (_parent, { provinceCode }, ctx) => qualifiedFacilities(provinceCode, ctx),
};
