import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import {
  PERSON_DIRECTORY_NOTICE_HANDLERS,
  PERSON_DIRECTORY_TOPIC,
  announceTestPersons,
  buildSubgraphServer,
  createContext,
  openTestDatabase,
  testCaller,
  type TestDatabase,
  demoUnits,
} from '@rehab/server-kit';
import { ACCESS_MATRIX, ROLES, canRead, generateDemoPopulation, type Role } from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { seedHealth } from '../seed';
import { createHealthDataSource, healthSubgraph } from '../server';
const { COMMUNE, NEIGHBOUR_COMMUNE, OTHER_PROVINCE_COMMUNE, pathOf, splitPredecessor, wholePredecessor } = demoUnits;

let database: TestDatabase;
let server: ApolloServer<Context>;
const population = generateDemoPopulation({ persons: 50 });
// A person no demo row mentions, so every request below is the test's own.
const PERSON = '0b1e3c9a-5d7f-4a21-9e8b-6c4d2f1a0e99';

beforeAll(async () => {
  database = await openTestDatabase('health', createHealthDataSource);
  await seedHealth(database.db, population);
  await announceTestPersons(database.db, COMMUNE, PERSON);
  server = buildSubgraphServer(healthSubgraph, { db: database.db });
});

afterAll(async () => {
  await server.stop();
  await database.close();
});

type Result = FormattedExecutionResult<Record<string, unknown>, Record<string, unknown>>;

