import type { DataSource } from 'typeorm';
import { copyRows, withIndexesBuiltAfter, type VolumeOptions } from '@rehab/server-kit';
import { SeededRandom, addDays, daysBetween } from '@rehab/shared-schema';
import { DOSE_INSERT_COLUMNS } from './mutations/doses';
import { SEEDED_DOSE_DAYS, mainPointOf } from './seed';

/** A year of daily doses before `asOf` for every enrolment of the seeded population. */
const HISTORY_DAYS = 365;
/** Fixed seed of the dose history (a stream of its own, so the seeded rows keep theirs). */
export const HEALTH_VOLUME_SEED = 3403;

interface Enrolment {
  id: string;
  personId: string;
  clinicCode: string;
  enrolledOn: string;
  stoppedOn: string | null;
  ownerUnitPath: string;
}

/** Methadone's induction: from 20 mg, up 5 mg a day, to a maintenance dose of 60–120 mg. */
function dose(day: number, maintenance: number): number {
  return Math.min(maintenance, 20 + 5 * day);
}

/**
 * Each enrolment's witnessed doses from the day after its seeded first days (or a year before
 * `asOf`) to the day before it stopped (or `asOf`). A patient misses about one day in thirty,
 * and one in twenty has stopped coming 3–9 days before `asOf` (the clinics' missed-dose lists).
 */
function* doseHistory(enrolments: readonly Enrolment[], asOf: string): Generator<unknown[]> {
  const rng = new SeededRandom(HEALTH_VOLUME_SEED);
  const yearStart = addDays(asOf, 1 - HISTORY_DAYS);
  for (const e of enrolments) {
    const fromSeeded = addDays(e.enrolledOn, SEEDED_DOSE_DAYS);
    let day = fromSeeded > yearStart ? fromSeeded : yearStart;
    const stopped = e.stoppedOn && e.stoppedOn <= asOf ? addDays(e.stoppedOn, -1) : asOf;
    const last = rng.chance(0.05) ? addDays(asOf, -rng.int(3, 9)) : stopped;
    const until = last < stopped ? last : stopped;
    const maintenance = 10 * rng.int(6, 12);
    const point = mainPointOf(e.clinicCode);
    const recordedBy = `bacsi.${e.clinicCode.toLowerCase()}`;
    for (let n = daysBetween(e.enrolledOn, day); day <= until; day = addDays(day, 1), n += 1) {
      if (rng.chance(1 / 30)) continue;
      yield [
        rng.uuid(),
        e.personId,
        e.id,
        day,
        dose(n, maintenance),
        'WITNESSED',
        point,
        recordedBy,
        e.clinicCode,
        e.ownerUnitPath,
      ];
    }
  }
}

/** Adds a year of daily doses for every patient in treatment, loaded by COPY with the indexes built after. */
export async function seedHealthVolume(db: DataSource, options: VolumeOptions): Promise<string> {
  const enrolments = await db.query<Enrolment[]>(
    `SELECT id, person_id AS "personId", clinic_code AS "clinicCode", enrolled_on::text AS "enrolledOn",
            stopped_on::text AS "stoppedOn", owner_unit_path AS "ownerUnitPath"
       FROM substitution_treatment WHERE enrolled_on <= $1 ORDER BY id`,
    [options.asOf],
  );
  const started = Date.now();
  const loaded = await withIndexesBuiltAfter(db, 'dose', () =>
    copyRows(db, 'dose', DOSE_INSERT_COLUMNS, doseHistory(enrolments, options.asOf)),
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `${loaded.toLocaleString('en')} doses of ${enrolments.length.toLocaleString('en')} enrolments up to ${options.asOf} in ${seconds} s`;
}
