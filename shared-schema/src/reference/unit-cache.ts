import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdministrativeUnitRecord, LineageMethod, UnitLineageLink, UnresolvedPredecessor } from './unit-types';

/**
 * Resolving the published predecessor lists takes a few hundred milliseconds; every
 * process (and every test file) needs the tree. The built tree is kept in a cache file
 * named by a hash of the data files and of the code that builds it, so a change to
 * either builds it anew.
 */
export interface BuiltTree {
  units: AdministrativeUnitRecord[];
  lineage: UnitLineageLink[];
  unresolved: UnresolvedPredecessor[];
}

interface Serialized {
  units: AdministrativeUnitRecord[];
  lineage: [number, number, boolean, LineageMethod][];
  unresolved: UnresolvedPredecessor[];
}

/** The published lists (patches are applied after the cache, so they are not part of its key). */
function dataFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.csv'))
    .map((e) => join(dir, e.name))
    .sort();
}

function cacheKey(dataDir: string, builderFiles: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...dataFiles(dataDir), ...builderFiles])
    hash.update(file.slice(file.lastIndexOf('/'))).update(readFileSync(file));
  return hash.digest('hex').slice(0, 32);
}

function serialize(tree: BuiltTree): Serialized {
  const index = new Map(tree.units.map((u, i) => [u, i]));
  return {
    units: tree.units,
    lineage: tree.lineage.map((l) => [index.get(l.successor) as number, index.get(l.predecessor) as number, l.whole, l.method]),
    unresolved: tree.unresolved,
  };
}

function deserialize(s: Serialized): BuiltTree {
  return {
    units: s.units,
    lineage: s.lineage.map(([succ, pred, whole, method]) => ({
      successor: s.units[succ] as AdministrativeUnitRecord,
      predecessor: s.units[pred] as AdministrativeUnitRecord,
      whole,
      method,
    })),
    unresolved: s.unresolved,
  };
}

/** The tree from the cache, or built by `build` and cached (written atomically: parallel processes may race). */
export function cachedTree(dataDir: string, builderFiles: readonly string[], build: () => BuiltTree): BuiltTree {
  const dir = process.env.REHAB_CACHE_DIR ?? join(tmpdir(), 'rehab-units-cache');
  const file = join(dir, `${cacheKey(dataDir, builderFiles)}.json`);
  if (existsSync(file)) {
    try {
      return deserialize(JSON.parse(readFileSync(file, 'utf8')) as Serialized);
    } catch {
      // A damaged cache file is rebuilt below.
    }
  }
  const tree = build();
  try {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(serialize(tree)));
    renameSync(temp, file);
  } catch {
    // An unwritable cache only costs time.
  }
  return tree;
}
