import type { DataSource } from 'typeorm';
import { insertRows } from '@rehab/server-kit';
import { SeededRandom, addDays, unitByCode, unitsOfLevel, type DemoPerson } from '@rehab/shared-schema';

/** Fixed seed of the health slice's own ids, so the same population always gives the same rows. */
export const HEALTH_SEED = 3003;

const CLINIC_COLUMNS = ['code', 'name', 'owner_unit_path'];
const DETERMINATION_COLUMNS = ['id', 'person_id', 'examined_on', 'addicted', 'substance_classes', 'document_number',
  'owner_unit_code', 'owner_unit_path'];
const REQUEST_COLUMNS = ['id', 'person_id', 'requested_at', 'requested_by', 'requested_by_username', 'reason', 'owner_unit_code',
  'owner_unit_path'];
/** Fixed seed of the determination requests' ids (a stream of its own, so the other rows keep theirs). */
export const HEALTH_REQUEST_SEED = 3103;
const TREATMENT_COLUMNS = ['id', 'person_id', 'clinic_code', 'status', 'phase', 'enrolled_on', 'medication',
  'owner_unit_path', 'residence_unit_path'];

function pathOf(code: string): string {
  const unit = unitByCode(code);
  if (!unit) throw new Error(`Unknown unit ${code}`);
  return unit.path;
}

interface HealthRows {
  determinations: unknown[][];
  treatments: unknown[][];
}

function healthRows(population: readonly DemoPerson[]): HealthRows {
  const rng = new SeededRandom(HEALTH_SEED);
  const rows: HealthRows = { determinations: [], treatments: [] };
  for (const p of population) {
    const residence = p.currentResidence.unitCode;
    const residencePath = pathOf(residence);
    const d = p.determination;
    if (d) {
      rows.determinations.push([rng.uuid(), p.id, d.examinedOn, d.addicted, d.substanceClasses, d.documentNumber,
        residence, residencePath]);
    }
    const s = p.substitution;
    if (s) {
      rows.treatments.push([rng.uuid(), p.id, s.clinicCode, 'ACTIVE', s.phase, s.enrolledOn, s.medication,
        pathOf(s.clinicCode), residencePath]);
    }
  }
  return rows;
}

/**
 * Each examined person's request: commune police asked the day after the detection
 * (09:00 local time), for the person's residence commune.
 */
function requestRows(population: readonly DemoPerson[]): unknown[][] {
  const rng = new SeededRandom(HEALTH_REQUEST_SEED);
  return population.filter((p) => p.determination).map((p) => {
    const commune = p.currentResidence.unitCode;
    return [rng.uuid(), p.id, `${addDays(p.detectedOn, 1)}T02:00:00Z`, 'POLICE', `congan.xa${commune}`,
      `Phát hiện sử dụng trái phép chất ma túy ngày ${p.detectedOn}`, commune, pathOf(commune)];
  });
}

/** Is the health database still empty (no clinics, no determinations), so demo data may be seeded? */
export async function isHealthEmpty(db: DataSource): Promise<boolean> {
  const [{ count }] = await db.query(
    'SELECT ((SELECT count(*) FROM clinic) + (SELECT count(*) FROM addiction_determination))::int AS count') as [{ count: number }];
  return count === 0;
}

/** Bulk-inserts the clinics and the health part of the demo population (multi-row INSERTs, one transaction). */
export async function seedHealth(db: DataSource, population: readonly DemoPerson[]): Promise<void> {
  const clinics = unitsOfLevel('CLINIC').map((u) => [u.code, u.name, u.path]);
  const { determinations, treatments } = healthRows(population);
  await db.transaction(async (manager) => {
    await insertRows(manager, 'clinic', CLINIC_COLUMNS, clinics);
    await insertRows(manager, 'addiction_determination', DETERMINATION_COLUMNS, determinations, 1000);
    await insertRows(manager, 'substitution_treatment', TREATMENT_COLUMNS, treatments, 1000);
    await insertRows(manager, 'addiction_determination_request', REQUEST_COLUMNS, requestRows(population), 1000);
  });
}
