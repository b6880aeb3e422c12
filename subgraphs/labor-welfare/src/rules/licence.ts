import { addDays } from '@rehab/shared-schema';
import type { FacilityKind } from '../entities/Facility';
import type { FacilityLicenceEntity } from '../entities/FacilityLicence';

export type LicenceStatus = 'NOT_REQUIRED' | 'UNLICENSED' | 'IN_FORCE' | 'EXPIRING' | 'EXPIRED' | 'REVOKED';

/** A licence this close to its end is shown as due for renewal. */
export const RENEWAL_WINDOW_DAYS = 90;

type LicenceDates = Pick<FacilityLicenceEntity, 'grantedOn' | 'validUntil' | 'revokedOn'>;

/** The last day a licence allows work: the day before its revocation, or its end. */
export function lastDayInForce(l: LicenceDates): string {
  return l.revokedOn !== null && l.revokedOn <= l.validUntil ? addDays(l.revokedOn, -1) : l.validUntil;
}

export function inForceOn(l: LicenceDates, on: string): boolean {
  return l.grantedOn <= on && on <= lastDayInForce(l);
}

/** One licence's state on `on`. */
export function licenceStatusOn(l: LicenceDates, on: string): LicenceStatus {
  if (l.grantedOn > on) return 'UNLICENSED';
  if (l.revokedOn !== null && l.revokedOn <= on) return 'REVOKED';
  if (l.validUntil < on) return 'EXPIRED';
  return l.validUntil <= addDays(on, RENEWAL_WINDOW_DAYS) ? 'EXPIRING' : 'IN_FORCE';
}

/** A facility's state on `on`: a public one needs no licence; a private one is judged by its latest licence granted by then. */
export function facilityLicenceStatus(kind: FacilityKind, licences: readonly LicenceDates[], on: string): LicenceStatus {
  if (kind !== 'PRIVATE_VOLUNTARY') return 'NOT_REQUIRED';
  const latest = licences.filter((l) => l.grantedOn <= on).sort((a, b) => b.grantedOn.localeCompare(a.grantedOn))[0];
  return latest ? licenceStatusOn(latest, on) : 'UNLICENSED';
}

/** May the facility take a resident on `on`: public, or private with a licence in force that day. */
export function admitsOn(kind: FacilityKind, licences: readonly LicenceDates[], on: string): boolean {
  return kind !== 'PRIVATE_VOLUNTARY' || licences.some((l) => inForceOn(l, on));
}

/** Do two periods of work overlap (a facility holds one licence at a time)? */
export function overlaps(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to;
}
