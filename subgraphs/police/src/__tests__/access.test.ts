import { randomUUID } from 'node:crypto';
import {
  ACCESS_MATRIX,
  ROLES,
  canRead,
  generateDemoPopulation,
  unitByCode,
  type DemoPerson,
  type Role,
} from '@rehab/shared-schema';
import { demoEpisodeId } from '../seed-cases';
import { seesPseudonyms } from '@rehab/server-kit';
import { policeNoticeHandlers } from '../notices/handlers';
import { PSEUDONYMS, dataOf, errorOf, openHarness, type Harness, type Result } from './harness';

let h: Harness;
const population = generateDemoPopulation({ persons: 400 });

beforeAll(async () => {
  h = await openHarness(population);
});

afterAll(async () => {
  await h.close();
});

const entities = (selection: string) =>
  `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id ${selection} } } }`;
const refs = (persons: readonly DemoPerson[], role?: Role) => ({
  r: persons.map((p) => ({ __typename: 'Person', id: role && seesPseudonyms({ role }) ? PSEUDONYMS.pseudonymOf(p.id) : p.id })),
});

function find(description: string, test: (p: DemoPerson) => boolean): DemoPerson {
  const person = population.find(test);
  if (!person) throw new Error(`the demo population has no ${description}`);
  return person;
}

const managed = find(
  'managed person decided before the reference date',
  (p) => p.stage === 'MANAGED' && p.detectedOn >= '2024-01-01' && p.detectedOn < '2026-09-01',
);
const absconded = find('absconder from a facility', (p) => p.rehab?.status === 'ABSCONDED' && p.rehab.facilityCode !== null);
const completed = find(
  'person who completed rehab at a facility',
  (p) => p.rehab?.status === 'COMPLETED' && p.rehab.facilityCode !== null,
);
const mover = find('person who moved', (p) => p.permanentResidence.unitCode !== p.currentResidence.unitCode);

describe('Person police fields of the demo population', () => {
  it("show each person's facts along the path", async () => {
    const query = entities(`drugUserManagements { status detectedOn decisionDate checkIns { checkedInOn } }
      absconderSearches { episodeId status facility { code } } rehabCompletionNotices { episodeId completedOn facility { code } }
      transferNotices { fromUnit { code } toUnit { code } addressLine }`);
    const result = dataOf<{ _entities: Record<string, unknown>[] }>(
      await h.run(query, refs([managed, absconded, completed, mover]), 'supervisor'),
    );
    type Lists = Record<'drugUserManagements' | 'absconderSearches' | 'rehabCompletionNotices' | 'transferNotices', unknown[]>;
    const [m, a, c, v] = result._entities as [Lists, Lists, Lists, Lists];
    expect(m.drugUserManagements).toEqual([
      expect.objectContaining({ detectedOn: managed.detectedOn, status: expect.stringMatching(/^(ACTIVE|ENDED)$/) }),
    ]);
    expect((m.drugUserManagements[0] as { checkIns: unknown[] }).checkIns.length).toBeGreaterThan(0);
    expect(a.absconderSearches).toEqual([
      expect.objectContaining({
        episodeId: demoEpisodeId(absconded.id),
        status: expect.stringMatching(/^(OPEN|FOUND)$/),
        facility: { code: absconded.rehab?.facilityCode },
      }),
    ]);
    expect(c.rehabCompletionNotices).toEqual([
      {
        episodeId: demoEpisodeId(completed.id),
        completedOn: completed.rehab?.endedOn,
        facility: { code: completed.rehab?.facilityCode },
      },
    ]);
    expect(v.transferNotices).toEqual([
      {
        fromUnit: { code: mover.permanentResidence.unitCode },
        toUnit: { code: mover.currentResidence.unitCode },
        addressLine: mover.currentResidence.addressLine,
      },
    ]);
  });

  it("stay within the caller's unit: a commune official of another province gets nothing", async () => {
    const other = managed.home.unitPath.startsWith('15.') ? '00004' : '02647';
    const result = await h.run(entities('drugUserManagements { id }'), refs([managed]), 'commune_official', other);
    expect(dataOf<{ _entities: unknown[] }>(result)._entities).toEqual([null]);
    const inside = await h.run(
      entities('drugUserManagements { id }'),
      refs([managed]),
      'commune_official',
      managed.currentResidence.unitCode,
    );
    expect(dataOf<{ _entities: { drugUserManagements: unknown[] }[] }>(inside)._entities[0]?.drugUserManagements).toHaveLength(1);
  });

  it('cost the same few SQL statements for 10 and for 100 persons', async () => {
    const query = entities(`recordStatus mergedRecords { id } drugUserManagements { status checkIns { note } }
      transferNotices { fromUnit { name } toUnit { name } } absconderSearches { status facility { name } }
      rehabCompletionNotices { completedOn facility { name } }`);
    const count = async (n: number): Promise<number> => {
      h.database.source.queries.reset();
      // Both lists hold persons with every kind of record, so every loader runs in both.
      const rich = [managed, absconded, completed, mover];
      const others = population.filter((p) => !rich.includes(p)).slice(0, n - rich.length);
      dataOf(await h.run(query, refs([...rich, ...others]), 'supervisor'));
      return h.database.source.queries.total;
    };
    const ten = await count(10);
    const hundred = await count(100);
    expect(hundred).toBe(ten);
    // Persons, the merged records and five record loaders, and the audit insert.
    expect(hundred).toBeLessThanOrEqual(8);
  });
});

