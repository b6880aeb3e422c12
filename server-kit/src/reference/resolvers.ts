import { IsNull, LessThanOrEqual, MoreThanOrEqual, type DataSource } from 'typeorm';
import {
  STEP_LABEL,
  responsibilitiesOn,
  todayInHanoi,
  units,
  unitAt,
  type AdministrativeUnitRecord,
  type ResponsibilityRecord,
  type UnitLevel,
  type UnitLineageLink,
} from '@rehab/shared-schema';
import { LegalRuleEntity } from './entities';
import { domainError } from '../errors';

interface WithDb {
  db: DataSource;
}

type Locale = 'VI' | 'EN';

const ADMINISTRATIVE_LEVELS: readonly UnitLevel[] = ['PROVINCE', 'DISTRICT', 'COMMUNE'];

function dateArg(on: string | null | undefined): string {
  return on ?? todayInHanoi();
}

/**
 * Resolvers of the shareable reference types. Units, lineage and responsibilities come
 * from the unit tree every process loads from data/units (the same data the migrations
 * put in every database); legal rules from the subgraph's own legal_rule table.
 */
export const referenceQueryResolvers = {
  administrativeUnit: (_: unknown, args: { code: string; on?: string | null }) => unitAt(args.code, dateArg(args.on)) ?? null,
  administrativeUnits: (
    _: unknown,
    args: { parentCode?: string | null; on?: string | null; levels?: readonly UnitLevel[] | null },
  ) => {
    const on = dateArg(args.on);
    if (args.levels?.length === 0)
      throw domainError(
        'BAD_USER_INPUT',
        { vi: 'Cần ít nhất một cấp đơn vị', en: 'At least one level is needed' },
        { field: 'levels' },
      );
    const parent = args.parentCode ? (unitAt(args.parentCode, on) ?? null) : null;
    if (args.parentCode && !parent) return [];
    return units()
      .childrenOf(parent?.code ?? null, on, args.levels ?? ADMINISTRATIVE_LEVELS)
      .filter((u) => parent === null || u.parentCode === parent.code);
  },
  legalRules: async (_: unknown, args: { on?: string | null }, ctx: WithDb) => {
    const on = dateArg(args.on);
    return ctx.db.getRepository(LegalRuleEntity).find({
      where: [
        { effectiveFrom: LessThanOrEqual(on), effectiveTo: IsNull() },
        { effectiveFrom: LessThanOrEqual(on), effectiveTo: MoreThanOrEqual(on) },
      ],
      order: { code: 'ASC', effectiveFrom: 'ASC' },
    });
  },
  responsibilities: (_: unknown, args: { on?: string | null }) => responsibilitiesOn(dateArg(args.on)),
};

const lineage = (link: UnitLineageLink, other: AdministrativeUnitRecord) => ({
  unit: other,
  whole: link.whole,
  method: link.method,
});

export const referenceTypeResolvers = {
  AdministrativeUnit: {
    nameEn: (u: AdministrativeUnitRecord) => u.nameEn,
    parent: (u: AdministrativeUnitRecord) => (u.parentCode ? (unitAt(u.parentCode, u.validFrom) ?? null) : null),
    predecessors: (u: AdministrativeUnitRecord) =>
      units()
        .predecessors(u)
        .map((l) => lineage(l, l.predecessor)),
    successors: (u: AdministrativeUnitRecord) =>
      units()
        .successors(u)
        .map((l) => lineage(l, l.successor)),
    unresolvedPredecessors: (u: AdministrativeUnitRecord) =>
      units()
        .unresolvedPredecessors(u)
        .map((x) => x.text),
  },
  Responsibility: {
    stepLabel: (r: ResponsibilityRecord, args: { locale?: Locale | null }) =>
      args.locale === 'EN' ? STEP_LABEL[r.step].en : STEP_LABEL[r.step].vi,
    actor: (r: ResponsibilityRecord, args: { locale?: Locale | null }) => (args.locale === 'EN' ? r.actor.en : r.actor.vi),
  },
};

/**
 * Unit lookups for resolvers (the tree is in memory: no SQL). A code alone means its
 * version valid today, else its latest; a record's unit is found by the path it keeps,
 * which names one version.
 */
export interface UnitLookup {
  load(code: string, on?: string): Promise<AdministrativeUnitRecord | null>;
  loadPath(path: string, on?: string): Promise<AdministrativeUnitRecord | null>;
}

export function unitLookup(): UnitLookup {
  return {
    load: (code, on) => Promise.resolve((on ? unitAt(code, on) : units().current(code)) ?? null),
    loadPath: (path, on) => Promise.resolve(units().byUnitPath(path, on) ?? null),
  };
}
