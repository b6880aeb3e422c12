import type { ApolloServer } from '@apollo/server';
import { buildSubgraphServer, createContext, openTestDatabase, testCaller, type TestDatabase } from '@rehab/server-kit';
import { generateDemoPopulation, type Role } from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { seedHealth } from '../seed';
import { createHealthDataSource, healthSubgraph } from '../server';

/** The test caller's username, certified at MMT001 when the harness is opened with a physician. */
export const PHYSICIAN = 'test.health_worker';

export interface Result {
  data?: Record<string, unknown> | null;
  errors?: readonly { extensions?: Record<string, unknown> }[];
}

/** A seeded throwaway health database and the subgraph server on it. */
export interface HealthHarness {
  database: TestDatabase;
  run(query: string, variables: Record<string, unknown>, role: Role, unitCode?: string): Promise<Result>;
  close(): Promise<void>;
}

export async function openHealthHarness(options: { persons: number; physician?: boolean }): Promise<HealthHarness> {
  const database = await openTestDatabase('health', createHealthDataSource);
  await seedHealth(database.db, generateDemoPopulation({ persons: options.persons }));
  if (options.physician) {
    await database.db.query(
      `INSERT INTO certified_physician (username, full_name, certificate_number, facility_code)
      VALUES ($1, 'Bác sĩ Kiểm Thử', 'CCHN-TEST', 'MMT001')`,
      [PHYSICIAN],
    );
  }
  const server: ApolloServer<Context> = buildSubgraphServer(healthSubgraph, { db: database.db });
  return {
    database,
    run: async (query, variables, role, unitCode = '01') => {
      const contextValue = createContext(database.db, testCaller(role, unitCode), createLoaders);
      const response = await server.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    },
    close: async () => {
      await server.stop();
      await database.close();
    },
  };
}
