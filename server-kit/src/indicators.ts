import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import {
  decodeIndicatorValueId,
  isWithin,
  PROVINCE_WIDE_INDICATOR_ROLES,
  type Caller,
  type IndicatorMeasurementRecord,
  type IndicatorValueKey,
} from '@rehab/shared-schema';
import { seesPseudonyms } from './access/pseudonym';
import { keptMeasures, type TimedMeasure } from './measure-cache';
import { isInUnitScope, ownedRoots } from './access/scope';

/**
 * Indicator measures. labor-welfare's IndicatorValue @requires a
 * `<agency>Measure` field from each measuring subgraph; the gateway asks each subgraph
 * once per list with every IndicatorValue id. These helpers give a subgraph that field
 * from SQL branches, one statement per batch whatever the list size.
 */

/**
 * One SQL branch per indicator code. It reads the request rows `req r` (columns i, code,
 * path, d_from, d_to: the unit's path and the period's first and last day) and selects
 * `r.i, numerator, denominator, person_keys` (integers or NULL, text[] or NULL), with
 * `WHERE r.code = '<CODE>'` and `GROUP BY r.i`. `WITHIN(column[, personColumn])` is replaced by
 * the scope test of that path column against the unit's subtrees. A unit has one request row
 * per root (see REQUEST_ROWS): a record matches at most one row of its unit per WITHIN, so a
 * branch that ORs two WITHINs counts DISTINCT ids. `extra` parameters are $7, $8…; `i` is the
 * index of the key in `keys`.
 */
export type MeasureBranches = Readonly<Record<string, string>>;

/** May the caller read indicators of the unit at `path`? Analysts and supervisors read every unit, others their subtree. */
export function mayReadIndicators(caller: Pick<Caller, 'role' | 'unitPath' | 'grants'>, path: string): boolean {
  return (PROVINCE_WIDE_INDICATOR_ROLES as readonly string[]).includes(caller.role) || isInUnitScope(path, caller);
}

const inRoots = (column: string, roots: string) =>
  `EXISTS (SELECT 1 FROM unnest(${roots}) AS root WHERE ${column} = root OR ${column} LIKE root || '.%')`;
const WITHIN_CALL = /WITHIN\(([^,)]+)(?:,\s*([^)]+))?\)/g;

/**
 * Expands WITHIN(column) in `sql` for one unit: records owned in its subtrees (`roots`, an
 * SQL text[]: the unit and its whole predecessors across a reform, see ownedRoots);
 * WITHIN(column, personColumn) also those of a split predecessor whose person was assigned
 * to a unit there.
 */
export const expandWithin = (sql: string, roots: string): string =>
  sql.replace(WITHIN_CALL, (_m, column: string, person: string | undefined) =>
    person
      ? // The uncorrelated IN is hashed once per statement: only records of a split commune probe their person's assignment.
        `(${inRoots(column, roots)} OR (${column} IN (SELECT split.from_unit_path FROM person_unit_assignment split)
      AND EXISTS (SELECT 1 FROM person_unit_assignment pua WHERE pua.person_id = ${person}
      AND pua.from_unit_path = ${column} AND ${inRoots('pua.to_unit_path', roots)})))`
      : inRoots(column, roots),
  );

/** `column` lies at or below `root`: a range the path index answers, then the exact test. */
const belowRoot = (column: string) => `${column} ~>=~ r.root AND ${column} ~<~ (r.root || '/')
  AND (${column} = r.root OR ${column} LIKE r.root || '.%')`;

/**
 * Expands WITHIN for the request rows of runMeasureBranches, one row per unit and root (`r.root`):
 * a root is one of the unit's subtrees (`split` false) or a split pre-reform commune with a person
 * assigned into the unit (`split` true), whose records count only for those persons.
 */
const expandWithinRows = (sql: string): string =>
  sql.replace(WITHIN_CALL, (_m, column: string, person: string | undefined) =>
    person
      ? `(${belowRoot(column)} AND (NOT r.split OR EXISTS (SELECT 1 FROM person_unit_assignment pua
      WHERE pua.person_id = ${person} AND pua.from_unit_path = ${column} AND ${inRoots('pua.to_unit_path', 'r.roots')})))`
      : `(NOT r.split AND ${belowRoot(column)})`,
  );

/** The unit's roots without repeats or roots inside another (so a record matches one root row at most). */
function disjointRoots(path: string): string[] {
  const roots = [...new Set(ownedRoots(path))].sort();
  return roots.filter((root) => !roots.some((other) => other !== root && isWithin(root, other)));
}

/**
 * The request rows: each key once per root, plus each split pre-reform commune outside the
 * roots with a person assigned into them. Branches join records to rows by root, which the
 * path indexes answer, rather than testing every record against every unit's roots. The
 * moves are materialised: a few hundred distinct pairs, rather than every assignment joined
 * to every request row before DISTINCT (0.4 s of police's city breakdown at 100,000 persons).
 */
