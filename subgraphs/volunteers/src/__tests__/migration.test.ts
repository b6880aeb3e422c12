import { openTestDatabase, type TestDatabase } from '@rehab/server-kit';
import { createVolunteersDataSource } from '../server';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase('volunteers', createVolunteersDataSource);
});

afterAll(async () => {
  await database.close();
});

async function tables(): Promise<string[]> {
  const rows = await (await database.owner()).query(`SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name IN ('mass_organisation', 'volunteer', 'volunteer_assignment', 'volunteer_training', 'support_activity') ORDER BY table_name`) as { table_name: string }[];
  return rows.map((r) => r.table_name);
}

const ALL = ['mass_organisation', 'support_activity', 'volunteer', 'volunteer_assignment', 'volunteer_training'];

describe('CreateVolunteers and CreateSupport migrations', () => {
  it('go down and up again cleanly', async () => {
    expect(await tables()).toEqual(ALL);
    // Schema changes run as the database's owner; the application's role may not make them.
    const owner = await database.owner();
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['mass_organisation', 'volunteer', 'volunteer_assignment']);
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    await owner.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(ALL);
  });
});
