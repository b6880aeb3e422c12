import { coarsensFor, domainError, isSmallCell, mayReadIndicators, ownedRoots, smallCellThreshold } from '@rehab/server-kit';
import {
  INDICATORS,
  childUnitsForPeriod,
  decodeIndicatorValueId,
  encodeIndicatorValueId,
  indicatorByCode,
  isWithin,
  periodOf,
  periodProblem,
  unitForPeriod,
  type AdministrativeUnitRecord,
  type IndicatorDefinitionRecord,
  type IndicatorValueKey,
  type LocalizedText,
  type PeriodInput,
} from '@rehab/shared-schema';
import type {
  IndicatorDefinitionResolvers,
  IndicatorRecordResolvers,
  IndicatorValueResolvers,
  PlanImportProblemResolvers,
  PlanImportResultResolvers,
  QueryResolvers,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { computedValue } from '../indicators/compute';
import { hasRecords, recordsPage } from '../indicators/records';
import { targetOf } from '../indicators/targets';
import type { IndicatorValueParent, IndicatorValueWithKey } from '../indicators/views';
import { planOrNotFound, unitOrBadInput } from './plans';
import { unitOf } from './unit';

const text = (t: LocalizedText, locale: string | null | undefined): string => (locale === 'EN' ? t.en : t.vi);

function indicatorOrBadInput(code: string): IndicatorDefinitionRecord {
  const indicator = indicatorByCode(code);
  if (!indicator)
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Không có chỉ số mã ${code}`, en: `No indicator with code ${code}` },
      { field: 'indicator' },
    );
  return indicator;
}

interface Scope {
  planId: string;
  unit: AdministrativeUnitRecord;
  period: ReturnType<typeof periodOf>;
}

/** Checks plan, unit and period, and that the caller may read the unit's indicators. */
async function scopeOf(ctx: Context, args: { plan: string; unit: string; period: PeriodInput }): Promise<Scope> {
  const plan = await planOrNotFound(ctx, args.plan);
  const problem = periodProblem(args.period);
  if (problem) throw domainError('BAD_USER_INPUT', problem, { field: 'period' });
  const period = periodOf(args.period);
  const unit = unitForPeriod(args.unit, period) ?? unitOrBadInput(args.unit, 'unit');
  const province = unitForPeriod(plan.provinceCode, period) ?? unitOrBadInput(plan.provinceCode, 'plan');
  if (!isWithin(unit.path, province.path) && !ownedRoots(province.path).some((root) => isWithin(unit.path, root))) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `${unit.name} không thuộc tỉnh, thành phố của kế hoạch`, en: `${unit.name} is not in the plan's province` },
      { field: 'unit' },
    );
  }
  if (!mayReadIndicators(ctx.caller, unit.path)) {
    throw domainError(
      'FORBIDDEN',
      {
        vi: `Bạn chỉ xem được chỉ số của đơn vị mình và các đơn vị trực thuộc (${unit.name} nằm ngoài phạm vi)`,
        en: `You may read the indicators of your own unit and the units beneath it (${unit.name} is outside)`,
      },
      { field: 'unit' },
    );
  }
  return { planId: plan.id, unit, period };
}

function valueOf(
  scope: Scope,
  indicator: IndicatorDefinitionRecord,
  unit: AdministrativeUnitRecord = scope.unit,
): IndicatorValueWithKey {
  const key: IndicatorValueKey = { planId: scope.planId, indicator, unit, period: scope.period };
  return { id: encodeIndicatorValueId(key), key };
}

/**
 * Child units of a breakdown: facilities of the province for facility indicators; otherwise
 * the territorial children of the period (districts before 1 July 2025, the new communes after).
 */
function childUnits(
  unit: AdministrativeUnitRecord,
  indicator: IndicatorDefinitionRecord,
  period: Scope['period'],
): AdministrativeUnitRecord[] {
  if (indicator.byFacility && unit.level === 'PROVINCE') return childUnitsForPeriod(unit, period, ['FACILITY']);
  return childUnitsForPeriod(unit, period, ['DISTRICT', 'COMMUNE']);
}

function keyOf(value: IndicatorValueParent): IndicatorValueKey {
  const key = (value as Partial<IndicatorValueWithKey>).key ?? decodeIndicatorValueId(value.id);
  if (!key)
    throw domainError(
      'BAD_USER_INPUT',
      { vi: 'Mã giá trị chỉ số không hợp lệ', en: 'Invalid indicator value id' },
      { field: 'id' },
    );
  return key;
}

