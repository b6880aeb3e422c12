import { openTestDatabase, undoMigrationsAfter, type TestDatabase } from '@rehab/server-kit';
import { units } from '@rehab/shared-schema';
import { createVolunteersDataSource } from '../server';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase('volunteers', createVolunteersDataSource);
});

afterAll(async () => {
  await database.close();
});

async function tables(): Promise<string[]> {
  const rows = await (
    await database.owner()
  ).query<{ table_name: string }[]>(`SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name IN ('mass_organisation', 'volunteer', 'volunteer_assignment', 'volunteer_training', 'support_activity', 'organisation_chapter') ORDER BY table_name`);
  return rows.map((r) => r.table_name);
}

const ALL = [
  'mass_organisation',
  'organisation_chapter',
  'support_activity',
  'volunteer',
  'volunteer_assignment',
  'volunteer_training',
];

describe('CreateVolunteers, CreateSupport and CreateOrganisationChapters migrations', () => {
  it('go down and up again cleanly', async () => {
    expect(await tables()).toEqual(ALL);
    // Schema changes run as the database's owner; the application's role may not make them.
    const owner = await database.owner();
    // The common migrations later than this subgraph's first (AdoptRealUnits: back to the generated units of the first release).
    await undoMigrationsAfter(owner, 'CreateOrganisationChapters1763800004200');
    expect(await tables()).toEqual(ALL);
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(ALL.filter((t) => t !== 'organisation_chapter'));
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['mass_organisation', 'volunteer', 'volunteer_assignment']);
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    await owner.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(ALL);
  });

  it('gives volunteers recorded before chapters the chapter of their organisation in their commune', async () => {
    const owner = await database.owner();
    // The later common migrations, then CreateOrganisationChapters: volunteers of a generated commune of the first release.
    await undoMigrationsAfter(owner, 'CreateOrganisationChapters1763800004200');
    await owner.undoLastMigration({ transaction: 'each' });
    await owner.query(`INSERT INTO mass_organisation (code, name, kind, unit_code) VALUES
      ('HLHPN-01', 'Hội Liên hiệp Phụ nữ thành phố Hà Nội', 'WOMENS_UNION', '01'), ('DTN-01', 'Đoàn Thanh niên thành phố Hà Nội', 'YOUTH_UNION', '01')`);
    await owner.query(`INSERT INTO volunteer (id, full_name, phone, organisation_code, unit_code, owner_unit_path) VALUES
      (gen_random_uuid(), 'Nguyễn Thị A', '0912345678', 'HLHPN-01', '00101', '01.001.00101'),
      (gen_random_uuid(), 'Trần Thị B', '0912345679', 'HLHPN-01', '00101', '01.001.00101'),
      (gen_random_uuid(), 'Lê Văn C', '0912345670', 'DTN-01', '00101', '01.001.00101')`);
    await owner.runMigrations({ transaction: 'each' });
    const rows = await owner.query<
      { name: string; members: number }[]
    >(`SELECT c.name, count(v.id)::int AS members FROM organisation_chapter c
      JOIN volunteer v ON v.chapter_id = c.id GROUP BY c.name ORDER BY members DESC`);
    expect(rows.map((r) => r.members)).toEqual([2, 1]);
    expect(rows.map((r) => r.name)).toEqual([
      expect.stringMatching(/^Chi hội Phụ nữ /),
      expect.stringMatching(/^Chi đoàn Thanh niên /),
    ]);
    // Then the real units: the generated commune became a real ward of Quận Ba Đình, for volunteers and chapters alike.
    const paths = await owner.query<{ path: string }[]>(`SELECT DISTINCT owner_unit_path AS path FROM volunteer
      UNION SELECT DISTINCT owner_unit_path FROM organisation_chapter`);
    expect(paths).toHaveLength(1);
    expect(units().byUnitPath(paths[0]?.path ?? '')).toMatchObject({ level: 'COMMUNE', parentCode: '001' });
  });
});
