import DataLoader from 'dataloader';
import {
  coarsensFor,
  isSmallCell,
  keptMeasures,
  mayReadIndicators,
  runMeasureBranches,
  smallCellThreshold,
} from '@rehab/server-kit';
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
  /** When the numbers were computed: the oldest of the parts (null without numbers). */
  computedAt: Date | null;
}

const NONE: ComputedValue = { numerator: null, denominator: null, actual: null, suppressed: false, computedAt: null };

/** Analysts see a count (or a share's numerator or denominator) of 1 to threshold − 1 people as suppressed. */
function suppressSmallCells(ctx: Context, key: IndicatorValueKey, value: ComputedValue): ComputedValue {
  if (!coarsensFor(ctx.caller) || !key.indicator.aboutPeople) return value;
  const threshold = smallCellThreshold();
  const small = isSmallCell(value.numerator, threshold) || isSmallCell(value.denominator, threshold);
  return small ? { ...NONE, suppressed: true, computedAt: value.computedAt } : value;
}

/** The oldest of the parts' times (a part without one counts as computed now). */
function oldest(parts: readonly (IndicatorMeasurementRecord | null | undefined)[]): Date {
  const times = parts.map((p) => (p?.computedAt ? new Date(p.computedAt).getTime() : Date.now()));
  return new Date(Math.min(...times));
}

function finish(
  measure: 'COUNT' | 'SHARE',
  numerator: number | null,
  denominator: number | null,
  computedAt: Date,
): ComputedValue {
  if (numerator === null) return NONE;
  if (measure === 'COUNT') return { numerator, denominator: null, actual: numerator, suppressed: false, computedAt };
  return { numerator, denominator, actual: denominator ? numerator / denominator : null, suppressed: false, computedAt };
}

/** The cross-agency indicators labour-welfare completes from the people the other subgraphs sent. */
const CROSS_AGENCY: Readonly<Record<string, readonly ('policeMeasure' | 'healthMeasure' | 'volunteersMeasure')[]>> = {
  RECORDS_IN_TREATMENT_SHARE: ['policeMeasure', 'healthMeasure', 'volunteersMeasure'],
  TREATED_TOTAL: ['healthMeasure'],
  USERS_REACHED_BY_PREVENTION_SHARE: ['policeMeasure', 'volunteersMeasure'],
};

/**
 * The people the other subgraphs sent for a value, as bit flags per person key: police's
 * managed people have management records (COUNTED); health's patients have them and are
 * treated; the mass organisations' counselled people are treated (TREATED; they count only
 * when a record elsewhere puts them in the denominator).
 */
const COUNTED = 1;
const TREATED = 2;

function sentPersons(v: IndicatorValueParent): Map<string, number> {
  const out = new Map<string, number>();
  const add = (keys: string | null | undefined, flags: number) => {
    if (keys) for (const k of keys.split(',')) out.set(k, (out.get(k) ?? 0) | flags);
  };
  add(v.policeMeasure?.personKeys, COUNTED);
  add(v.healthMeasure?.personKeys, COUNTED | TREATED);
  add(v.volunteersMeasure?.personKeys, TREATED);
  return out;
}

/** The sent people of every cross-agency value, as the four comma-separated columns of the SQL's `sent` rows. */
function sentColumns(present: readonly { v: IndicatorValueParent; k: IndicatorValueKey }[]): string[] {
  const index: number[] = [];
  const person: string[] = [];
  const counted: boolean[] = [];
  const treated: boolean[] = [];
  present.forEach(({ v, k }, i) => {
    if (!CROSS_AGENCY[k.indicator.code]) return;
    for (const [key, flags] of sentPersons(v)) {
      index.push(i);
      person.push(key);
      counted.push((flags & COUNTED) !== 0);
      treated.push((flags & TREATED) !== 0);
    }
  });
  return [index.join(','), person.join(','), counted.join(','), treated.join(',')];
}

/**
 * What a cross-agency value's kept measure is keyed by besides its unit and period: when
 * each agency computed the people it sent, and how many (each agency keeps its measure
 * until its records change, so the same times mean the same people); '' for other values.
 */
function sentVariant(x: { v: IndicatorValueParent; k: IndicatorValueKey } | undefined): string {
  const parts = x ? CROSS_AGENCY[x.k.indicator.code] : undefined;
  if (!x || !parts) return '';
  return parts
    .map((part) => {
      const m = x.v[part];
      return m
        ? `${part}@${m.computedAt ? new Date(m.computedAt).toISOString() : 'now:' + String(Date.now())}#${m.personKeys?.length ?? 0}`
        : `${part}:none`;
    })
    .join(',');
}

function combine(key: IndicatorValueKey, v: IndicatorValueParent, own: IndicatorMeasurementRecord | undefined): ComputedValue {
  const { code, measure, measuredBy } = key.indicator;
  if (TARGET_ONLY_INDICATORS.has(code)) return NONE;
  const parts = CROSS_AGENCY[code];
  if (parts) {
    // A part missing (its subgraph unavailable) would undercount: no number rather than a wrong one.
    if (parts.some((part) => !v[part]) || !own) return NONE;
    return finish(measure, own.numerator, own.denominator, oldest([own, ...parts.map((part) => v[part])]));
  }
  const from =
    measuredBy === 'labor-welfare'
      ? own
      : measuredBy === 'health'
        ? v.healthMeasure
        : measuredBy === 'police'
          ? v.policeMeasure
          : v.volunteersMeasure;
  return from ? finish(measure, from.numerator, from.denominator, oldest([from])) : NONE;
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
      // Labour-welfare's own measures are kept like every agency's; a cross-agency share's also by the people sent.
      const mine = present.filter((x) => LABOR_WELFARE_MEASURES[x.k.indicator.code] !== undefined);
      const kept = await keptMeasures(
        ctx.db,
        mine.map((x) => x.k),
        (missing) => {
          const asked = new Set(missing);
          const subset = mine.filter((x) => asked.has(x.k));
          return runMeasureBranches(ctx.db, LABOR_WELFARE_MEASURES, missing, sentColumns(subset));
        },
        (i) => sentVariant(mine[i]),
      );
      const ownAt = new Map(mine.map((x, j) => [x.v.id, kept.get(j)]));
      const byId = new Map(present.map(({ v, k }) => [v.id, suppressSmallCells(ctx, k, combine(k, v, ownAt.get(v.id)))]));
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
