import type { InProcessSystem } from '@rehab/ops';
import { SUBGRAPH_NAMES } from '@rehab/shared-schema';
import { startTestSystem } from './fixtures';

let system: InProcessSystem;
let token: string;

beforeAll(async () => {
  system = await startTestSystem();
  token = await system.login('giamsat.hanoi');
});

afterAll(async () => {
  await system.stop();
});

const LIST = `query($first: Int!) { persons(first: $first) {
  nodes {
    id fullName currentResidence { unit { name } }
    rehabEpisodes { status facility { name } }
    addictionDeterminations { addicted }
    substitutionTreatment { phase clinic { name } }
    supportAssignments { startedOn volunteer { fullName organisation { name } } }
  } } }`;

async function statementsFor(first: number): Promise<Record<string, number>> {
  system.resetQueryCounts();
  const response = await system.graphql<{ persons: { nodes: unknown[] } }>(token, LIST, { first });
  expect(response.errors).toBeUndefined();
  expect(response.data?.persons.nodes).toHaveLength(first);
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, system.queryCount(name)]));
}

describe('SQL statements per request', () => {
  it('are a constant per subgraph whatever the list size (per-request DataLoaders)', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred).toEqual(ten);
    for (const name of SUBGRAPH_NAMES) {
      // Each subgraph: a handful of batched selects plus one audit insert, never one per person.
      expect(hundred[name]).toBeGreaterThan(0);
      expect(hundred[name]).toBeLessThanOrEqual(8);
    }
  });
});