/** An analyst asked for the records of a small cell (shown as "< threshold"). */
const smallCellRefused = (threshold: number): Error =>
  domainError(
    'FORBIDDEN',
    {
      vi: `Số hồ sơ dưới ${threshold} nên danh sách không được hiển thị cho phân tích viên (tránh nhận diện cá nhân)`,
      en: `Fewer than ${threshold} records, so the list is not shown to analysts (it could identify people)`,
    },
    { field: 'indicator' },
  );

export const indicatorQueries: Pick<
  QueryResolvers,
  'indicatorDefinitions' | 'indicators' | 'indicatorBreakdown' | 'indicatorRecords'
> = {
  indicatorDefinitions: () => [...INDICATORS],
  indicators: async (_parent, args, ctx) => {
    const scope = await scopeOf(ctx, args);
    const wanted = args.indicatorCodes ? args.indicatorCodes.map(indicatorOrBadInput) : INDICATORS;
    return wanted.map((indicator) => valueOf(scope, indicator));
  },
  indicatorBreakdown: async (_parent, args, ctx) => {
    const indicator = indicatorOrBadInput(args.indicator);
    const scope = await scopeOf(ctx, args);
    return childUnits(scope.unit, indicator, scope.period).map((unit) => valueOf(scope, indicator, unit));
  },
  indicatorRecords: async (_parent, args, ctx) => {
    const indicator = indicatorOrBadInput(args.indicator);
    if (!hasRecords(indicator.code)) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Danh sách hồ sơ của chỉ số ${indicator.code} không có ở Lao động - TB&XH (xem chỉ số theo đơn vị, hoặc hồ sơ của ${indicator.owner.vi})`,
          en: `Labour-welfare holds no records for ${indicator.code} (see the indicator per unit, or the records of ${indicator.owner.en})`,
        },
        { field: 'indicator' },
      );
    }
    const scope = await scopeOf(ctx, args);
    const coarse = coarsensFor(ctx.caller);
    const threshold = smallCellThreshold();
    const page = await recordsPage(ctx, valueOf(scope, indicator).key, args.first, args.after, { coarse, threshold });
    // The list of a suppressed cell would give its count (and its people) back.
    if (coarse && isSmallCell(page.totalCount, threshold)) throw smallCellRefused(threshold);
    // A sensitive read: one audit row per person listed (with the real id, as everywhere).
    for (const node of page.nodes) ctx.audit.read('IndicatorRecord', indicator.code, node.personId);
    return page;
  },
};

/** A SHARE indicator's target is stored as a percentage (e.g. 80) and read as a share (0.8). */
async function targetValue(ctx: Context, key: IndicatorValueKey): Promise<number | null> {
  const raw = await targetOf(ctx, key);
  return raw === null || key.indicator.measure === 'COUNT' ? raw : raw / 100;
}

export const IndicatorValue: IndicatorValueResolvers = {
  __resolveReference: (ref) => ref,
  plan: async (v, _args, ctx) => planOrNotFound(ctx, keyOf(v).planId),
  indicator: (v) => keyOf(v).indicator,
  unit: (v) => keyOf(v).unit,
  period: (v) => keyOf(v).period,
  target: (v, _args, ctx) => targetValue(ctx, keyOf(v)),
  actual: async (v, _args, ctx) => (await computedValue(ctx, v)).actual,
  numerator: async (v, _args, ctx) => (await computedValue(ctx, v)).numerator,
  denominator: async (v, _args, ctx) => (await computedValue(ctx, v)).denominator,
  suppressed: async (v, _args, ctx) => (await computedValue(ctx, v)).suppressed,
  computedAt: async (v, _args, ctx) => (await computedValue(ctx, v)).computedAt?.toISOString() ?? null,
  ratio: async (v, _args, ctx) => {
    const [{ actual }, target] = await Promise.all([computedValue(ctx, v), targetValue(ctx, keyOf(v))]);
    return actual === null || !target ? null : actual / target;
  },
};

export const IndicatorDefinition: IndicatorDefinitionResolvers = {
  name: (d, { locale }) => text(d.name, locale),
  definition: (d, { locale }) => text(d.definition, locale),
  owner: (d, { locale }) => text(d.owner, locale),
  planTable: (d) => d.table,
};

export const IndicatorRecord: IndicatorRecordResolvers = {
  person: (r) => ({ id: r.personId }),
  unit: (r, _args, ctx) => unitOf(r.unitCode, ctx),
};

export const PlanImportResult: PlanImportResultResolvers = {
  targetsCreated: (r) => r.created,
  targetsUpdated: (r) => r.updated,
  targetsRemoved: (r) => r.removed,
  targetsUnchanged: (r) => r.unchanged,
  unchanged: (r) => r.nothingChanged,
};

export const PlanImportProblem: PlanImportProblemResolvers = {
  message: (p, { locale }) => text(p.message, locale),
};
