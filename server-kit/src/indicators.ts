import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import {
  decodeIndicatorValueId, PROVINCE_WIDE_INDICATOR_ROLES, type Caller, type IndicatorMeasurementRecord, type IndicatorValueKey,
} from '@rehab/shared-schema';
import { seesPseudonyms } from './access/pseudonym';
import { isInUnitScope, ownedRoots } from './access/scope';

/**
 * Indicator measures (issue 7). labor-welfare's IndicatorValue @requires a
 * `<agency>Measure` field from each measuring subgraph; the gateway asks each subgraph
 * once per list with every IndicatorValue id. These helpers give a subgraph that field
 * from SQL branches, one statement per batch whatever the list size.
 */

/**
 * One SQL branch per indicator code. It reads the request rows `req r` (columns i, code,
 * path, d_from, d_to: the unit's path and the period's first and last day) and selects
 * `r.i, numerator, denominator, person_keys` (integers or NULL, text[] or NULL), with
 * `WHERE r.code = '<CODE>'` and `GROUP BY r.i`. `WITHIN(column)` is replaced by the
 * scope test of that path column against the unit's subtrees. `extra` parameters are $7, $8…; `i`
 * is the index of the key in `keys`.
 */
export type MeasureBranches = Readonly<Record<string, string>>;

/** May the caller read indicators of the unit at `path`? Analysts and supervisors read every unit, others their subtree. */
export function mayReadIndicators(caller: Pick<Caller, 'role' | 'unitPath' | 'grants'>, path: string): boolean {
  return (PROVINCE_WIDE_INDICATOR_ROLES as readonly string[]).includes(caller.role) || isInUnitScope(path, caller);
}

const inRoots = (column: string, roots: string) => `EXISTS (SELECT 1 FROM unnest(${roots}) AS root WHERE ${column} = root OR ${column} LIKE root || '.%')`;

/**
 * Expands WITHIN(column) in `sql`: records owned in the requested unit's subtrees (`roots`,
 * an SQL text[]: the unit and its whole predecessors across a reform, see ownedRoots);
 * WITHIN(column, personColumn) also those of a split predecessor whose person was assigned
 * to a unit there.
 */
export const expandWithin = (sql: string, roots: string): string => sql.replace(/WITHIN\(([^,)]+)(?:,\s*([^)]+))?\)/g,
  (_m, column: string, person: string | undefined) => (person
    ? `(${inRoots(column, roots)} OR EXISTS (SELECT 1 FROM person_unit_assignment pua WHERE pua.person_id = ${person}
      AND pua.from_unit_path = ${column} AND ${inRoots('pua.to_unit_path', roots)}))`
    : inRoots(column, roots)));

interface MeasureRow {
  i: number;
  numerator: number | null;
  denominator: number | null;
  person_keys: string[] | null;
}

/** Runs the branches of the requested codes as one UNION ALL statement. */
export async function runMeasureBranches(db: DataSource, branches: MeasureBranches, keys: readonly IndicatorValueKey[],
  extra: readonly unknown[] = []): Promise<Map<number, IndicatorMeasurementRecord>> {
  const wanted = keys.map((k, i) => ({ k, i })).filter(({ k }) => branches[k.indicator.code] !== undefined);
  const codes = [...new Set(wanted.map(({ k }) => k.indicator.code))];
  const out = new Map<number, IndicatorMeasurementRecord>();
  if (codes.length === 0) return out;
  const sql = `WITH req AS (SELECT r.*, string_to_array(r.roots_text, ',') AS roots
      FROM unnest($1::int[], $2::text[], $3::text[], $4::date[], $5::date[], $6::text[]) AS r(i, code, path, d_from, d_to, roots_text))
    ${codes.map((c) => `(${expandWithin(branches[c] as string, 'r.roots')})`).join('\nUNION ALL\n')}`;
  // Extra parameters ($7…) only when a chosen branch uses them (PostgreSQL refuses untyped unused ones).
  const params = [wanted.map(({ i }) => i), wanted.map(({ k }) => k.indicator.code), wanted.map(({ k }) => k.unit.path),
    wanted.map(({ k }) => k.period.from), wanted.map(({ k }) => k.period.to), wanted.map(({ k }) => ownedRoots(k.unit.path).join(',')),
    ...(sql.includes('$7') ? extra : [])];
  const rows = await db.query(sql, params) as MeasureRow[];
  for (const row of rows) out.set(row.i, { numerator: row.numerator, denominator: row.denominator, personKeys: row.person_keys });
  return out;
}

interface MeasureContext {
  db: DataSource;
  caller: Caller;
}

const loaders = new WeakMap<object, DataLoader<string, IndicatorMeasurementRecord | null>>();

/** The request's loader of measures by IndicatorValue id (kept per context object, so never shared across requests). */
function measureLoader(ctx: MeasureContext, branches: MeasureBranches): DataLoader<string, IndicatorMeasurementRecord | null> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const keys = ids.map((id) => decodeIndicatorValueId(id));
      const readable = keys.map((k) => (k && mayReadIndicators(ctx.caller, k.unit.path) ? k : null));
      const present = readable.map((k, i) => ({ k, i })).filter((x): x is { k: IndicatorValueKey; i: number } => x.k !== null);
      const measured = await runMeasureBranches(ctx.db, branches, present.map((x) => x.k));
      const byIndex = new Map(present.map((x, j) => [x.i, measured.get(j) ?? null]));
      return ids.map((_id, i) => byIndex.get(i) ?? null);
    }, { maxBatchSize: 1000 });
    loaders.set(ctx, loader);
  }
  return loader;
}

/**
 * Resolvers of the IndicatorValue entity in a measuring subgraph: the reference is the
 * id; `field` (e.g. healthMeasure) is this subgraph's count, null for indicators it
 * does not measure or units the caller may not read.
 */
export function indicatorMeasureResolvers(field: string, branches: MeasureBranches) {
  return {
    IndicatorValue: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      [field]: (parent: { id: string }, _args: unknown, ctx: MeasureContext) => measureLoader(ctx, branches).load(parent.id),
    },
  };
}

/**
 * Small-cell suppression (issue 13): an analyst reading a count of 1 to threshold − 1 people
 * could single them out, so such a value is shown as "< threshold" (suppressed: true, the
 * numbers null). Threshold from SMALL_CELL_THRESHOLD (a positive integer; 1 turns suppression
 * off), default 5. A count of 0 names no one and is shown.
 */
export const DEFAULT_SMALL_CELL_THRESHOLD = 5;

export function smallCellThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SMALL_CELL_THRESHOLD ?? DEFAULT_SMALL_CELL_THRESHOLD);
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_SMALL_CELL_THRESHOLD;
}

/** Callers whose indicator values and drill-down rows are coarsened: those who see pseudonymous ids (analysts). */
export const coarsensFor = (caller: Pick<Caller, 'role'>): boolean => seesPseudonyms(caller);

/** Is a count a small cell (1 ≤ n < threshold)? */
export const isSmallCell = (count: number | null, threshold: number = smallCellThreshold()): boolean =>
  count !== null && count > 0 && count < threshold;
