import { CARE_FACILITY, openTestDatabase, parseNotice, undoMigrationsAfter, type TestDatabase } from '@rehab/server-kit';
import { createLaborWelfareDataSource } from '../server';

/**
 * AnnounceCareRelations: a database that already holds episodes at facilities tells police who
 * each facility's residents were and are, rebuilding each stay from the admission and the
 * episode's TRANSFER events.
 */
let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase('labor-welfare', createLaborWelfareDataSource);
});

afterAll(async () => {
  await database.close();
});

const PERSON = '00000000-0000-4000-8000-0000000000c1';
const OTHER = '00000000-0000-4000-8000-0000000000c2';
const MOVED = '00000000-0000-4000-8000-00000000e001';
const COMPLETED = '00000000-0000-4000-8000-00000000e002';
const COMMUNITY = '00000000-0000-4000-8000-00000000e003';

describe('AnnounceCareRelations migration', () => {
  it("announces each facility stay once, a transfer splitting the episode's stays, and goes down again", async () => {
    const owner = await database.owner();
    await undoMigrationsAfter(owner, 'AnnounceCareRelations1796214000200');
    await owner.undoLastMigration({ transaction: 'each' });
    const episode = (id: string, person: string, kind: string, status: string, facility: string | null, endedOn: string | null) =>
      owner.query(
        `INSERT INTO rehab_episode (id, person_id, kind, status, facility_code, residence_unit_code, facility_owner_path,
        residence_owner_path, admitted_on, planned_end_on, ended_on, certificate_number)
        VALUES ($1, $2, $3, $4, $5, '00101', $6, '01.001.00101', '2024-11-01', '2026-11-01', $7, $8)`,
        [
          id,
          person,
          kind,
          status,
          facility,
          facility ? `01.${facility}` : null,
          endedOn,
          status === 'COMPLETED' ? '1/GCN' : null,
        ],
      );
    // The facilities of the published list (the seed, not run here, registers them).
    await owner.query(
      `INSERT INTO facility (code, name, kind, capacity, staff_count)
      SELECT code, name, 'PUBLIC_COMPULSORY_AND_VOLUNTARY', 500, 50 FROM administrative_unit
      WHERE code IN ('CSCN1', 'CSCN2', 'CSCN3') AND level = 'FACILITY' ON CONFLICT (code) DO NOTHING`,
    );
    // Admitted at CSCN1 (before 1 March 2025), moved to CSCN2 on 10 April 2025, still there.
    await episode(MOVED, PERSON, 'COMPULSORY', 'ADMITTED', 'CSCN2', null);
    await owner.query(
      `INSERT INTO case_event (entity_type, entity_id, person_id, action, from_status, to_status, occurred_on, details,
      actor_username, actor_role, actor_unit_code)
      VALUES ('EPISODE', $1, $2, 'TRANSFER', 'ADMITTED', 'ADMITTED', '2025-04-10', '{"from": "CSCN1", "to": "CSCN2"}', 'cscn1', 'facility_staff', 'CSCN1')`,
      [MOVED, PERSON],
    );
    await episode(COMPLETED, OTHER, 'VOLUNTARY_FACILITY', 'COMPLETED', 'CSCN3', '2025-06-30');
    // Rehab at home has no facility: nothing to announce.
    await episode(COMMUNITY, '00000000-0000-4000-8000-0000000000c3', 'VOLUNTARY_COMMUNITY', 'ADMITTED', null, null);

    await owner.runMigrations({ transaction: 'each' });
    const notices = await owner.query<{ source: string; destination: string; payload: unknown }[]>(
      `SELECT source, destination, payload FROM outbox_notice WHERE topic = $1`,
      [CARE_FACILITY.topic],
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ source: 'labor-welfare', destination: 'police' });
    // The payload keeps the contract (police parse it so).
    const { periods } = parseNotice(CARE_FACILITY, notices[0]?.payload);
    expect(periods).toEqual([
      { personId: PERSON, recordId: MOVED, careUnitCode: 'CSCN1', startedOn: '2024-11-01', endedOn: '2025-04-09' },
      { personId: PERSON, recordId: MOVED, careUnitCode: 'CSCN2', startedOn: '2025-04-10', endedOn: null },
      { personId: OTHER, recordId: COMPLETED, careUnitCode: 'CSCN3', startedOn: '2024-11-01', endedOn: '2025-06-30' },
    ]);

    await undoMigrationsAfter(owner, 'AnnounceCareRelations1796214000200');
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await owner.query('SELECT id FROM outbox_notice WHERE topic = $1', [CARE_FACILITY.topic])).toEqual([]);
    await owner.runMigrations({ transaction: 'each' });
  });
});
