import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import {
  buildSubgraphServer,
  createContext,
  deliverTestNotice,
  openTestDatabase,
  testCaller,
  testNotice,
  type Notice,
  type TestDatabase,
} from '@rehab/server-kit';
import type { Caller, DemoPerson, Role, SubgraphName } from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { noticeHandlers } from '../notice-handlers';
import { seedLaborWelfare } from '../seed';
import { createLaborWelfareDataSource, laborWelfareSubgraph } from '../server';

export type Result = FormattedExecutionResult<Record<string, unknown>, Record<string, unknown>>;

/** A seeded throwaway database and the subgraph server on it. */
export interface Harness {
  database: TestDatabase;
  server: ApolloServer<Context>;
  run(query: string, variables: Record<string, unknown>, role: Role, unitCode?: string): Promise<Result>;
  runAs(query: string, variables: Record<string, unknown>, caller: Caller): Promise<Result>;
  close(): Promise<void>;
}

export async function openHarness(population: readonly DemoPerson[]): Promise<Harness> {
  const database = await openTestDatabase('labor-welfare', createLaborWelfareDataSource);
  await seedLaborWelfare(database.db, population);
  const server = buildSubgraphServer(laborWelfareSubgraph, { db: database.db });
  const runAs = async (query: string, variables: Record<string, unknown>, caller: Caller): Promise<Result> => {
    const contextValue = createContext(database.db, caller, createLoaders);
    const response = await server.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
  return {
    database,
    server,
    runAs,
    run: (query, variables, role, unitCode = '01') => runAs(query, variables, testCaller(role, unitCode)),
    close: async () => {
      await server.stop();
      await database.close();
    },
  };
}

/** `_entities` query selecting `selection` on each Person id. */
export const PERSON_ENTITIES = (selection: string) =>
  `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${selection} } } }`;

export const personRefs = (ids: readonly string[]) => ({ r: ids.map((id) => ({ __typename: 'Person', id })) });

/** A notice from another agency to this subgraph, as the outbox delivers it. */
export function noticeTo(source: SubgraphName, topic: string, payload: unknown): Notice {
  return testNotice('labor-welfare', source, topic, payload);
}

/** Runs this subgraph's handler of a notice in one transaction, as the receiver does. */
export function deliverNotice(h: Harness, notice: Notice): Promise<void> {
  return deliverTestNotice(h.database.db, noticeHandlers, notice);
}
