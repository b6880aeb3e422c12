import { insertRows, type SqlRunner } from '@rehab/server-kit';
import { SeededRandom, type DemoPerson } from '@rehab/shared-schema';

/** Fixed seed of the demo care relations' ids (a stream of its own). */
const CARE_SEED = 4411;
/** The demo has no notice behind its care: one fixed id stands for the seed. */
const SEED_NOTICE_ID = '00000000-0000-4000-8000-00000000ca7e';

const COLUMNS = ['id', 'person_id', 'care_unit_code', 'kind', 'record_id', 'started_on', 'ended_on', 'source_notice_id'];

/**
 * The demo population's care, as if health and labour-welfare had announced it: each ongoing
 * substitution enrolment at its clinic, each facility stay from admission to its end. The
 * sender's record ids are theirs to keep: an end notice closes the open period of the person
 * at the unit, whatever record id the seed gave it.
 */
export async function seedCareRelations(runner: SqlRunner, population: readonly DemoPerson[]): Promise<void> {
  const rng = new SeededRandom(CARE_SEED);
  const rows: unknown[][] = [];
  for (const p of population) {
    if (p.substitution) {
      const s = p.substitution;
      rows.push([rng.uuid(), p.id, s.clinicCode, 'SUBSTITUTION_TREATMENT', rng.uuid(), s.enrolledOn, null, SEED_NOTICE_ID]);
    }
    if (p.rehab?.facilityCode) {
      const r = p.rehab;
      rows.push([rng.uuid(), p.id, r.facilityCode, 'FACILITY_RESIDENCE', rng.uuid(), r.admittedOn, r.endedOn, SEED_NOTICE_ID]);
    }
  }
  await insertRows(runner, 'care_relation', COLUMNS, rows, 1000);
}
