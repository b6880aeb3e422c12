import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { generateDemoPopulation } from '@rehab/shared-schema';
import { demoProviderId } from '../seed';
import { openHarness, type Harness } from './harness';
import {
  COMMUNE,
  COMMUNE_OFFICIAL,
  M,
  OTHER_COMMUNE,
  POLICE,
  VOLUNTARY_ONLY_FACILITY,
  fails,
  footprint,
  ok,
  resident,
  type Actor,
} from './legal-path-support';

/**
 * The three writes that open this agency's first record of a person (a dossier, a voluntary
 * admission, rehab at home) name a person of the police registry who lives where the caller
 * acts; the person directory police keep current tells where.
 */
let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 20 }));
});
afterAll(async () => {
  await h.close();
});

const NEIGHBOUR = '00008';
const FACILITY_STAFF: Actor = { role: 'facility_staff', unit: VOLUNTARY_ONLY_FACILITY };

interface Write {
  name: string;
  actor: Actor;
  query: string;
  input: (personId: string) => Record<string, unknown>;
  /** Persons of other units the caller must not name (by the commune they live in). */
  outside: string[];
  /** Persons of other communes the caller may name (a facility takes in its whole province). */
  alsoInside: string[];
}

const WRITES: Write[] = [
  {
    name: 'draftCompulsoryRehabDossier',
    actor: POLICE,
    query: M.draft,
    outside: [NEIGHBOUR, OTHER_COMMUNE],
    alsoInside: [],
    input: (personId) => ({
      personId,
      residenceUnitCode: COMMUNE,
      startedOn: '2026-11-02',
      ground: 'NOT_REGISTERED',
      subjectFullName: 'Nguyễn Văn Thử',
      subjectDateOfBirth: '1990-05-05',
    }),
  },
  {
    name: 'admitVoluntary',
    actor: FACILITY_STAFF,
    query: M.admitVoluntary,
    outside: [OTHER_COMMUNE],
    alsoInside: [NEIGHBOUR],
    input: (personId) => ({
      personId,
      residenceUnitCode: COMMUNE,
      facilityCode: VOLUNTARY_ONLY_FACILITY,
      admittedOn: '2026-11-02',
      termMonths: 24,
    }),
  },
  {
    name: 'registerCommunityRehab',
    actor: COMMUNE_OFFICIAL,
    query: M.community,
    outside: [NEIGHBOUR, OTHER_COMMUNE],
    alsoInside: [],
    input: (personId) => ({
      personId,
      residenceUnitCode: COMMUNE,
      serviceProviderId: demoProviderId('01'),
      startedOn: '2026-11-02',
      termMonths: 24,
    }),
  },
];

/** The refusal with the id it names masked. */
const masked = (error: GraphQLFormattedError, id: string) =>
  JSON.parse(JSON.stringify({ message: error.message, extensions: error.extensions }).split(id).join('<id>')) as unknown;

describe.each(WRITES)('$name', (write) => {
  it('refuses a person living elsewhere exactly as an unknown id, writing nothing', async () => {
    const unknown = randomUUID();
    const before = await footprint(h);
    const expected = masked(await fails(h, write.actor, write.query, { input: write.input(unknown) }), unknown);
    expect(expected).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'input.personId' } });
    for (const commune of write.outside) {
      const person = await resident(h, commune);
      expect([commune, masked(await fails(h, write.actor, write.query, { input: write.input(person) }), person)]).toEqual([
        commune,
        expected,
      ]);
    }
    expect(await footprint(h)).toEqual(before);
  });

  it('accepts a person living where the caller acts, and one announced later', async () => {
    for (const commune of [COMMUNE, ...write.alsoInside]) {
      const person = await resident(h, commune);
      expect(await ok(h, write.actor, write.query, { input: write.input(person) })).toMatchObject({ id: expect.any(String) });
    }
    const late = randomUUID();
    expect((await fails(h, write.actor, write.query, { input: write.input(late) })).extensions?.code).toBe('NOT_FOUND');
    await resident(h, COMMUNE, late);
    expect(await ok(h, write.actor, write.query, { input: write.input(late) })).toMatchObject({ id: expect.any(String) });
  });
});
