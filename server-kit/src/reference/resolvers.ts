import { IsNull, LessThanOrEqual, MoreThanOrEqual, type DataSource } from 'typeorm';
import { AdministrativeUnitEntity, LegalRuleEntity } from './entities';
import { HANOI_CODE } from '@rehab/shared-schema';
import { keyedLoader } from '../loaders';

interface WithDb {
  db: DataSource;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Resolvers of the shareable reference types, served from each subgraph's own copy. */
export const referenceQueryResolvers = {
  administrativeUnit: (_: unknown, args: { code: string }, ctx: WithDb) =>
    ctx.db.getRepository(AdministrativeUnitEntity).findOneBy({ code: args.code }),
  administrativeUnits: (_: unknown, args: { parentCode?: string | null }, ctx: WithDb) =>
    ctx.db.getRepository(AdministrativeUnitEntity).find({
      where: args.parentCode ? { parentCode: args.parentCode } : { code: HANOI_CODE },
      order: { code: 'ASC' },
    }),
  legalRules: async (_: unknown, args: { on?: string | null }, ctx: WithDb) => {
    const on = args.on ?? today();
    const repo = ctx.db.getRepository(LegalRuleEntity);
    return repo.find({
      where: [
        { effectiveFrom: LessThanOrEqual(on), effectiveTo: IsNull() },
        { effectiveFrom: LessThanOrEqual(on), effectiveTo: MoreThanOrEqual(on) },
      ],
      order: { code: 'ASC' },
    });
  },
};

/** Per-request loader of administrative units by code (one statement per batch). */
export function administrativeUnitLoader(db: DataSource) {
  return keyedLoader((codes) => db.getRepository(AdministrativeUnitEntity)
    .createQueryBuilder('u').where('u.code IN (:...codes)', { codes }).getMany(), (u) => u.code);
}
