import { isWithin, unitAt, unitByCode, units, type DemoPerson } from '@rehab/shared-schema';

/**
 * Demo units that tests of every subgraph share.
 * Phường Ba Đình (today): the demo ward, with the demo accounts. It took in the old wards Trúc Bạch and Quán Thánh whole.
 */
export const COMMUNE = '00004';
/** Phường Ngọc Hà, its neighbour in Hà Nội, which took in neither. */
export const NEIGHBOUR_COMMUNE = '00008';
/** Phường Lào Cai, in another province ('15'). */
export const OTHER_PROVINCE_COMMUNE = '02647';
export const LAO_CAI = '15';

/** The path of today's version of a unit (the latest one for a unit that ended). */
export function pathOf(code: string): string {
  const unit = unitByCode(code);
  if (!unit) throw new Error(`Unknown unit ${code}`);
  return unit.path;
}

/** Does the demo person live in Hà Nội (nine in ten do; the rest in Lào Cai)? */
export const inHanoi = (p: DemoPerson): boolean => p.home.unitPath.startsWith('01.');

/** Does the unit at `unitPath` own records made at `recordPath`: in its subtree, or in one of a predecessor it took in whole? */
export const owns = (unitPath: string, recordPath: string): boolean =>
  units()
    .scopeRoots(unitPath)
    .some((root) => isWithin(recordPath, root));

/** Was the pre-reform unit at `path` split between several new ones (its records then follow person by person)? */
export const wasSplit = (path: string): boolean => units().isSplit(path);

/**
 * A pre-reform commune split between `code` (today) and another new commune: its records
 * belong to `code` only for the persons assigned to it. Returns its path and the other heir.
 */
export function splitPredecessor(code: string): { path: string; otherHeir: string } {
  const today = unitAt(code);
  if (!today) throw new Error(`Unknown unit ${code}`);
  for (const link of units().predecessors(today)) {
    if (link.whole || link.predecessor.level !== 'COMMUNE') continue;
    const other = units()
      .successors(link.predecessor)
      .find((l) => l.successor.code !== code && l.successor.level === 'COMMUNE');
    if (other) return { path: link.predecessor.path, otherHeir: other.successor.code };
  }
  throw new Error(`${code} took in no split commune`);
}

/** A pre-reform commune that `code` (today) took in whole. */
export function wholePredecessor(code: string): string {
  const today = unitAt(code);
  const link = today
    ? units()
        .predecessors(today)
        .find((l) => l.whole && l.predecessor.level === 'COMMUNE')
    : undefined;
  if (!link) throw new Error(`${code} took in no whole commune`);
  return link.predecessor.path;
}

/** A commune of the province `provinceCode` as it was before the 2025 reform (the code names the old province). */
export function oldCommuneOfProvince(provinceCode: string): string {
  const commune = units().units.find((u) => u.level === 'COMMUNE' && u.validTo !== null && u.path.startsWith(`${provinceCode}.`));
  if (!commune) throw new Error(`No pre-reform commune in ${provinceCode}`);
  return commune.path;
}

/** Today's communes of a province, in code order. */
export const communesOf = (provinceCode: string) => units().childrenOf(provinceCode, undefined, ['COMMUNE']);
