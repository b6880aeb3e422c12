import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { buildSubgraphServer, createContext, openTestDatabase, testCaller, type TestDatabase } from '@rehab/server-kit';
import { ACCESS_MATRIX, ROLES, canRead, generateDemoPopulation, type Role } from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { seedHealth } from '../seed';
import { createHealthDataSource, healthSubgraph } from '../server';

let database: TestDatabase;
let server: ApolloServer<Context>;
const population = generateDemoPopulation({ persons: 50 });
// A person no demo row mentions, so every request below is the test's own.
const PERSON = '0b1e3c9a-5d7f-4a21-9e8b-6c4d2f1a0e99';

beforeAll(async () => {
  database = await openTestDatabase('health', createHealthDataSource);
  await seedHealth(database.db, population);
  server = buildSubgraphServer(healthSubgraph, { db: database.db, contextSecret: 'x'.repeat(32) });
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

interface Request { id: string; requestedAt: string; requestedBy: string; reason: string; requestingUnit: { code: string; level?: string } }

async function requestAs(role: Role, unitCode: string, by: string, reason = 'Phát hiện sử dụng ma túy, đề nghị xác định tình trạng nghiện'): Promise<Request> {
  const result = await run(REQUEST, { p: PERSON, r: reason, by }, role, unitCode);
  expect(result.errors).toBeUndefined();
  return (result.data as { requestAddictionDetermination: Request }).requestAddictionDetermination;
}

async function visibleTo(role: Role, unitCode: string): Promise<string[]> {
  const result = await run(REQUESTS, { r: [{ __typename: 'Person', id: PERSON }] }, role, unitCode);
  expect(result.errors).toBeUndefined();
  const [person] = (result.data as { _entities: { addictionDeterminationRequests: Request[] }[] })._entities;
  return (person?.addictionDeterminationRequests ?? []).map((r) => r.id);
}

const rows = async (): Promise<number> => {
  const [{ count }] = await database.db.query('SELECT count(*)::int AS count FROM addiction_determination_request') as [{ count: number }];
  return count;
};

describe('requestAddictionDetermination', () => {
  let byPolice: Request;
  let byCommune: Request;
  let byFacility: Request;

  it('records a request by police, the commune or a facility, owned by the requesting unit, audited', async () => {
    byPolice = await requestAs('police_officer', '00101', 'POLICE');
    expect(byPolice).toMatchObject({ requestedBy: 'POLICE', reason: 'Phát hiện sử dụng ma túy, đề nghị xác định tình trạng nghiện', requestingUnit: { code: '00101', level: 'COMMUNE' } });
    expect(Number.isNaN(Date.parse(byPolice.requestedAt))).toBe(false);
    byCommune = await requestAs('commune_official', '00101', 'COMMUNE', '  Gia đình đề nghị  ');
    expect(byCommune.reason).toBe('Gia đình đề nghị');
    byFacility = await requestAs('facility_staff', 'CSCN1', 'FACILITY');
    expect(byFacility.requestingUnit).toEqual({ code: 'CSCN1', level: 'FACILITY' });
    const audit = await database.db.query(`SELECT role, entity_type, fields FROM audit_log WHERE person_id = $1 AND action = 'CHANGE' ORDER BY id`, [PERSON]);
    expect(audit).toEqual(['police_officer', 'commune_official', 'facility_staff'].map((role) => ({
      role, entity_type: 'AddictionDeterminationRequest', fields: ['reason', 'requestedBy', 'requestingUnit'] })));
  });

  it('shows requests to health and to the requesting units, within their scope, newest first', async () => {
    expect(await visibleTo('health_worker', '01')).toEqual([byFacility.id, byCommune.id, byPolice.id]);
    expect(await visibleTo('supervisor', '01')).toHaveLength(3);
    expect(await visibleTo('police_officer', '00101')).toEqual([byCommune.id, byPolice.id]);
    expect(await visibleTo('facility_staff', 'CSCN1')).toEqual([byFacility.id]);
    // Another district's police, and a clinic outside the requesting commune, see none.
    expect(await visibleTo('police_officer', '00201')).toEqual([]);
    expect(await visibleTo('health_worker', 'MMT001')).toEqual([]);
  });

  it.each(ROLES.filter((role) => !canRead(ACCESS_MATRIX, role, 'Mutation.requestAddictionDetermination')))('is refused to %s', async (role) => {
    const before = await rows();
    const result = await run(REQUEST, { p: PERSON, r: 'x', by: 'POLICE' }, role);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await rows()).toBe(before);
  });

  it('refuses bad input with the field at fault, changing nothing', async () => {
    const before = await rows();
    const cases: Array<[Role, Record<string, unknown>, string]> = [
      ['police_officer', { p: 'not-a-uuid', r: 'x', by: 'POLICE' }, 'personId'],
      ['police_officer', { p: PERSON, r: '   ', by: 'POLICE' }, 'reason'],
      ['police_officer', { p: PERSON, r: 'x', by: 'COMMUNE' }, 'requestedBy'],
      ['facility_staff', { p: PERSON, r: 'x', by: 'POLICE' }, 'requestedBy'],
    ];
    for (const [role, variables, field] of cases) {
      const error = (await run(REQUEST, variables, role, role === 'facility_staff' ? 'CSCN1' : '00101')).errors?.[0];
      expect([field, error?.extensions?.code, error?.extensions?.field]).toEqual([field, 'BAD_USER_INPUT', field]);
    }
    const mismatch = await run(REQUEST, { p: PERSON, r: 'x', by: 'FACILITY' }, 'commune_official', '00101');
    expect(mismatch.errors?.[0]?.extensions?.i18n).toEqual({
      vi: 'Vai trò của bạn chỉ được đề nghị với tư cách COMMUNE, không phải FACILITY', en: 'Your role may only request as COMMUNE, not FACILITY',
    });
    expect(await rows()).toBe(before);
  });
});
