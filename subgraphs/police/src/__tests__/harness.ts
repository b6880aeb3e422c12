import { createHash } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import {
  PersonPseudonyms,
  buildSubgraphServer,
  createContext,
  deliverTestNotice,
  openTestDatabase,
  testCaller,
  testNotice,
  type Notice,
  type TestDatabase,
} from '@rehab/server-kit';
import {
  makeIdentificationNumber,
  type Caller,
  type DemoPerson,
  type Role,
  type Sex,
  type SubgraphName,
} from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { policeNoticeHandlers } from '../notices/handlers';
import { seedPolice } from '../seed';
import { createPoliceDataSource, policeSubgraph } from '../server';

export type Result = FormattedExecutionResult<Record<string, unknown>, Record<string, unknown>>;

/** A seeded throwaway police database and the subgraph server on it. */
export interface Harness {
  database: TestDatabase;
  server: ApolloServer<Context>;
  run(query: string, variables: Record<string, unknown>, role: Role, unitCode?: string): Promise<Result>;
  runAs(query: string, variables: Record<string, unknown>, caller: Caller): Promise<Result>;
  /** Rows of the tables, the audit log and the outbox: equal before and after a refused change. */
  snapshot(): Promise<string>;
  close(): Promise<void>;
}

const PSEUDONYM_SECRET = 'p'.repeat(32);

/** Analysts' pseudonyms as the test server makes them. */
export const PSEUDONYMS = new PersonPseudonyms(PSEUDONYM_SECRET);

const TABLES = [
  'person',
  'person_merge',
  'drug_user_management',
  'drug_user_check_in',
  'transfer_notice',
  'absconder_search',
  'rehab_completion_notice',
  'substance_declaration',
  'summons',
  'electronic_monitoring_order',
  'monitoring_alert',
  'audit_log',
  'outbox_notice',
];

export async function openHarness(population: readonly DemoPerson[]): Promise<Harness> {
  const database = await openTestDatabase('police', createPoliceDataSource);
  await seedPolice(database.db, population);
  const server = buildSubgraphServer(policeSubgraph, { db: database.db, pseudonymSecret: PSEUDONYM_SECRET });
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
    snapshot: async () => {
      const parts: unknown[] = [];
      for (const table of TABLES) {
        // A refused registration leaves its REFUSED audit row and nothing else (checked where it matters).
        const where = table === 'audit_log' ? ` WHERE action <> 'REFUSED'` : '';
        parts.push(await database.db.query(`SELECT * FROM ${table}${where} ORDER BY 1`));
      }
      // A digest keeps a failing comparison readable; the rows themselves are in the database.
      return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
    },
    close: async () => {
      await server.stop();
      await database.close();
    },
  };
}

/**
 * Whether a `person(id)` lookup found a record the caller may not read: null, refused as out of
 * scope with the unit holding it (for roles that may break the glass), nothing else.
 */
export function outOfScope(result: Result, unitCode?: string): boolean {
  const person = (result.data as { person?: unknown } | null | undefined)?.person ?? null;
  const [error, ...more] = result.errors ?? [];
  const unit = error?.extensions?.breakGlassUnit;
  return (
    person === null &&
    more.length === 0 &&
    error?.extensions?.code === 'FORBIDDEN' &&
    typeof unit === 'string' &&
    (unitCode === undefined || unit === unitCode)
  );
}

/** The data of a successful result (fails the test with the errors otherwise). */
export function dataOf<T>(result: Result): T {
  if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** The first error's code, field and Vietnamese/English text. */
export function errorOf(result: Result): { code: unknown; field: unknown; vi: string; en: string } {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  const i18n = error.extensions?.i18n as { vi: string; en: string } | undefined;
  return { code: error.extensions?.code, field: error.extensions?.field, vi: i18n?.vi ?? '', en: i18n?.en ?? '' };
}

let serial = 900_000;

/** A valid, never-used identification number for a person born on `dateOfBirth`. */
export function freshNumber(dateOfBirth: string, sex: Sex, province = '001'): string {
  serial += 1;
  return makeIdentificationNumber(province, dateOfBirth, sex, serial);
}

/** Phường Ba Đình (today): the demo ward. */
export const COMMUNE = '00004';
/** Phường Ngọc Hà, its neighbour in Hà Nội. */
export const NEIGHBOUR_COMMUNE = '00008';
/** Phường Lào Cai, in another province. */
export const OTHER_COMMUNE = '02647';

export const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) {
  id identificationNumber fullName dateOfBirth sex version recordStatus currentResidence { addressLine unit { code } } } }`;

export interface RegisteredPerson {
  id: string;
  identificationNumber: string;
  fullName: string;
  dateOfBirth: string;
  version: number;
}

export function personInput(overrides: Record<string, unknown> = {}, commune = COMMUNE): Record<string, unknown> {
  const dateOfBirth = (overrides.dateOfBirth as string | undefined) ?? '1990-05-17';
  const sex = (overrides.sex as Sex | undefined) ?? 'MALE';
  return {
    identificationNumber: freshNumber(dateOfBirth, sex),
    fullName: 'Nguyễn Văn Thử',
    otherNames: [],
    dateOfBirth,
    sex,
    ethnicity: 'Kinh',
    permanentResidence: { unitCode: commune, addressLine: 'Số 1 phố Thử' },
    currentResidence: { unitCode: commune, addressLine: 'Số 1 phố Thử' },
    ...overrides,
  };
}

/** Registers a person as a police officer of the commune. */
export async function register(
  h: Harness,
  overrides: Record<string, unknown> = {},
  commune = COMMUNE,
): Promise<RegisteredPerson> {
  const result = await h.run(REGISTER, { input: personInput(overrides, commune) }, 'police_officer', commune);
  return dataOf<{ registerPerson: RegisteredPerson }>(result).registerPerson;
}

/** A notice from `source` to police, as the outbox would deliver it. */
export function noticeToPolice(topic: string, source: SubgraphName, payload: unknown): Notice {
  return testNotice('police', source, topic, payload);
}

/** Runs police's handler of the notice's topic in one transaction, as the notice route does. */
export function deliverToPolice(h: Harness, n: Notice): Promise<void> {
  return deliverTestNotice(h.database.db, policeNoticeHandlers, n);
}