// ---------------------------------------------------------------------------------------
// Generated from the access rules: every sensitive police field below Person, every role.

const POLICE_SENSITIVE = Object.entries(ACCESS_MATRIX)
  .filter(([, rule]) => rule.owner === 'police' && rule.sensitive)
  .map(([c]) => c);

/** From Person to each police type, and the leaf to select under object-typed fields. */
const PATH_TO: Record<string, string[]> = {
  Person: [],
  DrugUserManagement: ['Person.drugUserManagements'],
  DrugUserCheckIn: ['Person.drugUserManagements', 'DrugUserManagement.checkIns'],
  TransferNotice: ['Person.transferNotices'],
  AbsconderSearch: ['Person.absconderSearches'],
  RehabCompletionNotice: ['Person.rehabCompletionNotices'],
  SubstanceDeclaration: ['Person.drugUserManagements', 'DrugUserManagement.substanceDeclarations'],
  Summons: ['Person.drugUserManagements', 'DrugUserManagement.summonses'],
  ElectronicMonitoringOrder: ['Person.electronicMonitoringOrders'],
  MonitoringAlert: ['Person.electronicMonitoringOrders', 'ElectronicMonitoringOrder.alerts'],
  TreatmentRegistrationDeadline: ['Person.treatmentRegistrationDeadline'],
};
const OBJECT_LEAF: Record<string, string> = {
  'Person.permanentResidence': 'addressLine',
  'Person.currentResidence': 'addressLine',
  'Person.drugUserManagements': 'id',
  'Person.transferNotices': 'id',
  'Person.absconderSearches': 'id',
  'Person.rehabCompletionNotices': 'id',
  'DrugUserManagement.checkIns': 'id',
  'DrugUserManagement.substanceDeclarations': 'id',
  'DrugUserManagement.summonses': 'id',
  'Person.electronicMonitoringOrders': 'id',
  'ElectronicMonitoringOrder.alerts': 'id',
  'Person.treatmentRegistrationDeadline': 'id',
  'TransferNotice.fromUnit': 'code',
  'TransferNotice.toUnit': 'code',
  'AbsconderSearch.facility': 'code',
  'RehabCompletionNotice.facility': 'code',
};

interface Case {
  coordinate: string;
  chain: string[];
}

