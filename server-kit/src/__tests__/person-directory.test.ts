import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { unitAt } from '@rehab/shared-schema';
import type { Notice } from '../outbox';
import {
  CreatePersonDirectory1764800000000,
  PERSON_DIRECTORY_NOTICE_HANDLERS,
  PERSON_DIRECTORY_TOPIC,
  requirePersonInScope,
  type PersonDirectoryEntry,
} from '../person-directory';
import { COMMON_NOTICE_HANDLERS, PERSON_UNIT_ASSIGNED } from '../reference/unit-assignment';
import { createSubgraphDataSource } from '../subgraph-database';
import { openTestDatabase, testCaller, type TestDatabase } from '../testing';
import { COMMUNE, NEIGHBOUR_COMMUNE, OTHER_PROVINCE_COMMUNE, pathOf, splitPredecessor, wholePredecessor } from '../testing-units';

let database: TestDatabase;
let db: DataSource;

beforeAll(async () => {
  database = await openTestDatabase('health', (env) =>
    createSubgraphDataSource('health', { entities: [], migrations: [CreatePersonDirectory1764800000000] }, env),
  );
  db = database.db;
});
afterAll(async () => database.close());

const entry = (personId: string, unitPath: string, version = 1, mergedInto: string | null = null): PersonDirectoryEntry => ({
  personId,
  unitCode: unitPath.split('.').pop() as string,
  unitPath,
  mergedInto,
  version,
  recordedAt: new Date().toISOString(),
});

/** Delivers a notice the way the receiver does: the handler inside a transaction. */
async function receive(topic: string, payload: unknown): Promise<void> {
  const notice: Notice = {
    id: randomUUID(),
    topic,
    source: 'police',
    destination: 'health',
    payload,
    createdAt: new Date().toISOString(),
  };
  const handler = { ...COMMON_NOTICE_HANDLERS, ...PERSON_DIRECTORY_NOTICE_HANDLERS }[topic];
  if (!handler) throw new Error(`no handler for ${topic}`);
  await db.transaction((manager) => handler(manager, notice));
}

const announce = (...persons: PersonDirectoryEntry[]) => receive(PERSON_DIRECTORY_TOPIC, { persons });

/** What requirePersonInScope answers the caller at `unitCode`: 'ok' or the refusal's code, field and text (the id masked). */
async function answer(unitCode: string, personId: string, field = 'personId'): Promise<unknown> {
  try {
    await requirePersonInScope(db, testCaller('police_officer', unitCode), personId, field);
    return 'ok';
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return {
      code: error.extensions.code,
      field: error.extensions.field,
      i18n: JSON.parse(JSON.stringify(error.extensions.i18n).split(personId).join('<id>')) as unknown,
    };
  }
}

const directory = async (personId: string) =>
  db.query<{ unit_path: string; version: number; merged_into: string | null }[]>(
    'SELECT unit_path, version, merged_into FROM person_directory WHERE person_id = $1',
    [personId],
  );

describe('the person directory', () => {
  const here = randomUUID();

  it('lets the units acting on the residence name the person, and refuses everyone else exactly as an unknown id', async () => {
    await announce(entry(here, pathOf(COMMUNE)));
    expect(await answer(COMMUNE, here)).toBe('ok');
    expect(await answer('01', here)).toBe('ok');
    const unknown = await answer(COMMUNE, randomUUID(), 'input.personId');
    expect(unknown).toEqual({
      code: 'NOT_FOUND',
      field: 'input.personId',
      i18n: { vi: 'Không tìm thấy người <id> trong phạm vi đơn vị của bạn', en: 'No person <id> within your unit' },
    });
    expect(await answer(NEIGHBOUR_COMMUNE, here, 'input.personId')).toEqual(unknown);
    expect(await answer(OTHER_PROVINCE_COMMUNE, here, 'input.personId')).toEqual(unknown);
    expect(await answer('15', here, 'input.personId')).toEqual(unknown);
    expect(await answer(COMMUNE, 'not-a-uuid', 'input.personId')).toEqual(unknown);
  });

  it('lets a facility name the residents of its own province only', async () => {
    expect(await answer('CSCN1', here)).toBe('ok');
    expect(await answer('CSCNLC', here)).toEqual(await answer('CSCNLC', randomUUID()));
    expect(await answer('CSCNLC', here)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("follows the 2025 reform: a whole predecessor's residents at once, a split one's once the province assigned them", async () => {
    const merged = randomUUID();
    const split = splitPredecessor(COMMUNE);
    const waiting = randomUUID();
    await announce(entry(merged, wholePredecessor(COMMUNE)), entry(waiting, split.path));
    expect(await answer(COMMUNE, merged)).toBe('ok');
    expect(await answer(COMMUNE, waiting)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await answer(split.otherHeir, waiting)).toMatchObject({ code: 'NOT_FOUND' });
    await receive(PERSON_UNIT_ASSIGNED, {
      personId: waiting,
      fromUnitPath: split.path,
      toUnitCode: COMMUNE,
      toUnitPath: pathOf(COMMUNE),
      assignedOn: '2025-08-01',
    });
    expect(await answer(COMMUNE, waiting)).toBe('ok');
    expect(await answer(split.otherHeir, waiting)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps the newest version: a move is followed, an older notice arriving late changes nothing', async () => {
    const mover = randomUUID();
    await announce(entry(mover, pathOf(COMMUNE), 1));
    await announce(entry(mover, pathOf(NEIGHBOUR_COMMUNE), 3));
    await announce(entry(mover, pathOf(COMMUNE), 2));
    expect(await directory(mover)).toEqual([{ unit_path: pathOf(NEIGHBOUR_COMMUNE), version: 3, merged_into: null }]);
    expect(await answer(NEIGHBOUR_COMMUNE, mover)).toBe('ok');
    expect(await answer(COMMUNE, mover)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a person merged into another record', async () => {
    const duplicate = randomUUID();
    await announce(entry(duplicate, pathOf(COMMUNE), 1));
    expect(await answer(COMMUNE, duplicate)).toBe('ok');
    await announce(entry(duplicate, pathOf(COMMUNE), 2, here));
    expect(await answer(COMMUNE, duplicate)).toEqual(await answer(COMMUNE, randomUUID()));
  });

  it('refuses a malformed notice whole, keeping nothing of it', async () => {
    const good = entry(randomUUID(), pathOf(COMMUNE));
    const oldCommune = unitAt(COMMUNE, '2025-01-01');
    const bad: unknown[] = [
      { ...good, unitPath: '01.99999' },
      { ...good, unitCode: NEIGHBOUR_COMMUNE },
      { ...good, version: 0 },
      { ...good, personId: 'x' },
      { ...good, mergedInto: 'x' },
      { ...good, recordedAt: 'yesterday' },
    ];
    for (const b of bad) {
      await expect(receive(PERSON_DIRECTORY_TOPIC, { persons: [good, b] })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    await expect(receive(PERSON_DIRECTORY_TOPIC, { persons: [] })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(receive(PERSON_DIRECTORY_TOPIC, { persons: Array.from({ length: 501 }, () => good) })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(receive(PERSON_DIRECTORY_TOPIC, good)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await directory(good.personId)).toEqual([]);
    // A pre-reform commune's path is a unit of its own dates: the person keeps it.
    expect(oldCommune).toBeDefined();
    const before = entry(randomUUID(), (oldCommune as NonNullable<typeof oldCommune>).path);
    await announce(before);
    expect(await directory(before.personId)).toEqual([{ unit_path: before.unitPath, version: 1, merged_into: null }]);
  });
});
