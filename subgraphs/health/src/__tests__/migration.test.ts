import { randomUUID } from 'node:crypto';
import { openTestDatabase, undoMigrationsAfter, type TestDatabase } from '@rehab/server-kit';
import { units } from '@rehab/shared-schema';
import { createHealthDataSource } from '../server';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase('health', createHealthDataSource);
});

afterAll(async () => {
  await database.close();
});

describe('CreateDispensingPoints migration', () => {
  it('turns the free-text points of earlier doses into points of their clinic, and goes down again', async () => {
    const owner = await database.owner();
    // The later common migrations (AdoptRealUnits: back to the generated units of the first release), then CreateDispensingPoints.
    await undoMigrationsAfter(owner, 'CreateDispensingPoints1763800003300');
    await owner.undoLastMigration({ transaction: 'each' });
    const treatment = randomUUID();
    await owner.query(`INSERT INTO clinic (code, name, owner_unit_path) VALUES ('MMT001', 'Cơ sở MMT Ba Đình', '01.001.MMT001')`);
    await owner.query(
      `INSERT INTO substitution_treatment (id, person_id, clinic_code, status, phase, enrolled_on, medication, owner_unit_path, residence_unit_path)
      VALUES ($1, $2, 'MMT001', 'ACTIVE', 'MAINTENANCE', '2026-01-01', 'METHADONE', '01.001.MMT001', '01.001.00101')`,
      [treatment, randomUUID()],
    );
    const points = ['Quầy cấp phát tại cơ sở', 'Quầy số 2', ' Quầy số 2 ', 'Trạm y tế phường Phúc Xá'];
    for (const [i, point] of points.entries()) {
      await owner.query(
        `INSERT INTO dose (id, person_id, treatment_id, dose_date, mg, kind, dispensing_point, recorded_by, clinic_code, owner_unit_path)
        SELECT $1, person_id, id, $2, 60, 'WITNESSED', $3, 'bacsi', 'MMT001', owner_unit_path FROM substitution_treatment WHERE id = $4`,
        [randomUUID(), `2026-01-0${i + 2}`, point, treatment],
      );
    }

    await owner.runMigrations({ transaction: 'each' });
    // The clinic moved under the province with the real units; the generated commune became a real one of Quận Ba Đình.
    expect(await owner.query('SELECT owner_unit_path FROM clinic')).toEqual([{ owner_unit_path: '01.MMT001' }]);
    const [{ residence_unit_path: residence }] = await owner.query<[{ residence_unit_path: string }]>(
      'SELECT residence_unit_path FROM substitution_treatment',
    );
    expect(units().byUnitPath(residence)).toMatchObject({ level: 'COMMUNE', parentCode: '001' });
    expect(await owner.query('SELECT code, name FROM dispensing_point ORDER BY code')).toEqual([
      { code: 'MMT001-01', name: 'Quầy cấp phát tại cơ sở' },
      { code: 'MMT001-02', name: 'Quầy số 2' },
      { code: 'MMT001-03', name: 'Trạm y tế phường Phúc Xá' },
    ]);
    expect(
      await owner.query('SELECT dose_date::text AS day, dispensing_point_code AS code FROM dose ORDER BY dose_date'),
    ).toEqual([
      { day: '2026-01-02', code: 'MMT001-01' },
      { day: '2026-01-03', code: 'MMT001-02' },
      { day: '2026-01-04', code: 'MMT001-02' },
      { day: '2026-01-05', code: 'MMT001-03' },
    ]);

    await undoMigrationsAfter(owner, 'CreateDispensingPoints1763800003300');
    await owner.undoLastMigration({ transaction: 'each' });
    const back = await owner.query<{ dispensing_point: string }[]>('SELECT dispensing_point FROM dose ORDER BY dose_date');
    expect(back.map((r) => r.dispensing_point)).toEqual([
      'Quầy cấp phát tại cơ sở',
      'Quầy số 2',
      'Quầy số 2',
      'Trạm y tế phường Phúc Xá',
    ]);
    await owner.runMigrations({ transaction: 'each' });
  });
});

describe('CreateTreatmentPhaseHistory migration', () => {
  it('backfills each enrolment from its current phase with the start date as best known', async () => {
    const owner = await database.owner();
    await undoMigrationsAfter(owner, 'CreateTreatmentPhaseHistory1764900001000');
    await owner.undoLastMigration({ transaction: 'each' });
    await owner.query(
      `INSERT INTO clinic (code, name, owner_unit_path) VALUES ('MMT001', 'Cơ sở MMT Ba Đình', '01.MMT001') ON CONFLICT DO NOTHING`,
    );
    const [inInduction, auditedMaintenance, stopped, unknownMaintenance] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    const patient = randomUUID();
    const enrolments: [string, string, string, string | null, string][] = [
      [inInduction, 'INDUCTION', '2026-02-01', null, randomUUID()],
      [auditedMaintenance, 'MAINTENANCE', '2025-12-10', null, patient],
      [stopped, 'STOPPED', '2025-01-01', '2025-06-01', randomUUID()],
      [unknownMaintenance, 'MAINTENANCE', '2025-11-01', null, randomUUID()],
    ];
    for (const [id, phase, enrolledOn, stoppedOn, person] of enrolments) {
      await owner.query(
        `INSERT INTO substitution_treatment (id, person_id, clinic_code, status, phase, enrolled_on, medication, owner_unit_path,
        residence_unit_path, stopped_on) VALUES ($1, $2, 'MMT001', $3, $4, $5, 'METHADONE', '01.MMT001', '01.001.00001', $6)`,
        [id, person, stoppedOn ? 'STOPPED' : 'ACTIVE', phase, enrolledOn, stoppedOn],
      );
    }
    // The audited phase change of the second patient: 8 February 2026 in Hà Nội (late on the 7th in UTC).
    await owner.query(
      `INSERT INTO audit_log (occurred_at, user_id, username, agency, role, unit_code, action, person_id, entity_type, fields, purpose, request_id)
      VALUES ('2026-02-07T20:00:00Z', 'u', 'yte.hanoi', 'health', 'health_worker', '01', 'CHANGE', $1, 'SubstitutionTreatment',
        '{phase}', 'test', 'r')`,
      [patient],
    );

    await owner.runMigrations({ transaction: 'each' });
    const history = await owner.query<{ treatment_id: string; phase: string; since: string; source: string }[]>(
      `SELECT treatment_id, phase, to_char(since, 'YYYY-MM-DD') AS since, source FROM substitution_treatment_phase
      WHERE treatment_id = ANY ($1::uuid[]) ORDER BY since, id`,
      [[inInduction, auditedMaintenance, stopped, unknownMaintenance]],
    );
    const of = (id: string | undefined) => history.filter((h) => h.treatment_id === id).map((h) => [h.phase, h.since]);
    expect(of(inInduction)).toEqual([['INDUCTION', '2026-02-01']]);
    expect(of(auditedMaintenance)).toEqual([
      ['INDUCTION', '2025-12-10'],
      ['MAINTENANCE', '2026-02-08'],
    ]);
    expect(of(stopped)).toEqual([
      ['INDUCTION', '2025-01-01'],
      ['STOPPED', '2025-06-01'],
    ]);
    // Nothing tells when the fourth reached maintenance: from enrolment, the only date known.
    expect(of(unknownMaintenance)).toEqual([
      ['INDUCTION', '2025-11-01'],
      ['MAINTENANCE', '2025-11-01'],
    ]);
    expect(new Set(history.map((h) => h.source))).toEqual(new Set(['BACKFILL']));
  });
});