const CASES: Case[] = POLICE_SENSITIVE.map((coordinate) => {
  const type = coordinate.split('.')[0] as string;
  const path = PATH_TO[type];
  if (!path) throw new Error(`no path from Person to ${type}: add it to PATH_TO`);
  return { coordinate, chain: [...path, coordinate] };
});

const selection = (chain: readonly string[], coordinate: string): string =>
  chain.reduceRight((inner, c) => {
    const field = c.split('.')[1] as string;
    if (inner) return `${field} { ${inner} }`;
    return OBJECT_LEAF[coordinate] ? `${field} { ${OBJECT_LEAF[coordinate]} }` : field;
  }, '');

function valuesAt(value: unknown, names: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, names));
  if (names.length === 0) return [value];
  if (typeof value !== 'object' || value === null) return [];
  const [head, ...rest] = names as [string, ...string[]];
  return valuesAt((value as Record<string, unknown>)[head], rest);
}

const present = (v: unknown): boolean => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

/** A seeded person with a value at the case's field (found by a supervisor over the whole population). */
const holders = new Map<string, DemoPerson>();

/**
 * Law 120 records (from 1 July 2026) have no demo data: one seeded person of Hà Nội with a
 * management gets one of each, as raw rows (this test is about who reads them), and a move
 * with a recorded presentation.
 */
async function seedLaw120Records(): Promise<void> {
  const db = h.database.db;
  const hanoi = unitByCode('01')?.path ?? '';
  const [m] = await db.query<{ id: string; person_id: string; owner_unit_path: string }[]>(
    `SELECT id, person_id, owner_unit_path FROM drug_user_management WHERE owner_unit_path LIKE $1 ORDER BY id LIMIT 1`,
    [`${hanoi}.%`],
  );
  if (!m) throw new Error('no seeded management in Hà Nội');
  const order = randomUUID();
  await db.query(
    `INSERT INTO substance_declaration (id, management_id, person_id, declared_on, substances, source, recorded_by, recorded_at, owner_unit_path)
    VALUES ($1, $2, $3, '2026-07-02', ARRAY['OPIOIDS'], 'Nguồn thử', 'seed', now(), $4)`,
    [randomUUID(), m.id, m.person_id, m.owner_unit_path],
  );
  await db.query(
    `INSERT INTO summons (id, management_id, person_id, summoned_on, appear_on, reason, issued_by, issued_at, outcome, outcome_note,
    outcome_recorded_at, outcome_recorded_by, owner_unit_path) VALUES ($1, $2, $3, '2026-07-02', '2026-07-03', 'Thử', 'seed', now(), 'APPEARED',
    'Có mặt', now(), 'seed', $4)`,
    [randomUUID(), m.id, m.person_id, m.owner_unit_path],
  );
  await db.query(
    `INSERT INTO electronic_monitoring_order (id, person_id, basis, basis_reference, device_id, ordered_on, ordered_by, starts_on, ends_on,
    status, ended_on, end_reason, owner_unit_path) VALUES ($1, $2, 'POST_REHAB_MANAGEMENT', 'QĐ thử', 'DEV-ACCESS', '2026-07-02', 'seed', '2026-07-02',
    '2027-07-01', 'ENDED_EARLY', '2026-09-01', 'Thử', $3)`,
    [order, m.person_id, m.owner_unit_path],
  );
  await db.query(
    `INSERT INTO monitoring_alert (id, order_id, person_id, kind, event_id, occurred_at, received_at, reported_by, acknowledged_at,
    acknowledged_by, owner_unit_path) VALUES ($1, $2, $3, 'TAMPER', 'EV-ACCESS', '2026-08-01T10:00:00Z', now(), 'seed', now(), 'seed', $4)`,
    [randomUUID(), order, m.person_id, m.owner_unit_path],
  );
  await db.query(
    `UPDATE transfer_notice SET presented_at = sent_at, presentation_recorded_by = 'seed',
    presentation_due_at = coalesce(presentation_due_at, sent_at + interval '24 hours') WHERE person_id = $1`,
    [mover.id],
  );
}

