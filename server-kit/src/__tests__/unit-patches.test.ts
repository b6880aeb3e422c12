import { loadUnitDirectory, UNITS_DATA_DIR, type UnitPatch } from '@rehab/shared-schema';
import type { DataSource } from 'typeorm';
import { applyPendingUnitPatches } from '../reference/unit-patch-sync';
import { createSubgraphDataSource } from '../subgraph-database';
import { openTestDatabase, type TestDatabase } from '../testing';

/** A later decree as test input: Phường Ngọc Hà ends and a new ward takes it over whole. */
const PATCH: UnitPatch = {
  name: '0001-test-decree',
  source: 'Nghị quyết thử nghiệm (dữ liệu kiểm thử)',
  changes: [
    { op: 'end', unit: { code: '00008', validFrom: '2025-07-01' }, validTo: '2026-12-31' },
    {
      op: 'add',
      unit: {
        code: '99990',
        name: 'Phường Thử Nghiệm',
        nameEn: 'Thu Nghiem Ward',
        level: 'COMMUNE',
        kind: 'WARD',
        parentCode: '01',
        validFrom: '2027-01-01',
      },
    },
    { op: 'rename', unit: { code: '00004', validFrom: '2025-07-01' }, name: 'Phường Ba Đình (đổi tên thử)' },
    {
      op: 'link',
      successor: { code: '99990', validFrom: '2027-01-01' },
      predecessor: { code: '00008', validFrom: '2025-07-01' },
      whole: true,
    },
  ],
};

describe('unit patches: a later decree is data applied at migration time', () => {
  let database: TestDatabase;
  let owner: DataSource;

  beforeAll(async () => {
    database = await openTestDatabase('police', (env) =>
      createSubgraphDataSource('police', { entities: [], migrations: [] }, env),
    );
    owner = await database.owner();
  });
  afterAll(async () => database.close());

  const unitRow = async (code: string) =>
    owner.query<{ code: string; name: string; path: string; validFrom: string; validTo: string | null }[]>(
      'SELECT code, name, path, valid_from::text AS "validFrom", valid_to::text AS "validTo" FROM administrative_unit WHERE code = $1 ORDER BY valid_from',
      [code],
    );

  it('writes what the in-memory tree says, once, and logs the patch', async () => {
    expect(await applyPendingUnitPatches(owner, [PATCH])).toEqual(['0001-test-decree']);
    const memory = loadUnitDirectory(UNITS_DATA_DIR, [PATCH]);
    const added = memory.at('99990', '2027-01-01');
    expect(added?.path).toBe('01.99990');
    expect(await unitRow('99990')).toEqual([
      { code: '99990', name: 'Phường Thử Nghiệm', path: '01.99990', validFrom: '2027-01-01', validTo: null },
    ]);
    // The same code named Phường Liễu Giai before the reform; only the ward of today ends.
    expect(await unitRow('00008')).toEqual([
      expect.objectContaining({ name: 'Phường Liễu Giai', validFrom: '2008-08-01', validTo: '2025-06-30' }),
      expect.objectContaining({ name: 'Phường Ngọc Hà', validFrom: '2025-07-01', validTo: '2026-12-31' }),
    ]);
    expect((await unitRow('00004')).find((u: { validFrom: string }) => u.validFrom === '2025-07-01')).toMatchObject({
      name: 'Phường Ba Đình (đổi tên thử)',
    });
    expect(await owner.query(`SELECT predecessor_path, whole, method FROM unit_lineage WHERE successor_code = '99990'`)).toEqual([
      { predecessor_path: '01.00008', whole: true, method: 'PATCH' },
    ]);
    expect(memory.predecessors(added!).map((l) => [l.predecessor.code, l.whole])).toEqual([['00008', true]]);
    expect(await owner.query('SELECT name, source FROM unit_patch')).toEqual([{ name: PATCH.name, source: PATCH.source }]);
  });

  it('changes nothing the second time', async () => {
    const before = await owner.query('SELECT count(*)::int AS n FROM administrative_unit');
    expect(await applyPendingUnitPatches(owner, [PATCH])).toEqual([]);
    expect(await owner.query('SELECT count(*)::int AS n FROM administrative_unit')).toEqual(before);
    expect(await owner.query(`SELECT count(*)::int AS n FROM unit_lineage WHERE successor_code = '99990'`)).toEqual([{ n: 1 }]);
  });

  it('refuses a patch naming a unit version that does not exist, and writes nothing of it', async () => {
    const bad: UnitPatch = {
      name: '0002-bad',
      source: 'x',
      changes: [
        {
          op: 'add',
          unit: { code: '99991', name: 'X', level: 'COMMUNE', kind: 'WARD', parentCode: '01', validFrom: '2027-01-01' },
        },
        { op: 'end', unit: { code: '77777', validFrom: '2025-07-01' }, validTo: '2027-01-01' },
      ],
    };
    await expect(applyPendingUnitPatches(owner, [PATCH, bad])).rejects.toThrow(/77777/);
    expect(await unitRow('99991')).toEqual([]);
    expect(await owner.query(`SELECT count(*)::int AS n FROM unit_patch WHERE name = '0002-bad'`)).toEqual([{ n: 0 }]);
  });
});
