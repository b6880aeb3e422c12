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

/** A person another subgraph sent for a cross-agency value: with management records there, treated there. */
interface SentPerson {
  counted: boolean;
  treated: boolean;
}

/** The cross-agency indicators labour-welfare completes from the people the other subgraphs sent. */
const CROSS_AGENCY: Readonly<Record<string, readonly ('policeMeasure' | 'healthMeasure' | 'volunteersMeasure')[]>> = {
  RECORDS_IN_TREATMENT_SHARE: ['policeMeasure', 'healthMeasure', 'volunteersMeasure'],
  TREATED_TOTAL: ['healthMeasure'],
};

/**
 * The people the other subgraphs sent for a value: police's managed people have management
 * records; health's patients have them and are treated; the mass organisations' counselled
 * people are treated (they count only when a record elsewhere puts them in the denominator).
 */
function sentPersons(v: IndicatorValueParent): Map<string, SentPerson> {
  const out = new Map<string, SentPerson>();
  const add = (keys: string[] | null | undefined, counted: boolean, treated: boolean) => {
    for (const k of keys ?? []) {
      const was = out.get(k) ?? { counted: false, treated: false };
      out.set(k, { counted: was.counted || counted, treated: was.treated || treated });
    }
  };
  add(v.policeMeasure?.personKeys, true, false);
  add(v.healthMeasure?.personKeys, true, true);
  add(v.volunteersMeasure?.personKeys, false, true);
  return out;
}

function combine(key: IndicatorValueKey, v: IndicatorValueParent, own: IndicatorMeasurementRecord | undefined): ComputedValue {
  const { code, measure, measuredBy } = key.indicator;
  if (TARGET_ONLY_INDICATORS.has(code)) return NONE;
  const parts = CROSS_AGENCY[code];
  if (parts) {
    // A part missing (its subgraph unavailable) would undercount: no number rather than a wrong one.
    if (parts.some((part) => !v[part]) || !own) return NONE;
    return finish(measure, own.numerator, own.denominator);
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
      const sent = present.flatMap(({ v, k }, i) =>
        CROSS_AGENCY[k.indicator.code] ? [...sentPersons(v)].map(([person, s]) => ({ i, person, ...s })) : [],
      );
      const own = await runMeasureBranches(
        ctx.db,
        LABOR_WELFARE_MEASURES,
        present.map((x) => x.k),
        [sent.map((p) => p.i), sent.map((p) => p.person), sent.map((p) => p.counted), sent.map((p) => p.treated)],
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
