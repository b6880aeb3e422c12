import { randomUUID } from 'node:crypto';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse, type GraphQLSchema } from 'graphql';
import type { AccessMatrix, Caller, Role } from '@rehab/shared-schema';
import { applyAccessRules } from '../access/enforce';
import { PersonPseudonyms, PseudonymError, seesPseudonyms } from '../access/pseudonym';
import { AuditCollector } from '../audit/collector';
import { testCaller } from '../testing';

const SECRET = 's'.repeat(40);
const pseudonyms = new PersonPseudonyms(SECRET);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('PersonPseudonyms', () => {
  const id = randomUUID();

  it('maps a person id to a stable, UUID-shaped pseudonym and back', () => {
    const pseudonym = pseudonyms.pseudonymOf(id);
    expect(pseudonym).toMatch(UUID);
    expect(pseudonym).not.toBe(id);
    expect(pseudonyms.pseudonymOf(id)).toBe(pseudonym);
    expect(new PersonPseudonyms(SECRET).pseudonymOf(id.toUpperCase())).toBe(pseudonym);
    expect(pseudonyms.personIdOf(pseudonym)).toBe(id);
    expect(pseudonyms.personIdOf(pseudonym.toUpperCase())).toBe(id);
  });

  it('gives different pseudonyms to different persons and under different secrets', () => {
    const ids = Array.from({ length: 200 }, () => randomUUID());
    expect(new Set(ids.map((i) => pseudonyms.pseudonymOf(i))).size).toBe(200);
    expect(new PersonPseudonyms('t'.repeat(40)).pseudonymOf(id)).not.toBe(pseudonyms.pseudonymOf(id));
  });

  it('refuses values that are not UUIDs and short secrets', () => {
    expect(() => pseudonyms.personIdOf('not-a-uuid')).toThrow(PseudonymError);
    expect(() => pseudonyms.pseudonymOf(`${id}0`)).toThrow(PseudonymError);
    expect(() => new PersonPseudonyms('short')).toThrow('at least 32');
  });

  it('seals cursors opaquely and refuses tampered or foreign ones', () => {
    const cursor = `nguyen van a\u0000${id}`;
    const sealed = pseudonyms.sealCursor(cursor);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(id);
    expect(pseudonyms.openCursor(sealed)).toBe(cursor);
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => pseudonyms.openCursor(bytes.toString('base64url'))).toThrow(PseudonymError);
    expect(() => new PersonPseudonyms('t'.repeat(40)).openCursor(sealed)).toThrow(PseudonymError);
    expect(() => pseudonyms.openCursor('abc')).toThrow(PseudonymError);
  });

  it('applies to analysts only', () => {
    expect(seesPseudonyms({ role: 'analyst' })).toBe(true);
    expect(seesPseudonyms({ role: 'supervisor' })).toBe(false);
  });
});

/** A small federated schema with every place a person id can travel. */
const TYPE_DEFS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Person @key(fields: "id") { id: ID! code: String! }
  type Visit @key(fields: "id") { id: ID! personId: ID! }
  input VisitFilter { personId: ID }
  type Page { nodes: [Person!]! endCursor: String }
  type Query {
    person(id: ID!): Person
    persons(after: String): Page!
    visits(filter: VisitFilter): [Visit!]!
  }
  type Mutation { merge(survivorId: ID!, duplicateId: ID!): Person! }
