import { CARE_SUBSTITUTION, openTestDatabase, parseNotice, undoMigrationsAfter, type TestDatabase } from '@rehab/server-kit';
import { createHealthDataSource } from '../server';

/** AnnounceCareRelations: a database that already holds enrolments tells police each clinic's patients. */
let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase('health', createHealthDataSource);
});

afterAll(async () => {
  await database.close();
});

const ACTIVE = '00000000-0000-4000-8000-00000000d001';
const STOPPED = '00000000-0000-4000-8000-00000000d002';
const PERSON = '00000000-0000-4000-8000-0000000000b1';
const OTHER = '00000000-0000-4000-8000-0000000000b2';

describe('AnnounceCareRelations migration', () => {
  it('announces each enrolment at its clinic, to the day it stopped, and goes down again', async () => {
    const owner = await database.owner();
    await undoMigrationsAfter(owner, 'AnnounceCareRelations1796214000100');
    await owner.undoLastMigration({ transaction: 'each' });
    await owner.query(
      `INSERT INTO clinic (code, name, owner_unit_path) VALUES ('MMT001', 'Cơ sở điều trị Methadone Ba Đình', '01.MMT001'),
      ('MMT002', 'Cơ sở điều trị Methadone Hoàn Kiếm', '01.MMT002') ON CONFLICT DO NOTHING`,
    );
    const enrol = (id: string, person: string, clinic: string, status: string, stoppedOn: string | null) =>
      owner.query(
        `INSERT INTO substitution_treatment (id, person_id, clinic_code, status, phase, enrolled_on, medication, owner_unit_path,
        residence_unit_path, stopped_on)
        VALUES ($1, $2, $3, $4, $5, '2025-02-01', 'METHADONE', $6, '01.00004', $7)`,
        [id, person, clinic, status, status === 'ACTIVE' ? 'MAINTENANCE' : 'STOPPED', `01.${clinic}`, stoppedOn],
      );
    await enrol(ACTIVE, PERSON, 'MMT001', 'ACTIVE', null);
    await enrol(STOPPED, OTHER, 'MMT002', 'STOPPED', '2025-08-31');

    await owner.runMigrations({ transaction: 'each' });
    const notices = await owner.query<{ source: string; destination: string; payload: unknown }[]>(
      'SELECT source, destination, payload FROM outbox_notice WHERE topic = $1',
      [CARE_SUBSTITUTION.topic],
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ source: 'health', destination: 'police' });
    expect(parseNotice(CARE_SUBSTITUTION, notices[0]?.payload).periods).toEqual([
      { personId: PERSON, recordId: ACTIVE, careUnitCode: 'MMT001', startedOn: '2025-02-01', endedOn: null },
      { personId: OTHER, recordId: STOPPED, careUnitCode: 'MMT002', startedOn: '2025-02-01', endedOn: '2025-08-31' },
    ]);

    await undoMigrationsAfter(owner, 'AnnounceCareRelations1796214000100');
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await owner.query('SELECT id FROM outbox_notice WHERE topic = $1', [CARE_SUBSTITUTION.topic])).toEqual([]);
    await owner.runMigrations({ transaction: 'each' });
  });
});
