import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isUuid, units, type Caller } from '@rehab/shared-schema';
import { actsOn, assignedUnitPaths } from './access/scope';
import type { Notice, NoticeHandler } from './outbox/notice';
import { PERSON_DIRECTORY, PERSON_DIRECTORY_BATCH } from './notices/catalogue';
import { onNotice, parseNotice } from './notices/contract';
import type { PayloadOf } from './notices/fields';
import { insertJsonRows, type SqlRunner } from './reference/bulk';
import { recordNotFound, type RecordName } from './record-errors';

/**
 * The person directory: what an agency other than police keeps of each person in the police
 * registry, so that a write naming a person it holds no record of yet (a determination
 * request, a dossier, an admission, a volunteer assignment) can check that the person exists
 * and lives where the caller acts, without asking police at the time of the write. Police
 * send an entry whenever a person is registered, moves, is assigned to a new commune or is
 * merged; entries carry the registry record's version, so an older one never overwrites a
 * newer one.
 */
export const PERSON_DIRECTORY_TOPIC = PERSON_DIRECTORY.topic;

/** One person as police announce them. */
export type PersonDirectoryPayload = PayloadOf<typeof PERSON_DIRECTORY.shape>;
export type PersonDirectoryEntry = PersonDirectoryPayload['persons'][number];

export { PERSON_DIRECTORY_BATCH };

const PERSON: RecordName = { vi: 'người', en: 'person' };

/** The entries of a received notice; a malformed one refuses the whole notice (nothing of it is kept). */
export function personDirectoryPayloadOf(notice: Pick<Notice, 'topic' | 'payload'>): PersonDirectoryPayload {
  return parseNotice(PERSON_DIRECTORY, notice.payload);
}

const COLUMNS = {
  person_id: 'uuid',
  unit_code: 'varchar',
  unit_path: 'varchar',
  merged_into: 'uuid',
  version: 'integer',
  recorded_at: 'timestamptz',
} as const;

const row = (e: PersonDirectoryEntry) => ({
  person_id: e.personId,
  unit_code: e.unitCode,
  unit_path: e.unitPath,
  merged_into: e.mergedInto,
  version: e.version,
  recorded_at: e.recordedAt,
});

/** Keeps entries: a new person is added, a known one is replaced only by a newer version of the registry record. */
export async function recordPersonDirectory(runner: SqlRunner, entries: readonly PersonDirectoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const names = Object.keys(COLUMNS);
  await runner.query(
    `INSERT INTO person_directory (${names.join(', ')})
    SELECT ${names.join(', ')} FROM json_to_recordset($1::json) AS r(${names.map((c) => `${c} ${COLUMNS[c as keyof typeof COLUMNS]}`).join(', ')})
    ON CONFLICT (person_id) DO UPDATE SET unit_code = EXCLUDED.unit_code, unit_path = EXCLUDED.unit_path,
      merged_into = EXCLUDED.merged_into, version = EXCLUDED.version, recorded_at = EXCLUDED.recorded_at, received_at = now()
    WHERE person_directory.version < EXCLUDED.version`,
    [JSON.stringify(entries.map(row))],
  );
}

/** The receiving side, for the subgraphs that keep the directory. */
export const PERSON_DIRECTORY_NOTICE_HANDLERS: Readonly<Record<string, NoticeHandler>> = onNotice(
  PERSON_DIRECTORY,
  (manager, payload) => recordPersonDirectory(manager, payload.persons),
);

/** The demo population's registry, as if police had announced it (the seed of each agency that keeps the directory). */
export async function seedPersonDirectory(
  runner: SqlRunner,
  population: readonly { id: string; currentResidence: { unitCode: string; unitPath: string } }[],
): Promise<void> {
  const recordedAt = new Date().toISOString();
  await insertJsonRows(
    runner,
    'person_directory',
    population.map((p) =>
      row({
        personId: p.id,
        unitCode: p.currentResidence.unitCode,
        unitPath: p.currentResidence.unitPath,
        mergedInto: null,
        version: 1,
        recordedAt,
      }),
    ),
    COLUMNS,
  );
}

/**
 * The unit whose subtree decides which persons the caller may name in a first record: their
 * own unit, or for a facility (which takes in people of its whole province) its province.
 */
export function personActingPath(caller: Pick<Caller, 'unitPath'>): string {
  const unit = units().byUnitPath(caller.unitPath);
  if (unit?.level !== 'FACILITY') return caller.unitPath;
  return units().provinceToday(unit.path)?.path ?? caller.unitPath;
}

/**
 * A person the caller may open a record for: in the directory, not merged away, and living in
 * a unit the caller acts on (lineage-aware: whole predecessors, and a split commune's person
 * where the province assigned them). Missing and out of scope get the same NOT_FOUND. The
 * entry is share-locked until the caller's transaction ends, so a concurrent move waits.
 */
export async function requirePersonInScope(
  runner: SqlRunner,
  caller: Pick<Caller, 'unitPath'>,
  personId: string,
  field = 'personId',
): Promise<PersonDirectoryEntry> {
  const id = personId.toLowerCase();
  const rows = isUuid(id)
    ? ((await runner.query(
        `SELECT person_id, unit_code, unit_path, merged_into, version, recorded_at FROM person_directory
        WHERE person_id = $1 FOR SHARE`,
        [id],
      )) as {
        person_id: string;
        unit_code: string;
        unit_path: string;
        merged_into: string | null;
        version: number;
        recorded_at: Date;
      }[])
    : [];
  const [found] = rows;
  if (found?.merged_into !== null) throw recordNotFound(PERSON, personId, field);
  const assigned = await assignedUnitPaths(runner, found.person_id, [found.unit_path]);
  if (!actsOn({ unitPath: personActingPath(caller) }, found.unit_path, assigned)) throw recordNotFound(PERSON, personId, field);
  return {
    personId: found.person_id,
    unitCode: found.unit_code,
    unitPath: found.unit_path,
    mergedInto: null,
    version: found.version,
    recordedAt: found.recorded_at.toISOString(),
  };
}

/** The directory's table, in each subgraph that keeps it (not police: the registry itself). */
export class CreatePersonDirectory1764800000000 implements MigrationInterface {
  name = 'CreatePersonDirectory1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE person_directory (
      person_id uuid PRIMARY KEY, unit_code varchar(16) NOT NULL, unit_path varchar(200) NOT NULL, merged_into uuid,
      version integer NOT NULL, recorded_at timestamptz NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE person_directory');
  }
}