/** The first role that may read the whole chain (the supervisor when it may). */
const proberOf = (c: Case): Role =>
  (['supervisor', ...ROLES] as Role[]).find((r) => c.chain.every((x) => canRead(ACCESS_MATRIX, r, x))) ?? 'supervisor';

beforeAll(async () => {
  await seedLaw120Records();
  // Treatment-registration deadlines come only from notices: one met (late) for the first person, one closed by a compulsory admission.
  const personId = population[0]?.id;
  for (const [topic, payload] of [
    [
      'addiction.determined',
      {
        personId,
        determinationId: randomUUID(),
        determinedOn: '2026-10-01',
        informedOn: '2026-10-01',
        substanceClasses: ['OPIOIDS'],
      },
    ],
    ['treatment.substitution-started', { personId, treatmentId: randomUUID(), enrolledOn: '2026-10-20' }],
    // The second person never registered and was admitted to compulsory rehab.
    [
      'addiction.determined',
      {
        personId: population[1]?.id,
        determinationId: randomUUID(),
        determinedOn: '2026-10-01',
        informedOn: '2026-10-01',
        substanceClasses: ['OPIOIDS'],
      },
    ],
    [
      'rehab.admitted',
      {
        personId: population[1]?.id,
        episodeId: randomUUID(),
        admittedOn: '2026-10-20',
        kind: 'COMPULSORY',
        facilityCode: 'CSCN1',
      },
    ],
  ] as const) {
    const handler = policeNoticeHandlers[topic];
    if (!handler) throw new Error(`no ${topic} handler`);
    await h.database.db.transaction((manager) =>
      handler(manager, {
        id: randomUUID(),
        topic,
        source: topic === 'rehab.admitted' ? 'labor-welfare' : 'health',
        destination: 'police',
        createdAt: new Date().toISOString(),
        payload,
      }),
    );
  }
  for (const c of CASES) {
    const result = dataOf<{ _entities: unknown[] }>(
      await h.run(entities(selection(c.chain, c.coordinate)), refs(population, proberOf(c)), proberOf(c)),
    );
    const names = c.chain.map((x) => x.split('.')[1] as string);
    const index = result._entities.findIndex((e) => valuesAt(e, names).some(present));
    if (index < 0) throw new Error(`no seeded person has data for ${c.coordinate}`);
    holders.set(c.coordinate, population[index] as DemoPerson);
  }
});

describe.each(ROLES)('%s reading police fields', (role: Role) => {
  it.each(CASES.map((c) => [canRead(ACCESS_MATRIX, role, c.coordinate) ? 'reads' : 'is denied', c.coordinate, c] as const))(
    '%s %s',
    async (_verb, _coordinate, c) => {
      const person = holders.get(c.coordinate) as DemoPerson;
      const result: Result = await h.run(entities(selection(c.chain, c.coordinate)), refs([person], role), role);
      const names = c.chain.map((x) => x.split('.')[1] as string);
      const denied = c.chain.findIndex((coordinate) => !canRead(ACCESS_MATRIX, role, coordinate));
      const values = valuesAt((result.data as { _entities?: unknown[] } | null)?._entities?.[0], names);
      if (denied < 0) {
        expect(result.errors).toBeUndefined();
        expect(values.some(present)).toBe(true);
      } else {
        expect(result.errors?.length).toBeGreaterThan(0);
        for (const error of result.errors ?? []) {
          expect(error.extensions?.code).toBe('FORBIDDEN');
          expect((error.path ?? []).filter((p): p is string => typeof p === 'string')).toEqual([
            '_entities',
            ...names.slice(0, denied + 1),
          ]);
        }
        expect(values.some(present)).toBe(false);
      }
    },
  );
});

