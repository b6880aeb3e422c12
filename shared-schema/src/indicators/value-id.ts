import { PERIOD_KINDS, periodOf, periodProblem, unitForPeriod, type PeriodKind, type PeriodRecord } from './period';
import { indicatorByCode, type IndicatorDefinitionRecord } from './catalogue';
import type { AdministrativeUnitRecord } from '../reference/units';

/**
 * The key of an IndicatorValue entity: plan, indicator, unit and period, as an opaque id.
 * labor-welfare makes it; each measuring subgraph reads it back in `_entities` to know
 * what to count. Not personal data.
 */
export interface IndicatorValueKey {
  planId: string;
  indicator: IndicatorDefinitionRecord;
  unit: AdministrativeUnitRecord;
  period: PeriodRecord;
}

export function encodeIndicatorValueId(key: IndicatorValueKey): string {
  const { planId, indicator, unit, period } = key;
  return Buffer.from(
    JSON.stringify([planId, indicator.code, unit.code, period.kind, period.year, period.number]),
    'utf8',
  ).toString('base64url');
}

function parts(id: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.length === 6 ? value : null;
  } catch {
    return null;
  }
}

/** The key behind an id, or null when the id is not one this system made. */
export function decodeIndicatorValueId(id: string): IndicatorValueKey | null {
  const p = parts(id);
  if (!p) return null;
  const [planId, code, unitCode, kind, year, number] = p;
  if (typeof planId !== 'string' || typeof code !== 'string' || typeof unitCode !== 'string') return null;
  if (!PERIOD_KINDS.includes(kind as PeriodKind) || typeof year !== 'number' || (number !== null && typeof number !== 'number'))
    return null;
  const indicator = indicatorByCode(code);
  const input = { kind: kind as PeriodKind, year, number };
  if (!indicator || periodProblem(input)) return null;
  const period = periodOf(input);
  const unit = unitForPeriod(unitCode, period);
  if (!unit) return null;
  return { planId, indicator, unit, period };
}
