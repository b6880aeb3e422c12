/**
 * The gateway's query plan for a list of indicator values: labor-welfare answers
 * the list, police, health and volunteers are asked once each for every value at once
 * (their @inaccessible measures), then labor-welfare once more for the fields that
 * @requires them. Planned from the committed supergraph, as the gateway does.
 */
import { readFileSync } from 'node:fs';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import { SUPERGRAPH_FILE } from '@rehab/shared-schema';

function fetches(node: PlanNode | SubscriptionNode | undefined): FetchNode[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node];
    case 'Flatten':
      return fetches(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetches);
    default:
      return [];
  }
}

const supergraph = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8'));
const planner = new QueryPlanner(supergraph);

function plan(query: string): FetchNode[] {
  return fetches(planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))).node);
}

describe('query plan of indicator lists', () => {
  it.each([
    [
      'indicators',
      '{ indicators(plan: "p", unit: "01", period: { kind: YEAR, year: 2026 }) { indicator { code } target actual ratio numerator denominator } }',
    ],
    [
      'indicatorBreakdown',
      '{ indicatorBreakdown(plan: "p", indicator: "RECORDS_IN_TREATMENT_SHARE", unit: "01", period: { kind: YEAR, year: 2026 }) { unit { code } actual ratio } }',
    ],
  ])('%s: one fetch per measuring subgraph for the whole list, then one back to labor-welfare', (_name, query) => {
    const nodes = plan(query);
    expect(nodes.map((n) => n.serviceName).sort()).toEqual(['health', 'labor-welfare', 'labor-welfare', 'police', 'volunteers']);
    const entityFetches = nodes.filter((n) => n.requires !== undefined);
    expect(entityFetches).toHaveLength(4);
    for (const name of ['police', 'health', 'volunteers']) {
      expect(nodes.find((n) => n.serviceName === name)?.operation).toMatch(/_entities/);
    }
  });

  it('does not reach the other agencies when no field needs their measures', () => {
    expect(
      plan(
        '{ indicators(plan: "p", unit: "01", period: { kind: YEAR, year: 2026 }) { indicator { code name } target period { label } } }',
      ).map((n) => n.serviceName),
    ).toEqual(['labor-welfare']);
  });

  it('keeps the measures out of the API schema (clients cannot select them)', () => {
    const api = supergraph.apiSchema();
    const value = api.type('IndicatorValue');
    expect(
      value && 'field' in value ? ['policeMeasure', 'healthMeasure', 'volunteersMeasure'].map((f) => value.field(f)) : null,
    ).toEqual([undefined, undefined, undefined]);
  });
});
