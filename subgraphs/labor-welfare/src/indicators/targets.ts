import DataLoader from 'dataloader';
import type { IndicatorValueKey } from '@rehab/shared-schema';
import type { Context } from '../context';

/**
 * Targets of IndicatorValues, one statement per list: the unit's own target when the
 * plan sets one (e.g. the published total row at the province), otherwise the sum of the
 * topmost targets in its subtree (a district's own target stands for its communes'); null
 * when there is none.
 */
function targetLoader(ctx: Context): DataLoader<IndicatorValueKey, number | null, string> {
  return new DataLoader(
    async (keys) => {
      const rows = await ctx.db.query<{ i: number; target: number | null }[]>(
        `SELECT r.i, coalesce(max(t.target_value) FILTER (WHERE t.unit_path = r.path), sum(t.target_value))::float8 AS target
      FROM unnest($1::int[], $2::uuid[], $3::text[], $4::text[]) AS r(i, plan_id, code, path)
      LEFT JOIN plan_target t ON t.plan_id = r.plan_id AND t.indicator_code = r.code AND (t.unit_path = r.path OR t.unit_path LIKE r.path || '.%')
        AND NOT EXISTS (SELECT 1 FROM plan_target a WHERE a.plan_id = t.plan_id AND a.indicator_code = t.indicator_code
          AND t.unit_path LIKE a.unit_path || '.%' AND a.unit_path LIKE r.path || '.%')
      GROUP BY r.i`,
        [keys.map((_k, i) => i), keys.map((k) => k.planId), keys.map((k) => k.indicator.code), keys.map((k) => k.unit.path)],
      );
      const byIndex = new Map(rows.map((r) => [r.i, r.target]));
      return keys.map((_k, i) => byIndex.get(i) ?? null);
    },
    { cacheKeyFn: (k) => `${k.planId}|${k.indicator.code}|${k.unit.path}`, maxBatchSize: 1000 },
  );
}

const loaders = new WeakMap<Context, DataLoader<IndicatorValueKey, number | null, string>>();

export function targetOf(ctx: Context, key: IndicatorValueKey): Promise<number | null> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = targetLoader(ctx);
    loaders.set(ctx, loader);
  }
  return loader.load(key);
}
