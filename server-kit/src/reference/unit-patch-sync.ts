import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  applyUnitPatches,
  loadBaseUnitTree,
  readUnitPatches,
  UNITS_DATA_DIR,
  type AdministrativeUnitRecord,
  type UnitPatch,
  type UnitPatchChange,
  type UnitVersionRef,
} from '@rehab/shared-schema';
import { insertJsonRows, type SqlRunner } from './bulk';
import { insertUnits, LINEAGE_COLUMNS } from './adopt-real-units';

/** The log of unit patches (data/units/patches/*.json) applied to a database. */
export class CreateUnitPatchLog1764700000200 implements MigrationInterface {
  name = 'CreateUnitPatchLog1764700000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE unit_patch (name varchar(120) PRIMARY KEY, source text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE unit_patch');
  }
}

type Tree = ReturnType<typeof applyUnitPatches>;

function version(tree: Tree, ref: UnitVersionRef): AdministrativeUnitRecord {
  const unit = tree.units.find((u) => u.code === ref.code && u.validFrom === ref.validFrom);
  if (!unit) throw new Error(`No unit ${ref.code} valid from ${ref.validFrom}`);
  return unit;
}

async function applyChange(sql: SqlRunner, tree: Tree, change: UnitPatchChange): Promise<void> {
  switch (change.op) {
    case 'add':
      await insertUnits(sql, [version(tree, change.unit)]);
      return;
    case 'end':
      await sql.query('UPDATE administrative_unit SET valid_to = $3 WHERE code = $1 AND valid_from = $2', [
        change.unit.code,
        change.unit.validFrom,
        change.validTo,
      ]);
      return;
    case 'rename': {
      const unit = version(tree, change.unit);
      await sql.query('UPDATE administrative_unit SET name = $3, name_en = $4 WHERE code = $1 AND valid_from = $2', [
        unit.code,
        unit.validFrom,
        unit.name,
        unit.nameEn,
      ]);
      return;
    }
    case 'link': {
      const successor = version(tree, change.successor);
      const predecessor = version(tree, change.predecessor);
      await insertJsonRows(
        sql,
        'unit_lineage',
        [
          {
            successor_code: successor.code,
            successor_valid_from: successor.validFrom,
            successor_path: successor.path,
            predecessor_code: predecessor.code,
            predecessor_valid_from: predecessor.validFrom,
            predecessor_path: predecessor.path,
            whole: change.whole,
            method: 'PATCH',
          },
        ],
        LINEAGE_COLUMNS,
      );
    }
  }
}

/**
 * Applies the unit patches this database has not seen, in name order, each in its own
 * transaction with its log row: a later decree is a data file, applied at the next
 * migration run of every database (and by `units()` to the in-memory tree). Returns the
 * names applied. Databases without the unit tables are left alone.
 */
export async function applyPendingUnitPatches(
  db: DataSource,
  patches: readonly UnitPatch[] = readUnitPatches(UNITS_DATA_DIR),
): Promise<string[]> {
  if (patches.length === 0) return [];
  const [{ present }] = await db.query<[{ present: boolean }]>(`SELECT to_regclass('unit_patch') IS NOT NULL AS present`);
  if (!present) return [];
  const done = new Set((await db.query<{ name: string }[]>('SELECT name FROM unit_patch')).map((r) => r.name));
  const base = loadBaseUnitTree();
  const applied: string[] = [];
  for (const [i, patch] of patches.entries()) {
    if (done.has(patch.name)) continue;
    const tree = applyUnitPatches(base, patches.slice(0, i + 1));
    await db.transaction(async (manager) => {
      for (const change of patch.changes) await applyChange(manager, tree, change);
      await manager.query('INSERT INTO unit_patch (name, source) VALUES ($1, $2)', [patch.name, patch.source]);
    });
    applied.push(patch.name);
  }
  return applied;
}