const REQUEST_ROWS = `WITH req0 AS (SELECT q.*, string_to_array(q.roots_text, ',') AS roots
      FROM unnest($1::int[], $2::text[], $3::text[], $4::date[], $5::date[], $6::text[]) AS q(i, code, path, d_from, d_to, roots_text)),
    moves AS MATERIALIZED (SELECT DISTINCT from_unit_path, to_unit_path FROM person_unit_assignment),
    req AS (SELECT q.*, root, false AS split FROM req0 q CROSS JOIN LATERAL unnest(q.roots) AS root
      UNION ALL
      SELECT DISTINCT ON (q.i, m.from_unit_path) q.*, m.from_unit_path AS root, true AS split
      FROM req0 q CROSS JOIN LATERAL unnest(q.roots) AS into_root
        JOIN moves m ON m.to_unit_path = into_root OR m.to_unit_path LIKE into_root || '.%'
      WHERE NOT ${inRoots('m.from_unit_path', 'q.roots')})`;

/**
 * A person's key as it travels between subgraphs: the 16 bytes of the person's id in
 * unpadded base64url (22 characters where the id's text has 36). The city's cross-agency
 * shares send the keys of a hundred thousand people or more on every request, and each byte
 * is serialised, signed, parsed and checked on the way.
 */
export const personKeyOf = (uuidExpression: string): string =>
  `translate(encode(uuid_send(${uuidExpression}), 'base64'), '+/=', '-_')`;

/** The person id (uuid) of a key written by personKeyOf. */
export const personIdOfKey = (keyExpression: string): string =>
  `encode(decode(translate(${keyExpression}, '-_', '+/') || '==', 'base64'), 'hex')::uuid`;

interface MeasureRow {
  i: number;
  numerator: number | null;
  denominator: number | null;
  person_keys: string | null;
}

/** Runs the branches of the requested codes as one UNION ALL statement. */
export async function runMeasureBranches(
  db: DataSource,
  branches: MeasureBranches,
  keys: readonly IndicatorValueKey[],
  extra: readonly unknown[] = [],
): Promise<Map<number, IndicatorMeasurementRecord>> {
  const wanted = keys.map((k, i) => ({ k, i })).filter(({ k }) => branches[k.indicator.code] !== undefined);
  const codes = [...new Set(wanted.map(({ k }) => k.indicator.code))];
  const out = new Map<number, IndicatorMeasurementRecord>();
  if (codes.length === 0) return out;
  // Person keys come back as one comma-separated text of compact keys, and travel on as it:
  // parsing or serialising a list of tens of thousands of elements costs the driver, the
  // gateway and labour-welfare far more than one text.
  const sql = `${REQUEST_ROWS}
    SELECT u.i, u.numerator, u.denominator,
      CASE WHEN u.person_keys IS NOT NULL THEN coalesce((SELECT string_agg(${personKeyOf('k::uuid')}, ',')
        FROM unnest(u.person_keys) AS k), '') END AS person_keys FROM (
    ${codes.map((c) => `(${expandWithinRows(branches[c] as string)})`).join('\nUNION ALL\n')}) AS u`;
  // Extra parameters ($7…) only when a chosen branch uses them (PostgreSQL refuses untyped unused ones).
  const params = [
    wanted.map(({ i }) => i),
    wanted.map(({ k }) => k.indicator.code),
    wanted.map(({ k }) => k.unit.path),
    wanted.map(({ k }) => k.period.from),
    wanted.map(({ k }) => k.period.to),
    wanted.map(({ k }) => disjointRoots(k.unit.path).join(',')),
    ...(sql.includes('$7') ? extra : []),
  ];
  const rows = await db.query<MeasureRow[]>(sql, params);
  for (const row of rows) out.set(row.i, { numerator: row.numerator, denominator: row.denominator, personKeys: row.person_keys });
  return out;
}

interface MeasureContext {
  db: DataSource;
  caller: Caller;
}

const loaders = new WeakMap<object, DataLoader<string, TimedMeasure | null>>();

/** The request's loader of measures by IndicatorValue id (kept per context object, so never shared across requests). */
function measureLoader(ctx: MeasureContext, branches: MeasureBranches): DataLoader<string, TimedMeasure | null> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (ids) => {
        const keys = ids.map((id) => decodeIndicatorValueId(id));
        const readable = keys.map((k) =>
          k && branches[k.indicator.code] !== undefined && mayReadIndicators(ctx.caller, k.unit.path) ? k : null,
        );
        const present = readable.map((k, i) => ({ k, i })).filter((x): x is { k: IndicatorValueKey; i: number } => x.k !== null);
        const measured = await keptMeasures(
          ctx.db,
          present.map((x) => x.k),
          (missing) => runMeasureBranches(ctx.db, branches, missing),
        );
        const byIndex = new Map(present.map((x, j) => [x.i, measured.get(j) ?? null]));
        return ids.map((_id, i) => byIndex.get(i) ?? null);
      },
      { maxBatchSize: 1000 },
    );
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
 * Small-cell suppression: an analyst reading a count of 1 to threshold − 1 people
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
