import type { EntityManager } from 'typeorm';
import { PERSON_DIRECTORY, sendNotice, type PersonDirectoryEntry } from '@rehab/server-kit';
import { units, type SubgraphName } from '@rehab/shared-schema';

/** The agencies that keep a directory of the registry's persons (to check the person a first record names). */
export const DIRECTORY_KEEPERS: readonly SubgraphName[] = PERSON_DIRECTORY.to;

interface PersonRow {
  id: string;
  owner_unit_path: string;
  merged_into: string | null;
  version: number;
}

/**
 * Sends every directory keeper the registry's state of `personIds` as the caller's transaction
 * leaves it: call it inside the transaction of the change (registration, move, assignment, merge).
 */
export async function announcePersons(manager: EntityManager, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 0) return;
  const rows = await manager.query<PersonRow[]>(
    'SELECT id, owner_unit_path, merged_into, version FROM person WHERE id = ANY($1) ORDER BY id',
    [[...new Set(personIds)]],
  );
  const recordedAt = new Date().toISOString();
  const persons = rows.map((p): PersonDirectoryEntry => ({
    personId: p.id,
    unitCode: units().byUnitPath(p.owner_unit_path)?.code ?? (p.owner_unit_path.split('.').pop() as string),
    unitPath: p.owner_unit_path,
    mergedInto: p.merged_into,
    version: p.version,
    recordedAt,
  }));
  if (persons.length === 0) return;
  await sendNotice(manager, PERSON_DIRECTORY, { persons });
}
