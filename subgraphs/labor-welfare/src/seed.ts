import { PLAN_COLUMNS } from './seed-community-plans';
import { AREA_COLUMNS, demoAreaRows } from './seed-areas';
import { EXTRACTION_COLUMNS } from './seed-extractions';
import { DEMO_PRIVATE_FACILITIES, LICENCE_COLUMNS, demoLicenceRows } from './seed-licences';
import { TRAINING_COLUMNS, demoTrainingRows } from './seed-training';
import { BUDGET_LINE_COLUMNS, BUDGET_SPENDING_COLUMNS, demoBudgetRows } from './seed-budgets';
import type { DataSource, EntityManager } from 'typeorm';
import { insertRows, seedPersonDirectory, seedPersonUnitAssignments } from '@rehab/server-kit';
import { SeededRandom, hanoi2022Targets, unitsOfLevel, type DemoPerson, type TargetRow } from '@rehab/shared-schema';
import type { FacilityKind } from './entities/Facility';
import { seedPlans } from './plans/seed-plans';
import { MODEL_COLUMNS, demoModelRows } from './seed-models';
import { careStaffFor } from './rules/staffing';
import {
  DOSSIER_COLUMNS,
  DRUG_USE_COLUMNS,
  EPISODE_COLUMNS,
  POST_REHAB_COLUMNS,
  PROVIDER_COLUMNS,
  SUPPORT_COLUMNS,
  legalPathRows,
} from './seed-legal-path';

export { demoDossierId, demoEpisodeId, demoPostRehabId, demoProviderId } from './seed-legal-path';

/** Fixed seed for the invented facility figures (capacity, staff). */
const FACILITY_SEED = 1763800002;

const FACILITY_COLUMNS = ['code', 'name', 'kind', 'capacity', 'staff_count', 'manager_count'];

/** Facilities outside Hà Nội's 2022 plan that take compulsory residents (Lào Cai's provincial facility). */
const COMPULSORY_OUTSIDE_THE_PLAN = ['CSCNLC'];

/** A facility takes compulsory residents when the plan gives it a compulsory-admission target. */
function facilityKind(code: string, targets: readonly TargetRow[]): FacilityKind {
  if (DEMO_PRIVATE_FACILITIES.includes(code)) return 'PRIVATE_VOLUNTARY';
  const compulsory =
    COMPULSORY_OUTSIDE_THE_PLAN.includes(code) ||
    targets.some((t) => t.unitCode === code && t.indicator === 'FACILITY_ADMISSIONS' && t.value > 0);
  return compulsory ? 'PUBLIC_COMPULSORY_AND_VOLUNTARY' : 'PUBLIC_VOLUNTARY';
}

/** Capacity and staff: care staff enough for a full facility under the staffing rule, plus managers. */
function facilityRows(targets: readonly TargetRow[]): unknown[][] {
  const rng = new SeededRandom(FACILITY_SEED);
  return unitsOfLevel('FACILITY').map((f) => {
    const kind = facilityKind(f.code, targets);
    // Private facilities are small: a tenth of a public one's places.
    const capacity = (rng.int(8, 16) * 100) / (kind === 'PRIVATE_VOLUNTARY' ? 10 : 1);
    const managers = rng.int(8, 16);
    return [f.code, f.name, kind, capacity, careStaffFor(capacity, kind !== 'PUBLIC_VOLUNTARY') + managers, managers];
  });
}

/**
 * The history of a seeded record starts with one IMPORT event in its current state,
 * dated by its latest fact (set-based: three statements whatever the population).
 */
async function importEvents(manager: EntityManager): Promise<void> {
  const columns =
    'entity_type, entity_id, person_id, action, from_status, to_status, occurred_on, details, actor_username, actor_role, actor_unit_code';
  const imported = `'{"source": "demo seed"}'::jsonb, 'import', 'system', '01'`;
  await manager.query(`INSERT INTO case_event (${columns}) SELECT 'EPISODE', id, person_id, 'IMPORT', NULL, status,
    coalesce(ended_on, absconded_since, leave_started_on, phase_since, admitted_on), ${imported} FROM rehab_episode`);
  await manager.query(`INSERT INTO case_event (${columns}) SELECT 'DOSSIER', id, person_id, 'IMPORT', NULL, status,
    coalesce(admitted_on, decided_on, forwarded_on, submitted_on, started_on), ${imported} FROM compulsory_rehab_dossier`);
  await manager.query(`INSERT INTO case_event (${columns}) SELECT 'POST_REHAB', id, person_id, 'IMPORT', NULL, status,
    coalesce(completed_on, relapsed_on, decision_on, opened_on), ${imported} FROM post_rehab_case`);
}

/** Is the labour-welfare database still empty (so demo data may be seeded)? */
export async function isLaborWelfareEmpty(db: DataSource): Promise<boolean> {
  const [{ empty }] = await db.query<[{ empty: boolean }]>(`SELECT NOT EXISTS (SELECT 1 FROM facility)
    AND NOT EXISTS (SELECT 1 FROM rehab_episode) AND NOT EXISTS (SELECT 1 FROM plan_target) AS empty`);
  return empty;
}

/**
 * Bulk-inserts the demo provinces' facilities, Hà Nội's plans (2022 imported from the CSVs, a 2026 demo plan), community service providers
 * and each demo person's legal path in this agency (dossiers, episodes, post-rehab
 * cases, reintegration support, the start of their history): multi-row INSERTs, one
 * transaction.
 */
export async function seedLaborWelfare(db: DataSource, population: readonly DemoPerson[]): Promise<void> {
  const targets = hanoi2022Targets();
  const rows = legalPathRows(population);
  await db.transaction(async (manager) => {
    const facilities = facilityRows(targets);
    await insertRows(manager, 'facility', FACILITY_COLUMNS, facilities);
    await insertRows(manager, 'facility_area', AREA_COLUMNS, demoAreaRows(facilities));
    await insertRows(manager, 'facility_licence', LICENCE_COLUMNS, demoLicenceRows(facilities));
    await insertRows(manager, 'training_course', TRAINING_COLUMNS, demoTrainingRows());
    const budgets = demoBudgetRows();
    await insertRows(manager, 'budget_line', BUDGET_LINE_COLUMNS, budgets.lines);
    await insertRows(manager, 'budget_spending', BUDGET_SPENDING_COLUMNS, budgets.spendings);
    await seedPersonUnitAssignments(manager, population);
    await seedPersonDirectory(manager, population);
    await seedPlans(manager);
    await insertRows(manager, 'post_rehab_model', MODEL_COLUMNS, demoModelRows());
    await insertRows(manager, 'service_provider', PROVIDER_COLUMNS, rows.providers);
    // Dossiers name their episodes and relapsed cases: those foreign keys are checked at commit.
    await insertRows(manager, 'compulsory_rehab_dossier', DOSSIER_COLUMNS, rows.dossiers, 1000);
    await insertRows(manager, 'rehab_episode', EPISODE_COLUMNS, rows.episodes, 1000);
    await insertRows(manager, 'post_rehab_case', POST_REHAB_COLUMNS, rows.postRehab, 1000);
    await insertRows(manager, 'reintegration_support', SUPPORT_COLUMNS, rows.supports, 1000);
    await insertRows(manager, 'post_rehab_drug_use', DRUG_USE_COLUMNS, rows.drugUses, 1000);
    await insertRows(manager, 'community_rehab_plan', PLAN_COLUMNS, rows.communityPlans, 1000);
    await insertRows(manager, 'resident_extraction', EXTRACTION_COLUMNS, rows.extractions, 1000);
    await importEvents(manager);
  });
}
