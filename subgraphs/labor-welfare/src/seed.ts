import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { insertRows } from '@rehab/server-kit';
import {
  FACILITY_UNITS, SeededRandom, hanoi2022Targets, unitByCode, type DemoPerson, type TargetRow,
} from '@rehab/shared-schema';
import type { FacilityKind } from './entities/Facility';
import { careStaffFor } from './rules/staffing';

/** Fixed seed for the invented facility figures (capacity, staff). */
const FACILITY_SEED = 1763800002;
const PLAN_YEAR_2022 = 2022;

const FACILITY_COLUMNS = ['code', 'name', 'kind', 'capacity', 'staff_count'];
const EPISODE_COLUMNS = ['id', 'person_id', 'kind', 'status', 'facility_code', 'residence_unit_code', 'facility_owner_path',
  'residence_owner_path', 'admitted_on', 'planned_end_on', 'ended_on'];
const TARGET_COLUMNS = ['plan_year', 'unit_code', 'unit_path', 'indicator_code', 'target_value'];

function pathOf(code: string): string {
  const unit = unitByCode(code);
  if (!unit) throw new Error(`Unknown unit ${code}`);
  return unit.path;
}

/**
 * The id of a person's n-th demo rehab episode: a name-based (SHA-1, version 5 layout)
 * UUID of the person id, so it is the same on every seed.
 */
export function demoEpisodeId(personId: string, ordinal = 0): string {
  const hex = createHash('sha1').update(`rehab-episode:${personId}:${ordinal}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A facility takes compulsory residents when the plan gives it a compulsory-admission target. */
function facilityKind(code: string, targets: readonly TargetRow[]): FacilityKind {
  const compulsory = targets.some((t) => t.unitCode === code && t.indicator === 'COMPULSORY_ADMISSIONS' && t.value > 0);
  return compulsory ? 'PUBLIC_COMPULSORY_AND_VOLUNTARY' : 'PUBLIC_VOLUNTARY';
}

function facilityRows(targets: readonly TargetRow[]): unknown[][] {
  const rng = new SeededRandom(FACILITY_SEED);
  return FACILITY_UNITS.map((f) => {
    const kind = facilityKind(f.code, targets);
    const capacity = rng.int(8, 16) * 100;
    const managers = rng.int(8, 16);
    return [f.code, f.name, kind, capacity, careStaffFor(capacity, kind !== 'PUBLIC_VOLUNTARY') + managers];
  });
}

function episodeRow(p: DemoPerson): unknown[] | null {
  const rehab = p.rehab;
  if (!rehab) return null;
  const residence = p.currentResidence.unitCode;
  return [demoEpisodeId(p.id), p.id, rehab.kind, rehab.status, rehab.facilityCode, residence,
    rehab.facilityCode ? pathOf(rehab.facilityCode) : null, pathOf(residence), rehab.admittedOn, rehab.plannedEndOn, rehab.endedOn];
}

function targetRows(targets: readonly TargetRow[]): unknown[][] {
  return targets.map((t) => [PLAN_YEAR_2022, t.unitCode, pathOf(t.unitCode), t.indicator, t.value]);
}

/** Is the labour-welfare database still empty (so demo data may be seeded)? */
export async function isLaborWelfareEmpty(db: DataSource): Promise<boolean> {
  const [{ empty }] = await db.query(`SELECT NOT EXISTS (SELECT 1 FROM facility)
    AND NOT EXISTS (SELECT 1 FROM rehab_episode) AND NOT EXISTS (SELECT 1 FROM plan_target) AS empty`) as [{ empty: boolean }];
  return empty;
}

/**
 * Bulk-inserts Hà Nội's facilities, its 2022 plan targets and each demo person's rehab
 * episode (multi-row INSERTs, one transaction).
 */
export async function seedLaborWelfare(db: DataSource, population: readonly DemoPerson[]): Promise<void> {
  const targets = hanoi2022Targets();
  const episodes = population.map(episodeRow).filter((row): row is unknown[] => row !== null);
  await db.transaction(async (manager) => {
    await insertRows(manager, 'facility', FACILITY_COLUMNS, facilityRows(targets));
    await insertRows(manager, 'plan_target', TARGET_COLUMNS, targetRows(targets));
    await insertRows(manager, 'rehab_episode', EPISODE_COLUMNS, episodes, 1000);
  });
}
