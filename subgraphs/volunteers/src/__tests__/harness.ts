import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { buildSubgraphServer, createContext, openTestDatabase, type TestDatabase } from '@rehab/server-kit';
import { generateDemoPopulation, type Caller } from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { seedVolunteers } from '../seed';
import { createVolunteersDataSource, volunteersSubgraph } from '../server';

export type Result = FormattedExecutionResult<Record<string, unknown>, Record<string, unknown>>;

export interface VolunteersSuite {
  readonly database: TestDatabase;
  run(query: string, variables: Record<string, unknown>, caller: Caller): Promise<Result>;
}

/** A seeded volunteers database and server for the test file (opened before its tests, closed after). */
export function volunteersSuite(persons = 30): VolunteersSuite {
  let database: TestDatabase | undefined;
  let server: ApolloServer<Context> | undefined;
  beforeAll(async () => {
    database = await openTestDatabase('volunteers', createVolunteersDataSource);
    await seedVolunteers(database.db, generateDemoPopulation({ persons }));
    server = buildSubgraphServer(volunteersSubgraph, { db: database.db });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });
  const opened = () => {
    if (!database || !server) throw new Error('the volunteers suite has not started');
    return { database, server };
  };
  return {
    get database() {
      return opened().database;
    },
    async run(query, variables, caller) {
      const { database: db, server: s } = opened();
      const response = await s.executeOperation(
        { query, variables },
        { contextValue: createContext(db.db, caller, createLoaders) },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    },
  };
}