// Every police mutation, refused (FORBIDDEN, before any resolver runs) to every role its rule leaves out.
const ID = randomUUID();
const MUTATIONS: Record<string, [string, Record<string, unknown>]> = {
  registerPerson: [
    'mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }',
    {
      i: {
        identificationNumber: '001090000001',
        fullName: 'A',
        dateOfBirth: '1990-01-01',
        sex: 'MALE',
        ethnicity: 'Kinh',
        permanentResidence: { unitCode: '00004', addressLine: 'x' },
        currentResidence: { unitCode: '00004', addressLine: 'x' },
      },
    },
  ],
  updatePerson: ['mutation($id: ID!) { updatePerson(id: $id, expectedVersion: 1, input: { fullName: "B" }) { id } }', { id: ID }],
  mergePersons: ['mutation($id: ID!) { mergePersons(survivorId: $id, duplicateId: $id, reason: "x") { id } }', { id: ID }],
  // The kit's outbox operations, served by every subgraph under its own name.
  policeRetryOutboxNotice: ['mutation($id: ID!) { policeRetryOutboxNotice(id: $id) { id } }', { id: ID }],
  policeRetryFailedOutboxNotices: ['mutation { policeRetryFailedOutboxNotices(topic: "person.registered") }', {}],
  policeMarkNotificationsRead: ['mutation($ids: [ID!]!) { policeMarkNotificationsRead(ids: $ids) }', { ids: [ID] }],
  recordDrugUseDetection: [
    'mutation($id: ID!) { recordDrugUseDetection(personId: $id, input: { detectedOn: "2026-01-01", method: OTHER, substances: [OTHER] }) { id } }',
    { id: ID },
  ],
  decideDrugUserManagement: [
    'mutation($id: ID!) { decideDrugUserManagement(id: $id, expectedVersion: 1, decisionNumber: "1", decisionDate: "2026-01-02") { id } }',
    { id: ID },
  ],
  recordCheckIn: ['mutation($id: ID!) { recordCheckIn(id: $id, date: "2026-01-02", note: "") { id } }', { id: ID }],
  endDrugUserManagement: [
    'mutation($id: ID!) { endDrugUserManagement(id: $id, expectedVersion: 1, endedOn: "2026-01-02", reason: OTHER) { id } }',
    { id: ID },
  ],
  recordResidenceChange: [
    'mutation($id: ID!) { recordResidenceChange(personId: $id, expectedVersion: 1, toUnitCode: "00008", addressLine: "x", movedOn: "2026-01-02") { id } }',
    { id: ID },
  ],
  acknowledgeTransferNotice: ['mutation($id: ID!) { acknowledgeTransferNotice(id: $id, expectedVersion: 1) { id } }', { id: ID }],
  recordAbsconderFound: [
    'mutation($id: ID!) { recordAbsconderFound(searchId: $id, expectedVersion: 1, foundOn: "2026-01-02", note: "x") { id } }',
    { id: ID },
  ],
  acknowledgeRehabCompletionNotice: [
    'mutation($id: ID!) { acknowledgeRehabCompletionNotice(id: $id, expectedVersion: 1) { id } }',
    { id: ID },
  ],
  assignPersonToUnit: [
    'mutation($id: ID!) { assignPersonToUnit(personId: $id, expectedVersion: 1, toUnitCode: "00004") { id } }',
    { id: ID },
  ],
  recordSubstanceDeclaration: [
    'mutation($id: ID!) { recordSubstanceDeclaration(managementId: $id, input: { declaredOn: "2026-07-02", substances: [OTHER], source: "x" }) { id } }',
    { id: ID },
  ],
  summonDrugUser: [
    'mutation($id: ID!) { summonDrugUser(managementId: $id, input: { summonedOn: "2026-07-02", appearOn: "2026-07-03", reason: "x" }) { id } }',
    { id: ID },
  ],
  recordSummonsOutcome: [
    'mutation($id: ID!) { recordSummonsOutcome(id: $id, expectedVersion: 1, outcome: APPEARED) { id } }',
    { id: ID },
  ],
  recordMovePresentation: [
    'mutation($id: ID!) { recordMovePresentation(transferNoticeId: $id, expectedVersion: 1, presentedAt: "2026-07-02T00:00:00Z") { id } }',
    { id: ID },
  ],
  orderElectronicMonitoring: [
    'mutation($id: ID!) { orderElectronicMonitoring(personId: $id, input: { orderedOn: "2026-07-02", basis: SUBSTITUTION_TREATMENT, basisReference: "x", deviceId: "d", startsOn: "2026-07-02", endsOn: "2026-08-02" }) { id } }',
    { id: ID },
  ],
  endElectronicMonitoring: [
    'mutation($id: ID!) { endElectronicMonitoring(id: $id, expectedVersion: 1, endedOn: "2026-07-03", reason: "x") { id } }',
    { id: ID },
  ],
  reportMonitoringDeviceEvent: [
    'mutation($id: ID!) { reportMonitoringDeviceEvent(orderId: $id, input: { eventId: "e", kind: FAULT, occurredAt: "2026-07-03T00:00:00Z" }) { duplicate } }',
    { id: ID },
  ],
  acknowledgeMonitoringAlert: [
    'mutation($id: ID!) { acknowledgeMonitoringAlert(id: $id, expectedVersion: 1) { id } }',
    { id: ID },
  ],
  recordDrugHotspot: [
    'mutation { recordDrugHotspot(input: { communeCode: "00004", description: "x", identifiedOn: "2026-07-02" }) { id } }',
    {},
  ],
  clearDrugHotspot: [
    'mutation($id: ID!) { clearDrugHotspot(id: $id, expectedVersion: 1, clearedOn: "2026-07-03", note: "x") { id } }',
    { id: ID },
  ],
  recognizeDrugFreeCommune: [
    'mutation { recognizeDrugFreeCommune(input: { communeCode: "00004", recognisedOn: "2026-07-02", decisionNumber: "x" }) { id } }',
    {},
  ],
  withdrawDrugFreeRecognition: [
    'mutation($id: ID!) { withdrawDrugFreeRecognition(id: $id, expectedVersion: 1, withdrawnOn: "2026-07-03", reason: "x") { id } }',
    { id: ID },
  ],
};

