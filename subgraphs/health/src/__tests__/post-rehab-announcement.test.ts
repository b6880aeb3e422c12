import {
  SUBSTITUTION_ENDED,
  SUBSTITUTION_STARTED,
  openTestDatabase,
  parseNotice,
  undoMigrationsAfter,
  type TestDatabase,
} from '@rehab/server-kit';
import { addDays, todayInHanoi } from '@rehab/shared-schema';
import { createHealthDataSource } from '../server';

/** AnnounceSubstitutionForPostRehab: treatments of before the change get their post-rehab decisions due. */
let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase('health', createHealthDataSource);
});

afterAll(async () => {
  await database.close();
});

const MIGRATION = 'AnnounceSubstitutionForPostRehab1796500001200';
const TODAY = todayInHanoi();
const id = (n: number) => `00000000-0000-4000-8000-00000000e0${String(n).padStart(2, '0')}`;
const person = (n: number) => `00000000-0000-4000-8000-0000000000c${n}`;

describe('AnnounceSubstitutionForPostRehab migration', () => {
  it('tells labour-welfare of treatments under way and of those stopped within the post-rehab period, once, not police', async () => {
    const owner = await database.owner();
    await undoMigrationsAfter(owner, MIGRATION);
    await owner.undoLastMigration({ transaction: 'each' });
    await owner.query(
      `INSERT INTO clinic (code, name, owner_unit_path) VALUES ('MMT001', 'Cơ sở điều trị Methadone Ba Đình', '01.MMT001')
      ON CONFLICT DO NOTHING`,
    );
    const enrol = (n: number, stoppedOn: string | null, reason: string | null) =>
      owner.query(
        `INSERT INTO substitution_treatment (id, person_id, clinic_code, status, phase, enrolled_on, medication, owner_unit_path,
        residence_unit_path, stopped_on, termination_reason)
        VALUES ($1, $2, 'MMT001', $3, $4, '2024-02-01', 'METHADONE', '01.MMT001', '01.00004', $5, $6)`,
        [id(n), person(n), stoppedOn ? 'STOPPED' : 'ACTIVE', stoppedOn ? 'STOPPED' : 'MAINTENANCE', stoppedOn, reason],
      );
    await enrol(1, null, null);
    await enrol(2, addDays(TODAY, -40), 'VOLUNTARY');
    await enrol(3, addDays(TODAY, -300), null);
    // Stopped more than the twelve months of post-rehab management ago: its period would have ended.
    await enrol(4, addDays(TODAY, -400), 'FORCED_PROTOCOL_VIOLATIONS');

    await owner.runMigrations({ transaction: 'each' });
    const rows = async (topic: string) =>
      owner.query<{ destination: string; payload: unknown }[]>(
        `SELECT destination, payload FROM outbox_notice WHERE topic = $1 AND payload->>'treatmentId' LIKE '%e0__' ORDER BY payload->>'treatmentId'`,
        [topic],
      );
    const started = await rows(SUBSTITUTION_STARTED.topic);
    expect(started.map((r) => [r.destination, parseNotice(SUBSTITUTION_STARTED, r.payload)])).toEqual([
      ['labor-welfare', { personId: person(1), treatmentId: id(1), enrolledOn: '2024-02-01' }],
    ]);
    const ended = await rows(SUBSTITUTION_ENDED.topic);
    expect(ended.map((r) => [r.destination, parseNotice(SUBSTITUTION_ENDED, r.payload)])).toEqual([
      ['labor-welfare', { personId: person(2), treatmentId: id(2), stoppedOn: addDays(TODAY, -40), reason: 'VOLUNTARY' }],
      ['labor-welfare', { personId: person(3), treatmentId: id(3), stoppedOn: addDays(TODAY, -300), reason: 'COMPLETED' }],
    ]);

    await undoMigrationsAfter(owner, MIGRATION);
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await rows(SUBSTITUTION_STARTED.topic)).toEqual([]);
    expect(await rows(SUBSTITUTION_ENDED.topic)).toEqual([]);
    await owner.runMigrations({ transaction: 'each' });
  });
});
