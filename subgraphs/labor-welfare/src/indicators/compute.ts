import DataLoader from 'dataloader';
import { coarsensFor, isSmallCell, mayReadIndicators, runMeasureBranches, smallCellThreshold } from '@rehab/server-kit';
import {
  decodeIndicatorValueId,
  TARGET_ONLY_INDICATORS,
  type IndicatorMeasurementRecord,
  type IndicatorValueKey,
} from '@rehab/shared-schema';
import type { Context } from '../context';
import { LABOR_WELFARE_MEASURES } from './measures';
import type { IndicatorValueParent } from './views';

/** The computed numbers of one IndicatorValue. */
export interface ComputedValue {
  numerator: number | null;
  denominator: number | null;
  actual: number | null;
  /** A small cell withheld from the caller (analysts): the numbers above are then null. */
  suppressed: boolean;
}

const NONE: ComputedValue = { numerator: null, denominator: null, actual: null, suppressed: false };
const SUPPRESSED: ComputedValue = { numerator: null, denominator: null, actual: null, suppressed: true };

/** Analysts see a count (or a share's numerator or denominator) of 1 to threshold − 1 people as suppressed. */
function suppressSmallCells(ctx: Context, value: ComputedValue): ComputedValue {
  if (!coarsensFor(ctx.caller)) return value;
  const threshold = smallCellThreshold();
  return isSmallCell(value.numerator, threshold) || isSmallCell(value.denominator, threshold) ? SUPPRESSED : value;
}

function finish(measure: 'COUNT' | 'SHARE', numerator: number | null, denominator: number | null): ComputedValue {
  if (numerator === null) return NONE;
  if (measure === 'COUNT') return { numerator, denominator: null, actual: numerator, suppressed: false };
  return { numerator, denominator, actual: denominator ? numerator / denominator : null, suppressed: false };
}

/** People police count that health or the mass organisations also counted, and the rest (to check for rehab here). */
function splitPoliceKeys(v: IndicatorValueParent): { covered: number; rest: string[]; total: number } {
  const police = v.policeMeasure?.personKeys ?? [];
  const treated = new Set([...(v.healthMeasure?.personKeys ?? []), ...(v.volunteersMeasure?.personKeys ?? [])]);
  const rest = police.filter((k) => !treated.has(k));
  return { covered: police.length - rest.length, rest, total: v.policeMeasure?.denominator ?? police.length };
}

function combine(key: IndicatorValueKey, v: IndicatorValueParent, own: IndicatorMeasurementRecord | undefined): ComputedValue {
  const { code, measure, measuredBy } = key.indicator;
  if (TARGET_ONLY_INDICATORS.has(code)) return NONE;
  if (code === 'RECORDS_IN_TREATMENT_SHARE') {
    if (!v.policeMeasure) return NONE;
    const { covered, total } = splitPoliceKeys(v);
    return finish('SHARE', covered + (own?.numerator ?? 0), total);
  }
  const from =
    measuredBy === 'labor-welfare'
      ? own
      : measuredBy === 'health'
        ? v.healthMeasure
        : measuredBy === 'police'
          ? v.policeMeasure
          : v.volunteersMeasure;
  return from ? finish(measure, from.numerator, from.denominator) : NONE;
}

/**
 * The request's loader of computed values: one SQL statement for labour-welfare's own
 * measures of the whole list, combined with the measures the other subgraphs sent.
 */
export function valueLoader(ctx: Context): DataLoader<IndicatorValueParent, ComputedValue, string> {
  return new DataLoader(
    async (values) => {
      const keys = values.map((v) => decodeIndicatorValueId(v.id));
      const present = values
        .map((v, i) => ({ v, k: keys[i] ?? null }))
        .filter(
          (x): x is { v: IndicatorValueParent; k: IndicatorValueKey } =>
            x.k !== null && mayReadIndicators(ctx.caller, x.k.unit.path),
        );
      const pairs = present.flatMap(({ v }, i) => splitPoliceKeys(v).rest.map((person) => [i, person] as const));
      const own = await runMeasureBranches(
        ctx.db,
        LABOR_WELFARE_MEASURES,
        present.map((x) => x.k),
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      const byId = new Map(present.map(({ v, k }, i) => [v.id, suppressSmallCells(ctx, combine(k, v, own.get(i)))]));
      return values.map((v) => byId.get(v.id) ?? NONE);
    },
    { cacheKeyFn: (v) => v.id, maxBatchSize: 1000 },
  );
}

const loaders = new WeakMap<Context, DataLoader<IndicatorValueParent, ComputedValue, string>>();

/** The computed value of an IndicatorValue (batched per request). */
export function computedValue(ctx: Context, value: IndicatorValueParent): Promise<ComputedValue> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = valueLoader(ctx);
    loaders.set(ctx, loader);
  }
  return loader.load(value);
}
