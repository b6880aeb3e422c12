import {
  STEP_LABEL,
  formatDateVi,
  responsibleFor,
  todayInHanoi,
  units,
  type Caller,
  type ResponsibilityRecord,
  type ResponsibilityStep,
  type UnitLevel,
} from '@rehab/shared-schema';
import type { GraphQLError } from 'graphql';
import { domainError } from '../errors';

/** The level of the caller's unit (a province, a commune, a facility, a court…). */
export function callerUnitLevel(caller: Pick<Caller, 'unitPath'>): UnitLevel | undefined {
  return units().byUnitPath(caller.unitPath)?.level;
}

function notResponsible(step: ResponsibilityStep, on: string, rows: readonly ResponsibilityRecord[]): GraphQLError {
  const label = STEP_LABEL[step];
  if (rows.length === 0) {
    return domainError('FORBIDDEN', {
      vi: `Ngày ${formatDateVi(on)} không có quy định về việc ${label.vi}`,
      en: `On ${on} the law provides for no one to ${label.en}`,
    });
  }
  return domainError('FORBIDDEN', {
    vi: `Ngày ${formatDateVi(on)}, việc ${label.vi} do ${rows.map((r) => r.actor.vi).join(' hoặc ')} thực hiện (${rows[0]?.legalBasis ?? ''})`,
    en: `On ${on}, to ${label.en} is for ${rows.map((r) => r.actor.en).join(' or ')} (${rows[0]?.legalBasis ?? ''})`,
  });
}

/**
 * Does the arrangement in force on `on` let the caller act at `step` (their role at their
 * unit's level)? A unit of today also records its predecessors' past steps (a new ward enters
 * an old paper decision); a unit that ended acts only on dates before its end.
 */
export function isResponsible(
  caller: Pick<Caller, 'role' | 'unitPath'>,
  step: ResponsibilityStep,
  on: string = todayInHanoi(),
): boolean {
  const unit = units().byUnitPath(caller.unitPath, on);
  if (!unit || (unit.validTo !== null && unit.validTo < on) || unit.validFrom > todayInHanoi()) return false;
  return responsibleFor(step, on).some((r) => r.role === caller.role && r.unitLevel === unit.level);
}

/**
 * Checks that the caller may act at `step` on `on` (the step's own date): the arrangement in
 * force that day names their role at their unit's level, and their unit existed that day (an
 * account of a district that ended can record the district's past, not today's work).
 * Otherwise a typed FORBIDDEN saying who acted at that step on that date.
 */
export function requireResponsible(
  caller: Pick<Caller, 'role' | 'unitPath'>,
  step: ResponsibilityStep,
  on: string = todayInHanoi(),
): void {
  if (!isResponsible(caller, step, on)) throw notResponsible(step, on, responsibleFor(step, on));
}
