import {
  PERSON_DIRECTORY,
  PERSON_DIRECTORY_BATCH,
  PERSON_DIRECTORY_TOPIC,
  personDirectoryPayloadOf,
  undoMigrationsAfter,
  type PersonDirectoryEntry,
} from '@rehab/server-kit';
import { generateDemoPopulation, unitByCode } from '@rehab/shared-schema';
import {
  COMMUNE,
  NEIGHBOUR_COMMUNE,
  OTHER_COMMUNE,
  REGISTER,
  dataOf,
  errorOf,
  openHarness,
  personInput,
  register,
  type Harness,
} from './harness';

/**
 * Police tell the agencies that keep a person directory (labour-welfare, health, volunteers)
 * each person's residence whenever it is set: registration, move, assignment to a new commune
 * (see unit-reassignment.test.ts), merge; a database that held persons before announces them all.
 */
let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 20 }));
});

afterAll(async () => {
  await h.close();
});

/** Every registered subgraph but police keeps the directory. */
const KEEPERS: readonly string[] = PERSON_DIRECTORY.to;

/** The directory entries announced of `personId`, oldest first, after checking each went to every keeper alike. */
async function announced(personId: string): Promise<Omit<PersonDirectoryEntry, 'recordedAt'>[]> {
  const rows = await h.database.db.query<{ destination: string; payload: unknown }[]>(
    `SELECT destination, payload FROM outbox_notice WHERE topic = $1 AND payload->'persons' @> $2::jsonb
    ORDER BY seq`,
    [PERSON_DIRECTORY_TOPIC, JSON.stringify([{ personId }])],
  );
  const byKeeper = KEEPERS.map((k) =>
    rows
      .filter((r) => r.destination === k)
      .map((r) =>
        personDirectoryPayloadOf({ topic: PERSON_DIRECTORY_TOPIC, payload: r.payload })
          .persons.filter((p) => p.personId === personId)
          .map(({ recordedAt: _at, ...rest }) => rest),
      ),
  );
  expect(rows.every((r) => KEEPERS.includes(r.destination))).toBe(true);
  for (const entries of byKeeper) expect(entries).toEqual(byKeeper[0]);
  return (byKeeper[0] ?? []).flat();
}

const at = (code: string) => ({ unitCode: code, unitPath: unitByCode(code)?.path });

const MOVE = `mutation($p: ID!, $v: Int!, $to: ID!) {
  recordResidenceChange(personId: $p, expectedVersion: $v, toUnitCode: $to, addressLine: "Số 9 ngõ Mới", movedOn: "2026-08-01") { id } }`;
const UPDATE = `mutation($id: ID!, $v: Int!) { updatePerson(id: $id, expectedVersion: $v, input: { ethnicity: "Tày" }) { version } }`;
const MERGE = `mutation($s: ID!, $d: ID!) { mergePersons(survivorId: $s, duplicateId: $d, reason: "Trùng hồ sơ", survivorVersion: 1, duplicateVersion: 3) { id } }`;

