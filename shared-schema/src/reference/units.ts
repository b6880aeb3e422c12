import { join } from 'node:path';
import { todayInHanoi } from '../dates';
import { cachedTree, type BuiltTree } from './unit-cache';
import { resolveReformLineage } from './lineage';
import { applyUnitPatches, readUnitPatches, type UnitPatch } from './unit-patches';
import { buildUnitRecords, readUnitSourceData, UNITS_DATA_DIR } from './unit-data';
import {
  isWithin,
  REFORM_DATE,
  unitKey,
  validOn,
  type AdministrativeUnitRecord,
  type UnitLevel,
  type UnitLineageLink,
  type UnresolvedPredecessor,
} from './unit-types';

export * from './unit-types';
export { UNITS_DATA_DIR } from './unit-data';

/**
 * The dated unit tree with lineage across reforms. Every lookup takes a date (today in
 * Hà Nội when omitted), because a code can name different territory on different dates.
 */
export class UnitDirectory {
  private readonly byCode = new Map<string, AdministrativeUnitRecord[]>();
  private readonly byPath = new Map<string, AdministrativeUnitRecord[]>();
  private readonly children = new Map<string, AdministrativeUnitRecord[]>();
  private readonly toPredecessors = new Map<string, UnitLineageLink[]>();
  private readonly toSuccessors = new Map<string, UnitLineageLink[]>();
  private readonly unresolvedBySuccessor = new Map<string, UnresolvedPredecessor[]>();
  private readonly rootsCache = new Map<string, readonly string[]>();

  constructor(
    readonly units: readonly AdministrativeUnitRecord[],
    readonly lineage: readonly UnitLineageLink[],
    readonly unresolved: readonly UnresolvedPredecessor[],
  ) {
    for (const u of units) {
      push(this.byCode, u.code, u);
      push(this.byPath, u.path, u);
      push(this.children, u.parentCode ?? '', u);
    }
    for (const link of lineage) {
      push(this.toPredecessors, unitKey(link.successor), link);
      push(this.toSuccessors, unitKey(link.predecessor), link);
    }
    for (const u of unresolved) push(this.unresolvedBySuccessor, u.successorCode, u);
  }

  /** The version of `code` valid on `on`. */
  at(code: string, on: string = todayInHanoi()): AdministrativeUnitRecord | undefined {
    return this.byCode.get(code)?.find((u) => validOn(u, on));
  }

  /** Every version of `code`, oldest first. */
  versions(code: string): readonly AdministrativeUnitRecord[] {
    return this.byCode.get(code) ?? [];
  }

  /** The version valid today, else the latest that ended (an account of a unit that no longer exists still reads its past). */
  current(code: string): AdministrativeUnitRecord | undefined {
    const versions = this.versions(code);
    return this.at(code) ?? [...versions].sort((a, b) => (b.validTo ?? '9999').localeCompare(a.validTo ?? '9999'))[0];
  }

  /** The version at `path` valid on `on`, else any version at that path. */
  byUnitPath(path: string, on?: string): AdministrativeUnitRecord | undefined {
    const versions = this.byPath.get(path) ?? [];
    return (
      (on ? versions.find((u) => validOn(u, on)) : undefined) ?? versions.find((u) => validOn(u, todayInHanoi())) ?? versions[0]
    );
  }

  /** Children of a unit valid on `on` (the provinces when parentCode is null), in code order. */
  childrenOf(parentCode: string | null, on: string = todayInHanoi(), levels?: readonly UnitLevel[]): AdministrativeUnitRecord[] {
    return (this.children.get(parentCode ?? '') ?? [])
      .filter((u) => validOn(u, on) && (!levels || levels.includes(u.level)))
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Units of one level valid on `on`, in path order. */
  ofLevel(level: UnitLevel, on: string = todayInHanoi()): AdministrativeUnitRecord[] {
    return this.units.filter((u) => u.level === level && validOn(u, on));
  }

  /** Units of the subtree of `path` (itself excluded) valid on `on`. */
  within(path: string, on: string = todayInHanoi(), levels?: readonly UnitLevel[]): AdministrativeUnitRecord[] {
    return this.units.filter(
      (u) => u.path !== path && isWithin(u.path, path) && validOn(u, on) && (!levels || levels.includes(u.level)),
    );
  }

  predecessors(unit: AdministrativeUnitRecord): readonly UnitLineageLink[] {
    return this.toPredecessors.get(unitKey(unit)) ?? [];
  }

  successors(unit: AdministrativeUnitRecord): readonly UnitLineageLink[] {
    return this.toSuccessors.get(unitKey(unit)) ?? [];
  }

  /** Parts of a published predecessor list that named no unique unit. */
  unresolvedPredecessors(unit: AdministrativeUnitRecord): readonly UnresolvedPredecessor[] {
    return unit.validFrom >= REFORM_DATE ? (this.unresolvedBySuccessor.get(unit.code) ?? []) : [];
  }

  /**
   * The subtrees whose records belong to the unit at `path`: itself and, transitively,
   * every predecessor that came in whole (a new commune inherits its whole predecessors;
   * a merged province the provinces merged into it). A predecessor split between several
   * successors is not inherited: its records are assigned person by person.
   */
  scopeRoots(path: string): readonly string[] {
    const cached = this.rootsCache.get(path);
    if (cached) return cached;
    const roots = new Set<string>([path]);
    const queue = [...(this.byPath.get(path) ?? [])];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const unit = queue.pop() as AdministrativeUnitRecord;
      if (seen.has(unitKey(unit))) continue;
      seen.add(unitKey(unit));
      for (const link of this.predecessors(unit)) {
        if (!link.whole) continue;
        roots.add(link.predecessor.path);
        queue.push(link.predecessor);
      }
    }
    const minimal = [...roots].filter((r) => ![...roots].some((other) => other !== r && isWithin(r, other))).sort();
    this.rootsCache.set(path, minimal);
    return minimal;
  }