`);

interface PersonRow {
  id: string;
  code: string;
}
const PEOPLE: PersonRow[] = [
  { id: randomUUID(), code: 'A' },
  { id: randomUUID(), code: 'B' },
];
const VISIT = { id: randomUUID(), personId: PEOPLE[0]?.id as string };
const byId = (id: string): PersonRow | null => PEOPLE.find((p) => p.id === id) ?? null;

const everyone: readonly Role[] = ['analyst', 'supervisor'];
const MATRIX: AccessMatrix = {
  'Query.person': { owner: 'police', read: everyone },
  'Query.persons': { owner: 'police', read: everyone },
  'Query.visits': { owner: 'police', read: everyone },
  'Person.id': { owner: 'police', read: everyone },
  'Person.code': { owner: 'police', read: everyone, sensitive: true },
  'Visit.id': { owner: 'police', read: everyone },
  'Visit.personId': { owner: 'police', read: everyone },
  'Page.nodes': { owner: 'police', read: everyone },
  'Page.endCursor': { owner: 'police', read: everyone },
  'Mutation.merge': { owner: 'police', read: everyone },
};

function buildSchema(): GraphQLSchema {
  const schema = buildSubgraphSchema([
    {
      typeDefs: TYPE_DEFS,
      resolvers: {
        Person: { __resolveReference: (ref: { id: string }) => byId(ref.id) },
        Query: {
          person: (_: unknown, { id }: { id: string }) => byId(id),
          // The cursor is the last id; a page holds one person.
          persons: async (_: unknown, { after }: { after?: string }) => {
            const index = after ? PEOPLE.findIndex((p) => p.id === after) + 1 : 0;
            const node = PEOPLE[index];
            return { nodes: node ? [node] : [], endCursor: node?.id ?? null };
          },
          visits: (_: unknown, { filter }: { filter?: { personId?: string } }) =>
            [VISIT].filter((v) => v.personId === filter?.personId),
        },
        Mutation: {
          // Answers the survivor, once both ids name known persons.
          merge: (_: unknown, { survivorId, duplicateId }: { survivorId: string; duplicateId: string }) => {
            const survivor = byId(survivorId);
            return survivor && byId(duplicateId) ? survivor : null;
          },
        },
      },
    },
  ]);
  return applyAccessRules(schema, MATRIX, pseudonyms);
}

interface Run {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
  audited: { personId: string | null; fields: string[] }[];
}

const schema = buildSchema();

async function run(role: Role, source: string, variableValues: Record<string, unknown> = {}): Promise<Run> {
  const caller: Caller = testCaller(role);
  const audit = new AuditCollector(caller);
  const result = await graphql({ schema, source, variableValues, contextValue: { caller, audit } });
  const audited: Run['audited'] = [];
  await audit.flush({ write: async (rows) => void audited.push(...rows) });
  return { data: result.data, errors: result.errors?.map((e) => e.toJSON()), audited };
}

const [first, second] = PEOPLE as [PersonRow, PersonRow];

describe('pseudonymous schema for analysts', () => {
  it('returns pseudonyms, loads by pseudonym and audits the real id', async () => {
    const result = await run('analyst', 'query($id: ID!) { person(id: $id) { id code } }', {
      id: pseudonyms.pseudonymOf(first.id),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.person).toEqual({ id: pseudonyms.pseudonymOf(first.id), code: 'A' });
    expect(result.audited).toEqual([expect.objectContaining({ personId: first.id, fields: ['code'] })]);
  });

  it('does not find a person by the real id, and rejects a malformed one', async () => {
    const real = await run('analyst', 'query($id: ID!) { person(id: $id) { id } }', { id: first.id });
    expect(real.errors).toBeUndefined();
    expect(real.data?.person).toBeNull();
    const malformed = await run('analyst', '{ person(id: "x") { id } }');
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('decodes entity representations before the reference resolver; a bad one fails alone', async () => {
    const result = await run('analyst', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id code } } }', {
      r: [
        { __typename: 'Person', id: pseudonyms.pseudonymOf(second.id) },
        { __typename: 'Person', id: 'bad' },
      ],
    });
    expect(result.data?._entities).toEqual([{ id: pseudonyms.pseudonymOf(second.id), code: 'B' }, null]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['_entities', 1], extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.audited).toEqual([expect.objectContaining({ personId: second.id })]);
  });

  it('pseudonymises personId fields and decodes personId inside input objects', async () => {
    const result = await run('analyst', 'query($p: ID!) { visits(filter: { personId: $p }) { id personId } }', {
      p: pseudonyms.pseudonymOf(first.id),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.visits).toEqual([{ id: VISIT.id, personId: pseudonyms.pseudonymOf(first.id) }]);
  });

  it('decodes every ID argument of a field returning Person', async () => {
    const result = await run('analyst', 'mutation($s: ID!, $d: ID!) { merge(survivorId: $s, duplicateId: $d) { id } }', {
      s: pseudonyms.pseudonymOf(first.id),
      d: pseudonyms.pseudonymOf(second.id),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.merge).toEqual({ id: pseudonyms.pseudonymOf(first.id) });
  });

  it('seals cursors, which carry real ids, and opens them on the way back', async () => {
    const page = await run('analyst', '{ persons { nodes { id } endCursor } }');
    const cursor = (page.data?.persons as { endCursor: string }).endCursor;
    expect(cursor).not.toBe(first.id);
    const next = await run('analyst', 'query($after: String) { persons(after: $after) { nodes { id } } }', { after: cursor });
    expect(next.errors).toBeUndefined();
    expect(next.data?.persons).toEqual({ nodes: [{ id: pseudonyms.pseudonymOf(second.id) }] });
    const forged = await run('analyst', 'query($after: String) { persons(after: $after) { nodes { id } } }', { after: first.id });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('real ids for other roles', () => {
  it('returns real ids and does not resolve a pseudonym', async () => {
    const real = await run('supervisor', 'query($id: ID!) { person(id: $id) { id } }', { id: first.id });
    expect(real.data?.person).toEqual({ id: first.id });
    const pseudonym = await run('supervisor', 'query($id: ID!) { person(id: $id) { id } }', {
      id: pseudonyms.pseudonymOf(first.id),
    });
    expect(pseudonym.data?.person).toBeNull();
    const entities = await run('supervisor', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }', {
      r: [{ __typename: 'Person', id: pseudonyms.pseudonymOf(first.id) }],
    });
    expect(entities.data?._entities).toEqual([null]);
    const page = await run('supervisor', '{ persons { endCursor } }');
    expect(page.data?.persons).toEqual({ endCursor: first.id });
  });
});