describe('person directory notices', () => {
  it("announce a registration, a move and a merge, each with the record's version; not an edit that keeps the residence nor a refused registration", async () => {
    const person = await register(h, { fullName: 'Đỗ Văn Danh Bạ' });
    expect(await announced(person.id)).toEqual([{ personId: person.id, ...at(COMMUNE), mergedInto: null, version: 1 }]);
    expect(
      dataOf<{ updatePerson: { version: number } }>(await h.run(UPDATE, { id: person.id, v: 1 }, 'police_officer', COMMUNE))
        .updatePerson.version,
    ).toBe(2);
    expect(await announced(person.id)).toHaveLength(1);
    dataOf(await h.run(MOVE, { p: person.id, v: 2, to: NEIGHBOUR_COMMUNE }, 'police_officer', COMMUNE));
    expect((await announced(person.id)).at(-1)).toEqual({
      personId: person.id,
      ...at(NEIGHBOUR_COMMUNE),
      mergedInto: null,
      version: 3,
    });

    const survivor = await register(h, { fullName: 'Đỗ Văn Danh Bạ' }, NEIGHBOUR_COMMUNE);
    dataOf(await h.run(MERGE, { s: survivor.id, d: person.id }, 'police_officer', '01'));
    expect((await announced(person.id)).at(-1)).toEqual({
      personId: person.id,
      ...at(NEIGHBOUR_COMMUNE),
      mergedInto: survivor.id,
      version: 4,
    });

    const count = async () =>
      (
        await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM outbox_notice WHERE topic = $1', [
          PERSON_DIRECTORY_TOPIC,
        ])
      )[0].n;
    const before = await count();
    expect(errorOf(await h.run(REGISTER, { input: personInput({}, OTHER_COMMUNE) }, 'police_officer', COMMUNE)).code).toBe(
      'FORBIDDEN',
    );
    expect(await count()).toBe(before);
  });

  it('announce the whole registry once when the directories are new, in notices of at most the batch size', async () => {
    const owner = await h.database.owner();
    await undoMigrationsAfter(owner, 'AnnouncePersonDirectory1764800001000');
    await owner.undoLastMigration({ transaction: 'each' });
    await owner.query('DELETE FROM outbox_notice WHERE topic = $1', [PERSON_DIRECTORY_TOPIC]);
    // More persons than one notice carries.
    await owner.query(
      `INSERT INTO person (id, identification_number, full_name, full_name_folded, date_of_birth, sex, ethnicity,
      permanent_unit_code, permanent_address, current_unit_code, current_address, owner_unit_path)
      SELECT gen_random_uuid(), '8' || lpad(i::text, 11, '0'), 'Người Thử', 'nguoi thu', '1990-01-01', 'MALE', 'Kinh', $1, 'Số 1', $1, 'Số 1', $2
      FROM generate_series(1, $3) AS i`,
      [COMMUNE, unitByCode(COMMUNE)?.path, PERSON_DIRECTORY_BATCH],
    );
    const [{ n: persons }] = await owner.query<[{ n: number }]>('SELECT count(*)::int AS n FROM person');

    await owner.runMigrations({ transaction: 'each' });
    const rows = await owner.query<{ destination: string; payload: unknown }[]>(
      'SELECT destination, payload FROM outbox_notice WHERE topic = $1 ORDER BY seq',
      [PERSON_DIRECTORY_TOPIC],
    );
    for (const keeper of KEEPERS) {
      const mine = rows
        .filter((r) => r.destination === keeper)
        .map((r) => personDirectoryPayloadOf({ topic: PERSON_DIRECTORY_TOPIC, payload: r.payload }).persons);
      expect([keeper, mine.length]).toEqual([keeper, Math.ceil(persons / PERSON_DIRECTORY_BATCH)]);
      const ids = mine.flat().map((p) => p.personId);
      expect(new Set(ids).size).toBe(persons);
    }
    // Each entry is the registry's row: a merged record says into which.
    const [mergedAway] = await owner.query<[{ id: string; merged_into: string; version: number; owner_unit_path: string }]>(
      `SELECT id, merged_into, version, owner_unit_path FROM person WHERE merged_into IS NOT NULL LIMIT 1`,
    );
    const entry = rows
      .filter((r) => r.destination === 'health')
      .flatMap((r) => personDirectoryPayloadOf({ topic: PERSON_DIRECTORY_TOPIC, payload: r.payload }).persons)
      .find((p) => p.personId === mergedAway.id);
    expect(entry).toMatchObject({
      unitPath: mergedAway.owner_unit_path,
      mergedInto: mergedAway.merged_into,
      version: mergedAway.version,
    });

    await undoMigrationsAfter(owner, 'AnnouncePersonDirectory1764800001000');
    await owner.undoLastMigration({ transaction: 'each' });
    expect(await owner.query('SELECT count(*)::int AS n FROM outbox_notice WHERE topic = $1', [PERSON_DIRECTORY_TOPIC])).toEqual([
      { n: 0 },
    ]);
    await owner.runMigrations({ transaction: 'each' });
  });
});
