import type { DataSource } from 'typeorm';
import { insertRows, seedPersonUnitAssignments } from '@rehab/server-kit';
import { foldVietnamese, type DemoPerson } from '@rehab/shared-schema';
import { seedCareRelations } from './care/seed';
import { seedPreventionMap } from './prevention-map/seed';
import {
  CHECK_IN_COLUMNS,
  COMPLETION_COLUMNS,
  MANAGEMENT_COLUMNS,
  SEARCH_COLUMNS,
  TRANSFER_COLUMNS,
  caseRows,
} from './seed-cases';

const COLUMNS = [
  'id',
  'identification_number',
  'full_name',
  'full_name_folded',
  'other_names',
  'date_of_birth',
  'sex',
  'ethnicity',
  'permanent_unit_code',
  'permanent_address',
  'current_unit_code',
  'current_address',
  'owner_unit_path',
];

/** The registry keeps the unit the residence was recorded in (an old commune for people recorded before July 2025). */
function row(p: DemoPerson): unknown[] {
  return [
    p.id,
    p.identificationNumber,
    p.fullName,
    foldVietnamese(p.fullName),
    p.otherNames,
    p.dateOfBirth,
    p.sex,
    p.ethnicity,
    p.permanentResidence.unitCode,
    p.permanentResidence.addressLine,
    p.currentResidence.unitCode,
    p.currentResidence.addressLine,
    p.currentResidence.unitPath,
  ];
}

/** Is the police database still empty of persons (so demo data may be seeded)? */
export async function isPoliceEmpty(db: DataSource): Promise<boolean> {
  const [{ count }] = await db.query<[{ count: number }]>('SELECT count(*)::int AS count FROM person');
  return count === 0;
}

/**
 * Bulk-inserts the population registry part of the demo population and each person's
 * police facts (management cases, check-ins, moves, searches, completion notices) with
 * multi-row INSERTs in one transaction.
 */
export async function seedPolice(db: DataSource, population: readonly DemoPerson[]): Promise<void> {
  const cases = caseRows(population);
  await db.transaction(async (manager) => {
    await insertRows(manager, 'person', COLUMNS, population.map(row), 1000);
    await seedPersonUnitAssignments(manager, population);
    await insertRows(manager, 'drug_user_management', MANAGEMENT_COLUMNS, cases.managements, 1000);
    await insertRows(manager, 'drug_user_check_in', CHECK_IN_COLUMNS, cases.checkIns, 1000);
    await insertRows(manager, 'transfer_notice', TRANSFER_COLUMNS, cases.transfers, 1000);
    await insertRows(manager, 'absconder_search', SEARCH_COLUMNS, cases.searches, 1000);
    await insertRows(manager, 'rehab_completion_notice', COMPLETION_COLUMNS, cases.completions, 1000);
    await seedCareRelations(manager, population);
    await seedPreventionMap(manager);
  });
}
