import type { DataSource } from 'typeorm';
import { insertRows } from '@rehab/server-kit';
import { foldVietnamese, unitByCode, type DemoPerson } from '@rehab/shared-schema';

const COLUMNS = ['id', 'identification_number', 'full_name', 'full_name_folded', 'other_names', 'date_of_birth', 'sex',
  'ethnicity', 'permanent_unit_code', 'permanent_address', 'current_unit_code', 'current_address', 'owner_unit_path'];

function row(p: DemoPerson): unknown[] {
  const owner = unitByCode(p.currentResidence.unitCode);
  if (!owner) throw new Error(`Unknown unit ${p.currentResidence.unitCode}`);
  return [p.id, p.identificationNumber, p.fullName, foldVietnamese(p.fullName), p.otherNames, p.dateOfBirth, p.sex,
    p.ethnicity, p.permanentResidence.unitCode, p.permanentResidence.addressLine, p.currentResidence.unitCode,
    p.currentResidence.addressLine, owner.path];
}

/** Is the police database still empty of persons (so demo data may be seeded)? */
export async function isPoliceEmpty(db: DataSource): Promise<boolean> {
  const [{ count }] = await db.query('SELECT count(*)::int AS count FROM person') as [{ count: number }];
  return count === 0;
}

/** Bulk-inserts the population registry part of the demo population (multi-row INSERTs). */
export async function seedPolice(db: DataSource, population: readonly DemoPerson[]): Promise<void> {
  await db.transaction((manager) => insertRows(manager, 'person', COLUMNS, population.map(row), 1000));
}
