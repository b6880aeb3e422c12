/**
 * Administrative units and the institutions that own records, as one dated tree.
 * The same code can name different territory before and after the 1 July 2025 reform
 * (a new commune usually keeps the code of one of its predecessors), so a unit is a
 * version: a code with the dates it is valid, its parent and its materialised path.
 */
export type UnitLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE' | 'FACILITY' | 'CLINIC' | 'COURT';

export type UnitKind =
  | 'CITY'
  | 'PROVINCE'
  | 'URBAN_DISTRICT'
  | 'RURAL_DISTRICT'
  | 'TOWN'
  | 'PROVINCIAL_CITY'
  | 'WARD'
  | 'COMMUNE'
  | 'TOWNSHIP'
  | 'SPECIAL_ZONE'
  | 'FACILITY'
  | 'CLINIC'
  | 'COURT';

export interface AdministrativeUnitRecord {
  code: string;
  name: string;
  /** English name as published (units after the reform); null where none was published. */
  nameEn: string | null;
  level: UnitLevel;
  kind: UnitKind;
  parentCode: string | null;
  /** Codes from the root joined by dots; unique per version (a district sits between a province and its old communes). */
  path: string;
  validFrom: string;
  validTo: string | null;
}

/** How a predecessor's territory went into a successor. */
export interface UnitLineageLink {
  successor: AdministrativeUnitRecord;
  predecessor: AdministrativeUnitRecord;
  /** True when the whole predecessor went into this successor, false when only a part did. */
  whole: boolean;
  /** Where the link comes from: the resolved Hà Nội map, the published text, a kept unit, a merged province, a patch. */
  method: LineageMethod;
}

export type LineageMethod =
  'HANOI_MAP' | 'PUBLISHED_TEXT' | 'KEPT' | 'PROVINCE_MERGER' | 'DISTRICT_DISSOLVED' | 'SAME_INSTITUTION' | 'PATCH';

/** A piece of a published predecessor list that names no unique pre-reform unit. */
export interface UnresolvedPredecessor {
  successorCode: string;
  text: string;
  /** NO_MATCH: no unit of that name in the predecessor provinces; AMBIGUOUS: several, and nothing told them apart. */
  reason: 'NO_MATCH' | 'AMBIGUOUS';
}

/** The last day of the three-tier tree, and the first of the two-tier one. */
export const OLD_TIER_ENDS = '2025-06-30';
export const REFORM_DATE = '2025-07-01';
/**
 * The list before the reform is a snapshot of 1 March 2025; when each of those units began
 * is not in the data, so they carry this start (Hà Nội's present borders, 1 August 2008).
 * An earlier change is a data patch.
 */
export const UNIT_RECORDS_FLOOR = '2008-08-01';
export const HANOI_CODE = '01';

/** A unit version's identity: its code and the day it became valid. */
export function unitKey(unit: Pick<AdministrativeUnitRecord, 'code' | 'validFrom'>): string {
  return `${unit.code}@${unit.validFrom}`;
}

/** True when `path` is the unit itself or lies beneath it in the tree. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path === ancestorPath || path.startsWith(`${ancestorPath}.`);
}

/** Is the unit valid on `date` (YYYY-MM-DD)? */
export function validOn(unit: Pick<AdministrativeUnitRecord, 'validFrom' | 'validTo'>, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || date <= unit.validTo);
}