const POLICE_MUTATIONS = Object.entries(ACCESS_MATRIX)
  .filter(([c, rule]) => c.startsWith('Mutation.') && rule.owner === 'police')
  .map(([c]) => c.slice('Mutation.'.length));

describe('police mutations by role', () => {
  it('has a test operation for every police mutation', () => {
    expect(Object.keys(MUTATIONS).sort()).toEqual([...POLICE_MUTATIONS].sort());
  });

  it.each(
    POLICE_MUTATIONS.flatMap((name) =>
      ROLES.filter((role) => !canRead(ACCESS_MATRIX, role, `Mutation.${name}`)).map((role) => [name, role] as const),
    ),
  )('%s is refused to %s', async (name, role) => {
    const [query, variables] = MUTATIONS[name] as [string, Record<string, unknown>];
    const error = errorOf(await h.run(query, variables, role));
    expect([error.code, error.en]).toEqual(['FORBIDDEN', `Not allowed to read Mutation.${name}`]);
  });

  it.each(
    POLICE_MUTATIONS.flatMap((name) =>
      ROLES.filter((role) => canRead(ACCESS_MATRIX, role, `Mutation.${name}`)).map((role) => [name, role] as const),
    ),
  )('%s passes the role check for %s', async (name, role) => {
    const [query, variables] = MUTATIONS[name] as [string, Record<string, unknown>];
    const result = await h.run(query, variables, role, '00004');
    // It then succeeds or fails on the record (unknown here), never on the role.
    const messages = (result.errors ?? []).map((e) => (e.extensions?.i18n as { en?: string } | undefined)?.en);
    expect(messages).not.toContain(`Not allowed to read Mutation.${name}`);
  });
});
