import { PERSON_DIRECTORY } from '@rehab/server-kit';
/** Helpers of the legal-path tests: calls through the gateway, polling for asynchronous notices. */
import type { InProcessSystem } from '@rehab/ops';
import { makeIdentificationNumber } from '@rehab/shared-schema';

export type Row = Record<string, unknown>;

export interface Caller {
  system: InProcessSystem;
  token: string;
}

/** Data of a successful operation through the gateway (errors fail the test with their text). */
export async function call<T = Row>(as: Caller, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await as.system.graphql<T>(as.token, query, variables);
  if (response.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(response.errors)}`);
  return response.data as T;
}

/** The errors of an operation that must fail. */
export async function refused(
  as: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<NonNullable<Awaited<ReturnType<InProcessSystem['graphql']>>['errors']>> {
  const response = await as.system.graphql(as.token, query, variables);
  if (!response.errors) throw new Error(`expected a refusal, got ${JSON.stringify(response.data)}`);
  return response.errors;
}

/** Polls until `check` holds (cross-agency notices are delivered asynchronously); fails after the deadline. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  deadlineMs = 20_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`${what} did not happen: last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let serial = 810_000;

/**
 * Waits until police's announcement of a person reached the person directory of every other
 * agency (notices are delivered asynchronously): their first records may then name the person.
 */
export async function inEveryDirectory(system: InProcessSystem, personId: string): Promise<void> {
  const keepers = PERSON_DIRECTORY.to;
  await eventually(
    `person ${personId} in every agency's directory`,
    async () => {
      const found = await Promise.all(
        keepers.map(
          async (name) =>
            (
              await system.dbs
                .subgraph(name)
                .db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM person_directory WHERE person_id = $1', [personId])
            )[0].n,
        ),
      );
      return found.reduce((a, b) => a + b, 0);
    },
    (n) => n === keepers.length,
  );
}

/** Registers a new person living in commune 00004 (police registry) as the commune police, known to every agency when it returns. */
export async function registerPerson(
  police: Caller,
  fullName: string,
  dateOfBirth: string,
): Promise<{ id: string; version: number }> {
  serial += 1;
  const address = { unitCode: '00004', addressLine: 'Số 5 ngõ 12 phố Đội Cấn' };
  const data = await call<{ registerPerson: { id: string; version: number } }>(
    police,
    'mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id version } }',
    {
      i: {
        identificationNumber: makeIdentificationNumber('001', dateOfBirth, 'MALE', serial),
        fullName,
        dateOfBirth,
        sex: 'MALE',
        ethnicity: 'Kinh',
        permanentResidence: address,
        currentResidence: address,
      },
    },
  );
  await inEveryDirectory(police.system, data.registerPerson.id);
  return data.registerPerson;
}

export const DOSSIER = `id status version repeat startedOn decision { outcome termMonths decidedOn facility { code } }
  allowedTerm(on: "2026-07-20") { minMonths maxMonths category legalBasis }`;