async function run(query: string, variables: Record<string, unknown>, role: Role, unitCode = '01'): Promise<Result> {
  const contextValue = createContext(database.db, testCaller(role, unitCode), createLoaders);
  const response = await server.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

const REQUEST = `mutation($p: ID!, $r: String!, $by: RequesterKind!) { requestAddictionDetermination(personId: $p, reason: $r, requestedBy: $by) {
  id requestedAt requestedBy reason requestingUnit { code level } } }`;
const REQUESTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { addictionDeterminationRequests { id requestedBy reason requestingUnit { code } } } } }`;

interface Request {
  id: string;
  requestedAt: string;
  requestedBy: string;
  reason: string;
  requestingUnit: { code: string; level?: string };
}

async function requestAs(
  role: Role,
  unitCode: string,
  by: string,
  reason = 'Phát hiện sử dụng ma túy, đề nghị xác định tình trạng nghiện',
): Promise<Request> {
  const result = await run(REQUEST, { p: PERSON, r: reason, by }, role, unitCode);
  expect(result.errors).toBeUndefined();
  return (result.data as { requestAddictionDetermination: Request }).requestAddictionDetermination;
}

async function visibleTo(role: Role, unitCode: string, personId = PERSON): Promise<string[]> {
  const result = await run(REQUESTS, { r: [{ __typename: 'Person', id: personId }] }, role, unitCode);
  expect(result.errors).toBeUndefined();
  const [person] = (result.data as { _entities: { addictionDeterminationRequests: Request[] }[] })._entities;
  return (person?.addictionDeterminationRequests ?? []).map((r) => r.id);
}

const rows = async (): Promise<number> => {
  const [{ count }] = await database.db.query<[{ count: number }]>(
    'SELECT count(*)::int AS count FROM addiction_determination_request',
  );
  return count;
};

describe('requestAddictionDetermination', () => {
  let byPolice: Request;
  let byCommune: Request;
  let byFacility: Request;

  it('records a request by police, the commune or a facility, owned by the requesting unit, audited', async () => {
    byPolice = await requestAs('police_officer', COMMUNE, 'POLICE');
    expect(byPolice).toMatchObject({
      requestedBy: 'POLICE',
      reason: 'Phát hiện sử dụng ma túy, đề nghị xác định tình trạng nghiện',
      requestingUnit: { code: COMMUNE, level: 'COMMUNE' },
    });
    expect(Number.isNaN(Date.parse(byPolice.requestedAt))).toBe(false);
    byCommune = await requestAs('commune_official', COMMUNE, 'COMMUNE', '  Gia đình đề nghị  ');
    expect(byCommune.reason).toBe('Gia đình đề nghị');
    byFacility = await requestAs('facility_staff', 'CSCN1', 'FACILITY');
    expect(byFacility.requestingUnit).toEqual({ code: 'CSCN1', level: 'FACILITY' });
    const audit = await database.db.query(
      `SELECT role, entity_type, fields FROM audit_log WHERE person_id = $1 AND action = 'CHANGE' ORDER BY id`,
      [PERSON],
    );
    expect(audit).toEqual(
      ['police_officer', 'commune_official', 'facility_staff'].map((role) => ({
        role,
        entity_type: 'AddictionDeterminationRequest',
        fields: ['reason', 'requestedBy', 'requestedOn', 'requestingUnit'],
      })),
    );
  });

  it('shows requests to health and to the requesting units, within their scope, newest first', async () => {
    expect(await visibleTo('health_worker', '01')).toEqual([byFacility.id, byCommune.id, byPolice.id]);
    expect(await visibleTo('supervisor', '01')).toHaveLength(3);
    expect(await visibleTo('police_officer', COMMUNE)).toEqual([byCommune.id, byPolice.id]);
    expect(await visibleTo('facility_staff', 'CSCN1')).toEqual([byFacility.id]);
    // The neighbouring ward's police, another province's, its health workers and a clinic outside the requesting commune see none.
    expect(await visibleTo('police_officer', NEIGHBOUR_COMMUNE)).toEqual([]);
    expect(await visibleTo('police_officer', OTHER_PROVINCE_COMMUNE)).toEqual([]);
    expect(await visibleTo('health_worker', '15')).toEqual([]);
    expect(await visibleTo('health_worker', 'MMT001')).toEqual([]);
  });

  it.each(ROLES.filter((role) => !canRead(ACCESS_MATRIX, role, 'Mutation.requestAddictionDetermination')))(
    'is refused to %s',
    async (role) => {
      const before = await rows();
      const result = await run(REQUEST, { p: PERSON, r: 'x', by: 'POLICE' }, role);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await rows()).toBe(before);
    },
  );

  it('refuses bad input with the field at fault, changing nothing', async () => {
    const before = await rows();
    const cases: [Role, Record<string, unknown>, string][] = [
      ['police_officer', { p: 'not-a-uuid', r: 'x', by: 'POLICE' }, 'personId'],
      ['police_officer', { p: PERSON, r: '   ', by: 'POLICE' }, 'reason'],
      ['police_officer', { p: PERSON, r: 'x', by: 'COMMUNE' }, 'requestedBy'],
      ['facility_staff', { p: PERSON, r: 'x', by: 'POLICE' }, 'requestedBy'],
    ];
    for (const [role, variables, field] of cases) {
      const error = (await run(REQUEST, variables, role, role === 'facility_staff' ? 'CSCN1' : COMMUNE)).errors?.[0];
      expect([field, error?.extensions?.code, error?.extensions?.field]).toEqual([field, 'BAD_USER_INPUT', field]);
    }
    const mismatch = await run(REQUEST, { p: PERSON, r: 'x', by: 'FACILITY' }, 'commune_official', COMMUNE);
    expect(mismatch.errors?.[0]?.extensions?.i18n).toEqual({
      vi: 'Vai trò của bạn chỉ được đề nghị với tư cách COMMUNE, không phải FACILITY',
      en: 'Your role may only request as COMMUNE, not FACILITY',
    });
    expect(await rows()).toBe(before);
  });

  it("follows the 2025 reform: a ward reads its old wards' requests taken in whole, a split ward's only for persons assigned to it", async () => {
    const merged = '3c1f5e2a-7b4d-4e8f-9a1c-2d3e4f5a6b01';
    const split = '3c1f5e2a-7b4d-4e8f-9a1c-2d3e4f5a6b02';
    const old = { whole: wholePredecessor(COMMUNE), split: splitPredecessor(COMMUNE) };
    const insert = (id: string, person: string, path: string) =>
      database.db.query(
        `INSERT INTO addiction_determination_request
      (id, person_id, requested_at, requested_on, requested_by, requested_by_username, reason, owner_unit_code, owner_unit_path)
      VALUES ($1, $2, '2025-05-02T02:00:00Z', '2025-05-02', 'POLICE', 'congan.cu', 'Phát hiện sử dụng (trước sắp xếp)', $3, $4)`,
        [id, person, path.split('.').pop(), path],
      );
    const mergedRequest = '5d2e6f3b-8c5e-4f9a-8b2d-3e4f5a6b7c01';
    const splitRequest = '5d2e6f3b-8c5e-4f9a-8b2d-3e4f5a6b7c02';
    await insert(mergedRequest, merged, old.whole);
    await insert(splitRequest, split, old.split.path);

    expect(await visibleTo('police_officer', COMMUNE, merged)).toEqual([mergedRequest]);
    expect(await visibleTo('police_officer', NEIGHBOUR_COMMUNE, merged)).toEqual([]);
    // Before the province assigns the person, neither heir of the split ward sees it; the province does.
    expect(await visibleTo('police_officer', COMMUNE, split)).toEqual([]);
    expect(await visibleTo('police_officer', old.split.otherHeir, split)).toEqual([]);
    expect(await visibleTo('health_worker', '01', split)).toEqual([splitRequest]);
    await database.db.query(
      `INSERT INTO person_unit_assignment (person_id, from_unit_path, to_unit_code, to_unit_path, assigned_on)
      VALUES ($1, $2, $3, $4, '2025-08-01')`,
      [split, old.split.path, COMMUNE, pathOf(COMMUNE)],
    );
    expect(await visibleTo('police_officer', COMMUNE, split)).toEqual([splitRequest]);
    expect(await visibleTo('police_officer', old.split.otherHeir, split)).toEqual([]);
  });
});

describe('the person a request names', () => {
  // The reason and requester are valid: only the person decides.
  const ask = (personId: string, role: Role = 'police_officer', unitCode: string = COMMUNE) =>
    run(REQUEST, { p: personId, r: 'Phát hiện sử dụng', by: role === 'facility_staff' ? 'FACILITY' : 'POLICE' }, role, unitCode);
  const refusal = (result: Result, id: string) => {
    const error = result.errors?.[0];
    return { code: error?.extensions?.code, field: error?.extensions?.field, message: error?.message.split(id).join('<id>') };
  };

  it("must be a person of the registry living where the requester acts: another commune's, another province's and an unknown id are refused alike, nothing written", async () => {
    const [neighbour] = (await announceTestPersons(database.db, NEIGHBOUR_COMMUNE, randomUUID())) as [string];
    const [laoCai] = (await announceTestPersons(database.db, OTHER_PROVINCE_COMMUNE, randomUUID())) as [string];
    const unknown = randomUUID();
    const before = await rows();
    const expected = refusal(await ask(unknown), unknown);
    expect(expected).toEqual({
      code: 'NOT_FOUND',
      field: 'personId',
      message: 'Không tìm thấy người <id> trong phạm vi đơn vị của bạn',
    });
    expect(refusal(await ask(neighbour), neighbour)).toEqual(expected);
    expect(refusal(await ask(laoCai), laoCai)).toEqual(expected);
    expect(refusal(await ask(laoCai, 'facility_staff', 'CSCN1'), laoCai)).toEqual(expected);
    expect(refusal(await ask(PERSON, 'facility_staff', 'CSCNLC'), PERSON)).toEqual(expected);
    expect(await rows()).toBe(before);
    // The same persons, asked for by the units acting where they live (a facility for its province).
    expect((await ask(neighbour, 'police_officer', NEIGHBOUR_COMMUNE)).errors).toBeUndefined();
    expect((await ask(laoCai, 'police_officer', '15')).errors).toBeUndefined();
    expect((await ask(laoCai, 'facility_staff', 'CSCNLC')).errors).toBeUndefined();
    expect(await rows()).toBe(before + 3);
  });

  it('may be registered or move after the agency started: the next police notice makes the person requestable there', async () => {
    const newcomer = randomUUID();
    expect(refusal(await ask(newcomer), newcomer)).toMatchObject({ code: 'NOT_FOUND' });
    const announce = (unitCode: string, version: number) =>
      database.db.transaction(async (manager) =>
        PERSON_DIRECTORY_NOTICE_HANDLERS[PERSON_DIRECTORY_TOPIC]?.(manager, {
          id: randomUUID(),
          topic: PERSON_DIRECTORY_TOPIC,
          source: 'police',
          destination: 'health',
          createdAt: new Date().toISOString(),
          payload: {
            persons: [
              {
                personId: newcomer,
                unitCode,
                unitPath: pathOf(unitCode),
                mergedInto: null,
                version,
                recordedAt: new Date().toISOString(),
              },
            ],
          },
        }),
      );
    await announce(COMMUNE, 1);
    expect((await ask(newcomer)).errors).toBeUndefined();
    await announce(NEIGHBOUR_COMMUNE, 2);
    expect(refusal(await ask(newcomer), newcomer)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await ask(newcomer, 'police_officer', NEIGHBOUR_COMMUNE)).errors).toBeUndefined();
  });
});