  /**
   * Where a record owned by the pre-reform unit at `path` belongs today: the single
   * successor it went into whole, or null when it was split (or has no successor).
   */
  wholeSuccessorOf(path: string): AdministrativeUnitRecord | null {
    const unit = this.byUnitPath(path);
    if (!unit) return null;
    const whole = this.successors(unit).filter((l) => l.whole);
    return whole.length === 1 ? (whole[0] as UnitLineageLink).successor : null;
  }

  /** Today's province of a record owned at `path` (a merged province's records belong to the province it went into). */
  provinceToday(path: string): AdministrativeUnitRecord | undefined {
    const code = path.split('.')[0] ?? '';
    const today = this.at(code);
    if (today) return today;
    const old = this.versions(code).find((u) => u.level === 'PROVINCE');
    return old ? this.successors(old).find((l) => l.whole)?.successor : undefined;
  }

  /** Is the unit at `path` a predecessor split between several successors? */
  isSplit(path: string): boolean {
    const unit = this.byUnitPath(path);
    return unit !== undefined && unit.validTo !== null && this.successors(unit).length > 1;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the directory from a data folder: the published lists, the institutions, then every patch in order. */
/** The tree of the published lists and institutions, before any patch. */
export function buildUnitTree(dir: string = UNITS_DATA_DIR): BuiltTree {
  const data = readUnitSourceData(dir);
  const units = buildUnitRecords(data);
  const { edges, unresolved } = resolveReformLineage(data, units);
  return { units, lineage: edges, unresolved };
}

/** The modules whose code decides the tree: a change to them invalidates the cache. */
const BUILDER_MODULES = ['unit-data', 'lineage', 'unit-types', 'units'];

function builderFiles(): string[] {
  const ext = __filename.endsWith('.ts') ? '.ts' : '.js';
  return BUILDER_MODULES.map((m) => join(__dirname, `${m}${ext}`));
}

/** The base tree (no patches), built once and cached on disk; what the first real-units migration loads. */
export function loadBaseUnitTree(dir: string = UNITS_DATA_DIR): BuiltTree {
  return cachedTree(dir, builderFiles(), () => buildUnitTree(dir));
}

/** The base tree with every patch of `dir` applied, in name order. */
export function loadUnitDirectory(
  dir: string = UNITS_DATA_DIR,
  patches: readonly UnitPatch[] = readUnitPatches(dir),
): UnitDirectory {
  const tree = applyUnitPatches(loadBaseUnitTree(dir), patches);
  return new UnitDirectory(tree.units, tree.lineage, tree.unresolved);
}

let directory: UnitDirectory | undefined;

/** The project's unit tree (data/units and its patches), loaded once per process. */
export function units(): UnitDirectory {
  directory ??= loadUnitDirectory();
  return directory;
}

/** The version of `code` valid today, else its latest version: how an account's or a stored code's unit is shown. */
export function unitByCode(code: string, on?: string): AdministrativeUnitRecord | undefined {
  return on ? units().at(code, on) : units().current(code);
}

/** The version of `code` valid on `on` (today when omitted), or undefined. */
export function unitAt(code: string, on?: string): AdministrativeUnitRecord | undefined {
  return units().at(code, on);
}

/** Units of one level valid on `on` (today when omitted). */
export function unitsOfLevel(level: UnitLevel, on?: string): AdministrativeUnitRecord[] {
  return units().ofLevel(level, on);
}

/** "Quận Cầu Giấy" → "Cầu Giấy": the bare name used in published plan tables. */
export function bareUnitName(name: string): string {
  return name.replace(/^(Quận|Huyện|Thị xã|Thành phố|Phường|Xã|Thị trấn|Đặc khu|Tỉnh) /u, '');
}
