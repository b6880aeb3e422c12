import type { AdministrativeUnitRecord } from '@rehab/shared-schema';
import type { PlanMeasureRecord } from './definition';
import { loadMeasures } from './definition';

interface Queryable {
  query<T>(sql: string, params?: unknown[]): Promise<T>;
}

/** A target-only measure's target for one unit of a plan: there is no actual (nothing in the system counts it). */
export interface MeasureTargetView {
  measure: PlanMeasureRecord;
  unit: AdministrativeUnitRecord;
  target: number | null;
}

/**
 * The targets of a plan's target-only measures for a unit, as for indicators: the unit's own
 * target when the plan sets one, otherwise the sum of the topmost targets in its subtree; a
 * SHARE measure's percentage read as a share (45.1 → 0.451). Measures the plan sets no target
 * for anywhere are left out; those it sets elsewhere only answer null.
 */
export async function measureTargets(
  db: Queryable,
  planId: string,
  unit: AdministrativeUnitRecord,
): Promise<MeasureTargetView[]> {
  const rows = await db.query<{ code: string; target: number | null }[]>(
    `SELECT m.code, coalesce(max(t.target_value) FILTER (WHERE t.unit_path = $2), sum(t.target_value))::float8 AS target
    FROM plan_measure m
    JOIN (SELECT DISTINCT indicator_code FROM plan_target WHERE plan_id = $1) used ON used.indicator_code = m.code
    LEFT JOIN plan_target t ON t.plan_id = $1 AND t.indicator_code = m.code AND (t.unit_path = $2 OR t.unit_path LIKE $2 || '.%')
      AND NOT EXISTS (SELECT 1 FROM plan_target a WHERE a.plan_id = t.plan_id AND a.indicator_code = t.indicator_code
        AND t.unit_path LIKE a.unit_path || '.%' AND (a.unit_path = $2 OR a.unit_path LIKE $2 || '.%'))
    GROUP BY m.code ORDER BY m.code`,
    [planId, unit.path],
  );
  const measures = await loadMeasures(
    db,
    rows.map((r) => r.code),
  );
  return rows.flatMap((r) => {
    const measure = measures.get(r.code);
    if (!measure) return [];
    const target = r.target === null || measure.measure === 'COUNT' ? r.target : r.target / 100;
    return [{ measure, unit, target }];
  });
}
