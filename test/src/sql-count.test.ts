import { readFileSync } from 'node:fs';
import type { GraphQLObjectType } from 'graphql';
import type { InProcessSystem } from '@rehab/ops';
import { SUBGRAPH_NAMES, SUPERGRAPH_FILE, type Role } from '@rehab/shared-schema';
import { startTestSystem } from './fixtures';
import { fieldsBySubgraph, readSupergraph, selectionOf } from './supergraph-fields';

let system: InProcessSystem;
let token: string;

beforeAll(async () => {
  // Every field of a subgraph for 200 persons costs more than an officer's budget allows;
  // this test counts statements, so the gateway's (and the subgraphs') cost budget is lifted.
  process.env.GRAPHQL_MAX_COST = '1000000';
  system = await startTestSystem();
  token = await system.login('giamsat.hanoi');
});

afterAll(async () => {
  await system.stop();
});

const ROLE: Role = 'supervisor';
const supergraph = readSupergraph(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const person = supergraph.schema.getType('Person') as GraphQLObjectType;

/**
 * Every Person field each registered subgraph contributes that a supervisor may read,
 * with its nested records (two levels down), taken from the supergraph: a new subgraph's
 * fields are counted without editing this test.
 */
const CONTRIBUTED = new Map(
  SUBGRAPH_NAMES.map((name) => [
    name,
    (fieldsBySubgraph(supergraph, 'Person').get(name) ?? [])
      .filter((f) => f !== 'id')
      .map((f) => selectionOf(supergraph, person, f, ROLE, 2))
      .filter((s): s is string => s !== null),
  ]),
);

/** One list per subgraph: its Person fields (and the id the list itself comes with). */
const listOf = (name: string) => `query($first: Int!) { persons(first: $first) {
  nodes { id ${(CONTRIBUTED.get(name) ?? []).join('\n    ')} } } }`;

async function statementsFor(query: string, first: number): Promise<Record<string, number>> {
  system.resetQueryCounts();
  const response = await system.graphql<{ persons: { nodes: unknown[] } }>(token, query, { first });
  expect(response.errors).toBeUndefined();
  expect(response.data?.persons.nodes).toHaveLength(first);
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, system.queryCount(name)]));
}

describe('SQL statements per request', () => {
  it('cover fields of every registered subgraph', () => {
    for (const name of SUBGRAPH_NAMES)
      expect({ name, fields: (CONTRIBUTED.get(name) ?? []).length > 0 }).toEqual({ name, fields: true });
  });

  it.each(SUBGRAPH_NAMES.map((name) => [name]))(
    'stay under a bound that does not grow with the list, with every Person field of %s (per-request DataLoaders)',
    async (name) => {
      const query = listOf(name);
      // The bound does not grow with the list: at most one batched select per list of records
      // selected (each `{`) and per depth it is reached at, plus the audit insert and the list
      // itself. (The exact count may differ by a batch between two lists: a facility first met
      // one level deeper in the longer list is one more batch, not one per person.)
      const recordLists = (CONTRIBUTED.get(name) ?? []).join(' ').split('{').length - 1;
      for (const first of [100, 200]) {
        const counts = await statementsFor(query, first);
        expect(counts[name]).toBeGreaterThan(0);
        expect(counts[name]).toBeLessThanOrEqual(recordLists + 2);
      }
    },
  );
});
