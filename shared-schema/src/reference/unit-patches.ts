import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  unitKey,
  validOn,
  type AdministrativeUnitRecord,
  type UnitKind,
  type UnitLevel,
  type UnitLineageLink,
  type UnresolvedPredecessor,
} from './unit-types';

/**
 * A later decree as data: `data/units/patches/NNNN-<name>.json`, applied in name order on
 * top of the published lists, both to the in-memory tree and (by a migration that names
 * the file) to every database's reference tables.
 */
export interface UnitVersionRef {
  code: string;
  validFrom: string;
}

export type UnitPatchChange =
  | {
      op: 'add';
      unit: {
        code: string;
        name: string;
        nameEn?: string | null;
        level: UnitLevel;
        kind: UnitKind;
        parentCode: string | null;
        validFrom: string;
        validTo?: string | null;
      };
    }
  | { op: 'end'; unit: UnitVersionRef; validTo: string }
  | { op: 'rename'; unit: UnitVersionRef; name: string; nameEn?: string | null }
  | { op: 'link'; successor: UnitVersionRef; predecessor: UnitVersionRef; whole: boolean };

export interface UnitPatch {
  /** The file name without .json, e.g. 0001-nghi-quyet-xyz; the migration that applies it names it. */
  name: string;
  /** The legal act, e.g. "Nghị quyết 1234/NQ-UBTVQH15 (hiệu lực 01/01/2027)". */
  source: string;
  changes: UnitPatchChange[];
}

export const UNIT_PATCHES_FOLDER = 'patches';

export function readUnitPatches(dir: string): UnitPatch[] {
  const folder = join(dir, UNIT_PATCHES_FOLDER);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = JSON.parse(readFileSync(join(folder, f), 'utf8')) as Omit<UnitPatch, 'name'>;
      return { ...parsed, name: f.replace(/\.json$/, '') };
    });
}

interface Tree {
  units: AdministrativeUnitRecord[];
  lineage: UnitLineageLink[];
  unresolved: UnresolvedPredecessor[];
}

function find(units: readonly AdministrativeUnitRecord[], ref: UnitVersionRef, patch: string): AdministrativeUnitRecord {
  const unit = units.find((u) => u.code === ref.code && u.validFrom === ref.validFrom);
  if (!unit) throw new Error(`Unit patch ${patch}: no unit ${ref.code} valid from ${ref.validFrom}`);
  return unit;
}

/** The path of a unit added under `parentCode`, from the parent's version valid when the unit begins. */
export function pathUnder(
  units: readonly AdministrativeUnitRecord[],
  code: string,
  parentCode: string | null,
  validFrom: string,
  patch: string,
): string {
  if (parentCode === null) return code;
  const parent = units.find((u) => u.code === parentCode && validOn(u, validFrom));
  if (!parent) throw new Error(`Unit patch ${patch}: parent ${parentCode} is not valid on ${validFrom}`);
  return `${parent.path}.${code}`;
}

function applyChange(tree: Tree, change: UnitPatchChange, patch: string): void {
  switch (change.op) {
    case 'add': {
      const u = change.unit;
      if (tree.units.some((x) => x.code === u.code && validOn(x, u.validFrom)))
        throw new Error(`Unit patch ${patch}: ${u.code} already valid on ${u.validFrom}`);
      tree.units.push({
        code: u.code,
        name: u.name,
        nameEn: u.nameEn ?? null,
        level: u.level,
        kind: u.kind,
        parentCode: u.parentCode,
        path: pathUnder(tree.units, u.code, u.parentCode, u.validFrom, patch),
        validFrom: u.validFrom,
        validTo: u.validTo ?? null,
      });
      return;
    }
    case 'end': {
      const unit = find(tree.units, change.unit, patch);
      tree.units[tree.units.indexOf(unit)] = { ...unit, validTo: change.validTo };
      return;
    }
    case 'rename': {
      const unit = find(tree.units, change.unit, patch);
      tree.units[tree.units.indexOf(unit)] = { ...unit, name: change.name, nameEn: change.nameEn ?? unit.nameEn };
      return;
    }
    case 'link': {
      tree.lineage.push({
        successor: find(tree.units, change.successor, patch),
        predecessor: find(tree.units, change.predecessor, patch),
        whole: change.whole,
        method: 'PATCH',
      });
    }
  }
}

/** The tree with `patches` applied in order (links re-pointed at the patched versions). */
export function applyUnitPatches(
  base: {
    units: readonly AdministrativeUnitRecord[];
    lineage: readonly UnitLineageLink[];
    unresolved: readonly UnresolvedPredecessor[];
  },
  patches: readonly UnitPatch[],
): Tree {
  const tree: Tree = { units: [...base.units], lineage: [...base.lineage], unresolved: [...base.unresolved] };
  for (const patch of patches) for (const change of patch.changes) applyChange(tree, change, patch.name);
  if (patches.length > 0) {
    const byKey = new Map(tree.units.map((u) => [unitKey(u), u]));
    tree.lineage = tree.lineage.map((l) => ({
      ...l,
      successor: byKey.get(unitKey(l.successor)) ?? l.successor,
      predecessor: byKey.get(unitKey(l.predecessor)) ?? l.predecessor,
    }));
  }
  return tree;
}
