import type { DataSource } from 'typeorm';
import { openTestDatabase, testCaller, type TestDatabase } from '@rehab/server-kit';
import { addDays, generateDemoPopulation } from '@rehab/shared-schema';
import { createLoaders } from '../context';
import { seedHealth } from '../seed';
import { seedHealthVolume } from '../seed-volume';
import { createHealthDataSource } from '../server';

/** `npm run seed -- --volume`: a year of daily doses for every patient, loaded by COPY. */
const AS_OF = '2026-12-01';
let database: TestDatabase;
let owner: DataSource;
let report: string;
/** Doses the demo population had before the history was added. */
let seeded: number;

beforeAll(async () => {
  database = await openTestDatabase('health', createHealthDataSource);
  await seedHealth(database.db, generateDemoPopulation({ persons: 600 }));
  owner = await database.owner();
  seeded = (await owner.query<{ n: number }[]>('SELECT count(*)::int AS n FROM dose'))[0]?.n ?? 0;
  report = await seedHealthVolume(owner, { asOf: AS_OF });
});

afterAll(async () => {
  await database.close();
});

interface TreatmentDoses {
  enrolledOn: string;
  stoppedOn: string | null;
  first: string;
  last: string;
  doses: number;
}

async function perTreatment(): Promise<TreatmentDoses[]> {
  return await owner.query<TreatmentDoses[]>(
    `SELECT t.enrolled_on::text AS "enrolledOn", t.stopped_on::text AS "stoppedOn",
            min(d.dose_date)::text AS first, max(d.dose_date)::text AS last, count(*)::int AS doses
       FROM substitution_treatment t JOIN dose d ON d.treatment_id = t.id
      GROUP BY t.id`,
  );
}

describe('the dose history a city accumulates', () => {
  it('gives every enrolment its daily doses, within its treatment and the year before the day', async () => {
    const rows = await perTreatment();
    const total = rows.reduce((sum, r) => sum + r.doses, 0);
    expect(report).toMatch(new RegExp(`^${(total - seeded).toLocaleString('en')} doses of ${String(rows.length)} enrolments`));
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      expect(r.first >= r.enrolledOn).toBe(true);
      // Nothing after the day, but an enrolment's own first days (seeded with the population).
      expect(r.last <= AS_OF || r.last <= addDays(r.enrolledOn, 2)).toBe(true);
      if (r.stoppedOn) expect(r.last < r.stoppedOn).toBe(true);
    }
    // A patient in treatment all year has a dose on nearly every day of it.
    const allYear = rows.filter((r) => !r.stoppedOn && r.enrolledOn < addDays(AS_OF, -400) && r.last >= addDays(AS_OF, -2));
    expect(allYear.length).toBeGreaterThan(5);
    for (const r of allYear) expect(r.doses).toBeGreaterThan(365 * 0.9);
  });

  it('leaves some patients absent for days before it, as a clinic sees', async () => {
    const rows = await perTreatment();
    const absent = rows.filter((r) => !r.stoppedOn && r.last <= addDays(AS_OF, -3));
    expect(absent.length).toBeGreaterThan(0);
  });

  it('keeps one dose per enrolment a day, with the indexes built again after the load', async () => {
    const doubled = await owner.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM (SELECT 1 FROM dose GROUP BY treatment_id, dose_date HAVING count(*) > 1) d',
    );
    expect(doubled[0]?.n).toBe(0);
    const names = (
      await owner.query<{ indexname: string }[]>("SELECT indexname FROM pg_indexes WHERE tablename = 'dose' ORDER BY 1")
    ).map((r) => r.indexname);
    expect(names).toEqual(expect.arrayContaining(['dose_dispensing_point', 'dose_one_per_day', 'dose_person', 'dose_pkey']));
  });

  it("shows each patient's latest 90 doses, newest first, from a year of them", async () => {
    const patients = await owner.query<{ person_id: string; n: number }[]>(
      'SELECT person_id, count(*)::int AS n FROM dose GROUP BY person_id ORDER BY n DESC, person_id LIMIT 3',
    );
    const few = await owner.query<{ person_id: string; n: number }[]>(
      'SELECT person_id, count(*)::int AS n FROM dose GROUP BY person_id HAVING count(*) < 90 ORDER BY person_id LIMIT 1',
    );
    const ids = [...patients, ...few].map((p) => p.person_id);
    const loaders = createLoaders(database.db, testCaller('health_worker', '01'));
    const shown = await Promise.all(ids.map((id) => loaders.dosesByPerson.load(id)));
    for (const [i, id] of ids.entries()) {
      const truth = await owner.query<{ dose_date: string }[]>(
        'SELECT dose_date::text AS dose_date FROM dose WHERE person_id = $1 ORDER BY dose_date DESC, id DESC LIMIT 90',
        [id],
      );
      expect(shown[i]?.map((d) => [d.personId, d.date])).toEqual(truth.map((t) => [id, t.dose_date]));
    }
    expect(patients[0]?.n).toBeGreaterThan(300);
    expect(shown[0]).toHaveLength(90);
    // The services' connections never compile plans (JIT) for such reads.
    expect(await database.db.query('SHOW jit')).toEqual([{ jit: 'off' }]);
    // A health worker of another province sees none of them.
    const elsewhere = createLoaders(database.db, testCaller('health_worker', '79'));
    expect(await elsewhere.dosesByPerson.load(ids[0] ?? '')).toEqual([]);
  });
});
