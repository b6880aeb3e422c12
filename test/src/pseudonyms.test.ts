import type { InProcessSystem } from '@rehab/ops';
import { PersonPseudonyms, testCaller } from '@rehab/server-kit';
import type { Role, SubgraphName } from '@rehab/shared-schema';
import { population, startTestSystem } from './fixtures';

let system: InProcessSystem;
let analyst: string;
let supervisor: string;
let pseudonyms: PersonPseudonyms;
const REAL_IDS = new Set(population.map((p) => p.id));

beforeAll(async () => {
  system = await startTestSystem();
  pseudonyms = new PersonPseudonyms(system.pseudonymSecret);
  [analyst, supervisor] = await Promise.all([system.login('phantich.hanoi'), system.login('giamsat.hanoi')]);
});

afterAll(async () => {
  await system.stop();
});

interface Page {
  persons: { totalCount: number; nodes: { id: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

const PAGE = `query($after: String) {
  persons(first: 25, after: $after) { totalCount nodes { id } pageInfo { endCursor hasNextPage } }
}`;

async function page(token: string, after: string | null = null): Promise<Page['persons']> {
  const response = await system.graphql<Page>(token, PAGE, { after });
  expect(response.errors).toBeUndefined();
  return response.data?.persons as Page['persons'];
}

/** Every person the supervisor lists (the analyst's scope too: the city), real ids in id order. */
async function realIdsInIdOrder(): Promise<string[]> {
  const ids: string[] = [];
  for (let after: string | null = null, n = 0; n < 100; n++) {
    const p = await page(supervisor, after);
    ids.push(...p.nodes.map((node) => node.id));
    if (!p.pageInfo.hasNextPage) break;
    after = p.pageInfo.endCursor;
  }
  return ids.sort();
}

/** An _entities call straight to a subgraph, signed as the gateway would for this role. */
async function entities(subgraph: SubgraphName, role: Role, ids: string[]) {
  const url = system.subgraphs.get(subgraph)?.url as string;
  const body = {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }',
    variables: { r: ids.map((id) => ({ __typename: 'Person', id })) },
  };
  const response = await fetch(url, {
    method: 'POST',
    headers: await system.signedHeaders(testCaller(role), subgraph, body),
    body: JSON.stringify(body),
  });
  return (await response.json()) as {
    data?: { _entities: ({ id: string } | null)[] };
    errors?: { path?: unknown[]; extensions?: { code?: string } }[];
  };
}

describe('pseudonymous person ids for analysts', () => {
  it('gives analysts pseudonyms, not real ids, stable across requests', async () => {
    const [mine, again, real] = [await page(analyst), await page(analyst), await page(supervisor)];
    expect(mine.nodes).toHaveLength(25);
    expect(mine.totalCount).toBe(real.totalCount);
    for (const node of mine.nodes) {
      expect(node.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(REAL_IDS.has(node.id)).toBe(false);
    }
    expect(again.nodes).toEqual(mine.nodes);
    // The same persons under their pseudonyms, in the order of their random real ids (no name order, see inference.test.ts).
    expect(mine.nodes.map((n) => n.id)).toEqual((await realIdsInIdOrder()).slice(0, 25).map((id) => pseudonyms.pseudonymOf(id)));
  });

  it('gives other roles the real ids', async () => {
    const real = await page(supervisor);
    for (const node of real.nodes) expect(REAL_IDS.has(node.id)).toBe(true);
  });

  it('seals the list cursor for analysts and pages on with it', async () => {
    const first = await page(analyst);
    const cursor = first.pageInfo.endCursor as string;
    const opened = Buffer.from(cursor, 'base64url').toString('latin1');
    for (const p of population) expect(opened).not.toContain(p.id);
    const next = await page(analyst, cursor);
    expect(next.nodes.map((n) => n.id)).toEqual((await realIdsInIdOrder()).slice(25, 50).map((id) => pseudonyms.pseudonymOf(id)));
  });

  it('resolves a list with federated reference types for the analyst', async () => {
    const response = await system.graphql<{
      persons: Page['persons'];
      facilities: { code: string; name: string }[];
      clinics: { name: string }[];
    }>(analyst, '{ persons(first: 5) { totalCount nodes { id } } facilities { code name } clinics { name } }');
    expect(response.errors).toBeUndefined();
    expect(response.data?.persons.nodes).toHaveLength(5);
    expect(response.data?.facilities.length).toBeGreaterThan(0);
    expect(response.data?.clinics.length).toBeGreaterThan(0);
  });

  it.each(['police', 'labor-welfare', 'health', 'volunteers'] as const)(
    "%s decodes an analyst's pseudonym in _entities and answers with it",
    async (name) => {
      // Police loads the person from the decoded id: a non-null answer proves the decoding.
      const person = population[0]?.id as string;
      const answer = await entities(name, 'analyst', [pseudonyms.pseudonymOf(person), 'not-an-id']);
      expect(answer.data?._entities[0]).toEqual({ id: pseudonyms.pseudonymOf(person) });
      expect(answer.data?._entities[1]).toBeNull();
      expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 1], 'BAD_USER_INPUT']]);
    },
  );

  it('police does not find a person for an analyst by the real id', async () => {
    const answer = await entities('police', 'analyst', [population[0]?.id as string]);
    expect(answer.data?._entities).toEqual([null]);
  });

  it('a pseudonym does not find a person for a non-analyst', async () => {
    const person = population[0]?.id as string;
    const byId = await system.graphql<{ person: { id: string } | null }>(
      supervisor,
      'query($id: ID!) { person(id: $id) { id } }',
      { id: pseudonyms.pseudonymOf(person) },
    );
    expect(byId.errors).toBeUndefined();
    expect(byId.data?.person).toBeNull();
    const real = await system.graphql<{ person: { id: string } | null }>(
      supervisor,
      'query($id: ID!) { person(id: $id) { id } }',
      { id: person },
    );
    expect(real.data?.person).toEqual({ id: person });
    const direct = await entities('police', 'supervisor', [pseudonyms.pseudonymOf(person)]);
    expect(direct.data?._entities).toEqual([null]);
  });
});
