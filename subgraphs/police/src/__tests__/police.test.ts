import type { ApolloServer } from '@apollo/server';
import { buildSubgraphServer, createContext, openTestDatabase, testCaller, type TestDatabase } from '@rehab/server-kit';
import { generateDemoPopulation, type DemoPerson, type Role } from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { seedPolice } from '../seed';
import { createPoliceDataSource, policeSubgraph } from '../server';

let database: TestDatabase;
let server: ApolloServer<Context>;
const population = generateDemoPopulation({ persons: 200 });
const someone = population[0] as DemoPerson;

beforeAll(async () => {
  database = await openTestDatabase('police', createPoliceDataSource);
  await seedPolice(database.db, population);
  server = buildSubgraphServer(policeSubgraph, { db: database.db });
});

afterAll(async () => {
  await server.stop();
  await database.close();
});

async function run(query: string, variables: Record<string, unknown>, role: Role, unitCode = '01') {
  const contextValue = createContext(database.db, testCaller(role, unitCode), createLoaders);
  const response = await server.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

const BY_NUMBER = `query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) {
  id fullName identificationNumber dateOfBirth currentResidence { addressLine unit { code name level path } } } }`;

describe('population registry', () => {
  it('finds a person by identification number with residence unit resolved', async () => {
    const result = await run(BY_NUMBER, { n: someone.identificationNumber }, 'police_officer');
    expect(result.errors).toBeUndefined();
    const person = (
      result.data as {
        personByIdentificationNumber: {
          id: string;
          fullName: string;
          currentResidence: { unit: { code: string; level: string } };
        };
      }
    ).personByIdentificationNumber;
    expect(person.id).toBe(someone.id);
    expect(person.fullName).toBe(someone.fullName);
    expect(person.currentResidence.unit).toMatchObject({ code: someone.currentResidence.unitCode, level: 'COMMUNE' });
  });

  it('rejects a malformed identification number with a bilingual typed error', async () => {
    const result = await run(BY_NUMBER, { n: '12345' }, 'police_officer');
    expect(result.data).toBeUndefined();
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.i18n).toEqual({
      vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số',
      en: 'The identification number must be exactly 12 digits',
    });
  });

  it('searches by name ignoring diacritics and case, paginated by cursor', async () => {
    const query = `query($name: String, $after: String) { persons(name: $name, first: 5, after: $after) {
      totalCount nodes { id fullName } pageInfo { endCursor hasNextPage } } }`;
    // A police officer of Hà Nội: the Hà Nội people (Lào Cai's are another province's).
    const expected = population.filter((p) => p.fullName.startsWith('Nguyễn') && p.currentResidence.unitPath.startsWith('01.'));
    const first = await run(query, { name: 'NGUYEN' }, 'police_officer');
    interface Page extends Record<string, unknown> {
      persons: {
        totalCount: number;
        nodes: { id: string; fullName: string }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    }
    const page1 = (first.data as Page).persons;
    expect(page1.totalCount).toBe(expected.length);
    expect(page1.nodes).toHaveLength(5);
    for (const n of page1.nodes) expect(n.fullName).toMatch(/Nguyễn/);
    const second = (await run(query, { name: 'nguyen', after: page1.pageInfo.endCursor }, 'police_officer')).data as Page;
    const ids = new Set([...page1.nodes, ...second.persons.nodes].map((n) => n.id));
    expect(ids.size).toBe(10);
  });

  it("limits records to the caller's unit subtree", async () => {
    const other = someone.home.unitPath.startsWith('15.') ? '01' : '15';
    const inside = await run(
      BY_NUMBER,
      { n: someone.identificationNumber },
      'commune_official',
      someone.currentResidence.unitCode,
    );
    expect((inside.data as { personByIdentificationNumber: unknown }).personByIdentificationNumber).not.toBeNull();
    const outside = await run(BY_NUMBER, { n: someone.identificationNumber }, 'commune_official', other);
    expect((outside.data as { personByIdentificationNumber: unknown }).personByIdentificationNumber).toBeNull();
  });

  it('tells "not yours" from "not found": a unit officer learns which unit holds the record (audited), no one else', async () => {
    const other = someone.home.unitPath.startsWith('15.') ? '01' : '15';
    const existenceReads = async () =>
      (
        await database.db.query<{ fields: string[] }[]>(
          `SELECT fields FROM audit_log WHERE person_id = $1 AND unit_code = $2 AND entity_type = 'Person' AND action = 'READ'`,
          [someone.id, other],
        )
      ).flatMap((a) => a.fields);
    const before = await existenceReads();
    const outside = await run(BY_NUMBER, { n: someone.identificationNumber }, 'commune_official', other);
    expect(outside.errors?.map((e) => [e.extensions?.code, e.extensions?.breakGlassUnit])).toEqual([
      ['FORBIDDEN', someone.currentResidence.unitCode],
    ]);
    expect(outside.errors?.[0]?.extensions?.i18n).toEqual({
      vi: expect.stringContaining('ngoài phạm vi đơn vị của bạn'),
      en: expect.stringContaining('outside your unit'),
    });
    const byId = await run(`query($id: ID!) { person(id: $id) { id } }`, { id: someone.id }, 'police_officer', other);
    expect(byId.errors?.[0]?.extensions?.breakGlassUnit).toBe(someone.currentResidence.unitCode);
    expect(await existenceReads()).toEqual([...before, 'existence', 'existence']);
    // Nobody's number, and any number asked by a role that cannot break the glass: just not found.
    const nobody = await run(BY_NUMBER, { n: '001099000999' }, 'commune_official', other);
    expect(nobody.errors).toBeUndefined();
    expect((nobody.data as { personByIdentificationNumber: unknown }).personByIdentificationNumber).toBeNull();
    const volunteer = await run(`query($id: ID!) { person(id: $id) { id } }`, { id: someone.id }, 'volunteer', other);
    expect(volunteer.errors).toBeUndefined();
    expect((volunteer.data as { person: unknown }).person).toBeNull();
  });

  it('denies identity fields to roles without the right, field by field', async () => {
    // identificationNumber first: the first denied non-null field nulls the person and ends it (volunteers read no names either).
    const query = `query($id: ID!) { person(id: $id) { id identificationNumber fullName } }`;
    const volunteer = await run(query, { id: someone.id }, 'volunteer');
    expect((volunteer.data as { person: { fullName: string } | null }).person).toBeNull();
    expect(volunteer.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(volunteer.errors?.some((e) => e.path?.join('.') === 'person.identificationNumber')).toBe(true);
    const analyst = await run(`query { persons(first: 3) { nodes { id fullName } } }`, {}, 'analyst');
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(analyst.errors?.[0]?.path).toEqual(['persons', 'nodes', 0, 'fullName']);
  });

  it('refuses to filter by name or number for a role that may not read them (no re-identification)', async () => {
    const byName = await run(`query($n: String) { persons(name: $n, first: 5) { totalCount } }`, { n: 'nguyen' }, 'analyst');
    expect(byName.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'name' });
    expect(byName.data).toBeNull();
    const byNumber = await run(
      `query($n: IdentificationNumber) { persons(identificationNumber: $n, first: 5) { totalCount } }`,
      { n: someone.identificationNumber },
      'analyst',
    );
    expect(byNumber.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'identificationNumber' });
    const unfiltered = await run(`query { persons(first: 5) { totalCount } }`, {}, 'analyst');
    expect(unfiltered.errors).toBeUndefined();
  });

  it('audits sensitive reads: who, which person, which fields', async () => {
    const caller = testCaller('police_officer');
    const contextValue = createContext(database.db, caller, createLoaders);
    await server.executeOperation({ query: BY_NUMBER, variables: { n: someone.identificationNumber } }, { contextValue });
    const rows = await database.db.query<
      { username: string; role: string; person_id: string; entity_type: string; fields: string[] }[]
    >('SELECT username, role, person_id, entity_type, fields FROM audit_log WHERE request_id = $1', [caller.requestId]);
    expect(rows).toEqual([
      {
        username: caller.username,
        role: 'police_officer',
        person_id: someone.id,
        entity_type: 'Person',
        fields: ['currentResidence', 'dateOfBirth', 'fullName', 'identificationNumber'],
      },
    ]);
  });

  it('keeps the audit table append-only, even for its owner', async () => {
    const owner = await database.owner();
    await expect(owner.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(owner.query('UPDATE audit_log SET username = $1', ['x'])).rejects.toThrow(/append-only/);
  });
});
