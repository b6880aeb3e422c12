import type { ApolloServer } from '@apollo/server';
import {
  buildSubgraphServer,
  createContext,
  openTestDatabase,
  testCaller,
  type TestDatabase,
  demoUnits,
} from '@rehab/server-kit';
import {
  ACCESS_MATRIX,
  REFORM_DATE,
  ROLES,
  canRead,
  demoUnitOn,
  generateDemoPopulation,
  kitFieldRules,
  unitAt,
  type DemoPerson,
  type Role,
} from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { planVolunteersSeed, type AssignmentRow } from '../demo/plan';
import { byKindThenCode } from '../rules/organisations';
import { isVolunteersEmpty, seedVolunteers } from '../seed';
import { createVolunteersDataSource, volunteersSubgraph } from '../server';
const { COMMUNE, LAO_CAI, OTHER_PROVINCE_COMMUNE, communesOf, inHanoi, owns, wasSplit } = demoUnits;

/**
 * This subgraph's foundation rules: the matrix entries the volunteers agency owns for the
 * support read through Person. The worklists, mutations and their types are
 * tested in support.test.ts.
 */
const ISSUE4_TYPES = new Set([
  'Mutation',
  'AssignedPerson',
  'SupportActivity',
  'VolunteerWorklist',
  'PendingReassignment',
  'VolunteerDeactivation',
  'VolunteerTraining',
  'OrganisationChapter',
  // Communication against drugs: its access by role is tested in communication.test.ts.
  'CommunicationActivity',
  // Prevention for high-risk groups: its access by role is tested in prevention.test.ts.
  'PersonAtRisk',
  'PreventionService',
]);
const ISSUE4_FIELDS = new Set([
  'Query.myVolunteerWorklist',
  'Query.myAssignedPeople',
  'Query.volunteers',
  'Query.assignmentsNeedingVolunteer',
  'Volunteer.active',
  'Volunteer.trainings',
  'Volunteer.version',
  'VolunteerAssignment.endReason',
  'VolunteerAssignment.version',
  'Query.organisationChapters',
  'Volunteer.chapter',
  'Query.communicationActivities',
  'Query.peopleAtRisk',
  'Person.preventionServices',
  'Person.preventionListEntry',
]);
// The kit's fields, the same in every subgraph, have their own tests (test/src/outbox-admin.test.ts, notifications.test.ts).
const KIT_OUTBOX_FIELDS = new Set(Object.keys(kitFieldRules(['volunteers'])));
const VOLUNTEERS_RULES = Object.fromEntries(
  Object.entries(ACCESS_MATRIX).filter(
    ([coordinate, rule]) =>
      rule.owner === 'volunteers' &&
      !ISSUE4_TYPES.has(coordinate.split('.')[0] as string) &&
      !ISSUE4_FIELDS.has(coordinate) &&
      !KIT_OUTBOX_FIELDS.has(coordinate),
  ),
);

let database: TestDatabase;
let server: ApolloServer<Context>;
const population = generateDemoPopulation();
const plan = planVolunteersSeed(population);
const byPerson = new Map(plan.assignments.map((a) => [a.personId, a]));
const volunteerById = new Map(plan.volunteers.map((v) => [v.id, v]));
const organisationByCode = new Map(plan.organisations.map((o) => [o.code, o]));

/** A Hà Nội person (the callers below are of Hà Nội, '01', unless told). */
function find(label: string, test: (p: DemoPerson) => boolean): DemoPerson {
  const person = population.find((p) => inHanoi(p) && test(p));
  if (!person) throw new Error(`No demo person: ${label}`);
  return person;
}

const active = find('active', (p) => byPerson.has(p.id) && p.postRehab?.completed === false && p.postRehab.relapsedOn === null);
const completed = find('completed', (p) => byPerson.has(p.id) && p.postRehab?.completed === true);
const relapsed = find(
  'relapsed',
  (p) => byPerson.has(p.id) && p.postRehab?.relapsedOn !== null && p.postRehab?.relapsedOn !== undefined,
);
const unmanaged = find('unmanaged', (p) => p.postRehab === null);
const notAssigned = find('not assigned', (p) => p.postRehab !== null && !byPerson.has(p.id));

beforeAll(async () => {
  database = await openTestDatabase('volunteers', createVolunteersDataSource);
  expect(await isVolunteersEmpty(database.db)).toBe(true);
  await seedVolunteers(database.db, population);
  server = buildSubgraphServer(volunteersSubgraph, { db: database.db });
});

afterAll(async () => {
  await server.stop();
  await database.close();
});

async function run(query: string, variables: Record<string, unknown>, role: Role, unitCode = '01') {
  const contextValue = createContext(database.db, testCaller(role, unitCode), createLoaders);
  const response = await server.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

const representations = (ids: readonly string[]) => ({ r: ids.map((id) => ({ __typename: 'Person', id })) });

const SUPPORT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id
  supportAssignments { id reason startedOn endedOn volunteer { fullName phone organisation { name } unit { code } } } } } }`;

interface SupportAssignment {
  id: string;
  reason: string;
  startedOn: string;
  endedOn: string | null;
  volunteer: { fullName: string; phone: string; organisation: { name: string }; unit: { code: string } };
}
interface Entities extends Record<string, unknown> {
  _entities: ({ id: string; supportAssignments: SupportAssignment[] } | null)[];
}

/** What the demo population says a person's support assignment is. */
function expectedSupport(person: DemoPerson): SupportAssignment[] {
  const row = byPerson.get(person.id);
  if (!row || !person.postRehab) return [];
  const volunteer = volunteerById.get(row.volunteerId);
  const organisation = organisationByCode.get(volunteer?.organisationCode ?? '');
  if (!volunteer || !organisation) throw new Error('plan is inconsistent');
  const post = person.postRehab;
  return [
    {
      id: row.id,
      reason: 'POST_REHAB_MANAGEMENT',
      startedOn: post.decisionOn,
      endedOn: post.completed ? post.endsOn : post.relapsedOn,
      volunteer: {
        fullName: volunteer.fullName,
        phone: volunteer.phone,
        organisation: { name: organisation.name },
        unit: { code: person.home.unitCode },
      },
    },
  ];
}

describe('Person.supportAssignments', () => {
  it('returns what the demo population says, for active, completed, relapsed and unassigned persons', async () => {
    const persons = [active, completed, relapsed, unmanaged, notAssigned];
    const result = await run(SUPPORT, representations(persons.map((p) => p.id)), 'commune_official');
    expect(result.errors).toBeUndefined();
    const entities = (result.data as Entities)._entities;
    expect(entities.map((e) => e?.id)).toEqual(persons.map((p) => p.id));
    persons.forEach((p, i) => expect(entities[i]?.supportAssignments).toEqual(expectedSupport(p)));
    // Spot checks against the population itself, independent of the plan.
    expect(entities[0]?.supportAssignments[0]).toMatchObject({ startedOn: active.postRehab?.decisionOn, endedOn: null });
    expect(entities[1]?.supportAssignments[0]?.endedOn).toBe(completed.postRehab?.endsOn);
    expect(entities[2]?.supportAssignments[0]?.endedOn).toBe(relapsed.postRehab?.relapsedOn);
    // Volunteers serve the commune the person lives in today.
    expect(entities[0]?.supportAssignments[0]?.volunteer.unit.code).toBe(active.home.unitCode);
    expect(entities[3]?.supportAssignments).toEqual([]);
    expect(entities[4]?.supportAssignments).toEqual([]);
  });

  it("lists a person's assignments newest first", async () => {
    const volunteer = plan.volunteers.find((v) => v.unitCode === unmanaged.home.unitCode);
    // Each assignment belongs to the person's commune of its start date.
    const pathOn = (date: string) => demoUnitOn(unmanaged, date).unitPath;
    const rows: [string, string, string, string][] = [
      ['a0000000-0000-4000-8000-000000000001', '2024-01-10', '2025-01-10', 'DRUG_USER_MANAGEMENT'],
      ['a0000000-0000-4000-8000-000000000002', '2025-06-01', '2025-12-01', 'DRUG_USER_MANAGEMENT'],
      ['a0000000-0000-4000-8000-000000000003', '2023-03-05', '2023-09-05', 'DRUG_USER_MANAGEMENT'],
    ];
    for (const [id, startedOn, endedOn, reason] of rows) {
      await database.db.query(
        `INSERT INTO volunteer_assignment (id, person_id, volunteer_id, reason, started_on, ended_on, owner_unit_path)
        VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, unmanaged.id, volunteer?.id, reason, startedOn, endedOn, pathOn(startedOn)],
      );
    }
    try {
      const result = await run(SUPPORT, representations([unmanaged.id]), 'labour_officer');
      expect(result.errors).toBeUndefined();
      const list = (result.data as Entities)._entities[0]?.supportAssignments ?? [];
      expect(list.map((a) => a.startedOn)).toEqual(['2025-06-01', '2024-01-10', '2023-03-05']);
      expect(list.map((a) => a.reason)).toEqual(['DRUG_USER_MANAGEMENT', 'DRUG_USER_MANAGEMENT', 'DRUG_USER_MANAGEMENT']);
    } finally {
      await database.db.query('DELETE FROM volunteer_assignment WHERE person_id = $1', [unmanaged.id]);
    }
  });

  const count = async (person: DemoPerson, unitCode: string) => {
    const result = await run(SUPPORT, representations([person.id]), 'commune_official', unitCode);
    expect(result.errors).toBeUndefined();
    return (result.data as Entities)._entities[0]?.supportAssignments.length;
  };
  /** The assignment belongs to the commune of its start: before the reform, the person's old commune. */
  const ownerOf = (p: DemoPerson) => demoUnitOn(p, p.postRehab?.decisionOn ?? '').unitPath;

  it("limits records to the caller's unit subtree", async () => {
    const helped = find(
      'person helped whose home commune owns the assignment',
      (p) => byPerson.has(p.id) && owns(p.home.unitPath, ownerOf(p)),
    );
    /** A commune of Hà Nội today that took in nothing of the assignment's commune. */
    const elsewhere = communesOf('01').find((u) => u.code !== helped.home.unitCode && !owns(u.path, ownerOf(helped)));
    expect(await count(helped, helped.home.unitCode)).toBe(1);
    expect(await count(helped, '01')).toBe(1);
    expect(await count(helped, elsewhere?.code ?? '')).toBe(0);
    expect(await count(helped, OTHER_PROVINCE_COMMUNE)).toBe(0);
    expect(await count(helped, LAO_CAI)).toBe(0);
  });

  it("follows the 2025 reform: a new commune reads the assignments of old communes it took in whole, a split one's for persons assigned to it", async () => {
    const before = (p: DemoPerson) => byPerson.has(p.id) && (p.postRehab?.decisionOn ?? '') < REFORM_DATE;
    const merged = find(
      'person helped before the reform in a commune merged whole',
      (p) => before(p) && !wasSplit(p.formerUnit.unitPath),
    );
    const assigned = find(
      'person helped before the reform in a split commune, assigned',
      (p) => before(p) && p.unitAssignment !== null,
    );
    const waiting = find(
      'person helped before the reform in a split commune, not yet assigned',
      (p) => before(p) && wasSplit(p.formerUnit.unitPath) && p.unitAssignment === null,
    );
    for (const p of [merged, assigned, waiting]) expect(ownerOf(p)).toBe(p.formerUnit.unitPath);
    expect(await count(merged, merged.home.unitCode)).toBe(1);
    expect(await count(assigned, assigned.home.unitCode)).toBe(1);
    expect(await count(waiting, waiting.home.unitCode)).toBe(0);
    expect(await count(waiting, '01')).toBe(1);
    // Quận Ba Đình's account reads the past: what was owned in its old wards.
    const inBaDinh = find(
      'person helped before the reform in Quận Ba Đình',
      (p) => before(p) && p.formerUnit.unitPath.startsWith('01.001.'),
    );
    expect(await count(inBaDinh, '001')).toBe(1);
  });

  it('costs the same few statements for 10 and for 100 persons', async () => {
    const assigned = plan.assignments.map((a) => a.personId);
    const others = population.filter((p) => !byPerson.has(p.id)).map((p) => p.id);
    const statementsFor = async (ids: string[]) => {
      database.source.queries.reset();
      const result = await run(SUPPORT, representations(ids), 'police_officer');
      expect(result.errors).toBeUndefined();
      expect((result.data as Entities)._entities).toHaveLength(ids.length);
      return database.source.queries.total;
    };
    const ten = await statementsFor([...assigned.slice(0, 5), ...others.slice(0, 5)]);
    const hundred = await statementsFor([...assigned.slice(0, 80), ...others.slice(0, 20)]);
    // Assignments with volunteers and organisations, the audit insert (units are reference data in memory).
    expect(ten).toBe(2);
    expect(hundred).toBe(ten);
  });

  it('rejects a malformed person id with a bilingual typed error, and still answers for the others', async () => {
    const result = await run(SUPPORT, representations(['not-a-uuid', active.id]), 'police_officer');
    expect(result.errors).toHaveLength(1);
    const error = result.errors?.[0];
    expect(error?.path).toEqual(['_entities', 0]);
    expect(error?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
      i18n: { vi: 'Mã người không hợp lệ: not-a-uuid', en: 'Invalid person id: not-a-uuid' },
    });
    expect((result.data as Entities)._entities[1]?.supportAssignments).toHaveLength(1);
  });

  it('audits sensitive reads against the person helped', async () => {
    const caller = testCaller('labour_officer');
    const contextValue = createContext(database.db, caller, createLoaders);
    await server.executeOperation({ query: SUPPORT, variables: representations([completed.id]) }, { contextValue });
    const rows = await database.db.query<{ person_id: string; entity_type: string; fields: string[] }[]>(
      'SELECT person_id, entity_type, fields FROM audit_log WHERE request_id = $1 ORDER BY entity_type',
      [caller.requestId],
    );
    expect(rows).toEqual([
      { person_id: completed.id, entity_type: 'Person', fields: ['supportAssignments'] },
      { person_id: completed.id, entity_type: 'Volunteer', fields: ['fullName', 'organisation', 'phone', 'unit'] },
      {
        person_id: completed.id,
        entity_type: 'VolunteerAssignment',
        fields: ['endedOn', 'id', 'reason', 'startedOn', 'volunteer'],
      },
    ]);
  });
});

describe('Query.massOrganisations', () => {
  it('lists one organisation of each kind at the level of each demo province, to every role', async () => {
    const query = '{ massOrganisations { code name kind maxActiveAssignments unit { code level } } }';
    const expected = [...plan.organisations].sort(byKindThenCode).map((o) => ({
      code: o.code,
      name: o.name,
      kind: o.kind,
      maxActiveAssignments: 2,
      unit: { code: o.unitCode, level: 'PROVINCE' },
    }));
    expect(new Set(expected.map((o) => o.unit.code))).toEqual(new Set(['01', LAO_CAI]));
    for (const role of ROLES) {
      const result = await run(query, {}, role, COMMUNE);
      expect(result.errors).toBeUndefined();
      expect((result.data as { massOrganisations: unknown[] }).massOrganisations).toEqual(expected);
    }
    expect(expected.map((o) => o.name)).toEqual(
      expect.arrayContaining(['Đội công tác xã hội tình nguyện thành phố Hà Nội', 'Hội Liên hiệp Phụ nữ tỉnh Lào Cai']),
    );
  });
});

describe('seeded assignments', () => {
  it("never exceed an organisation's active limit per volunteer, and the limit is reached", async () => {
    const rows = await database.db.query<
      { id: string; max: number; active: number }[]
    >(`SELECT v.id, o.max_active_assignments AS max, count(a.id)::int AS active
      FROM volunteer v JOIN mass_organisation o ON o.code = v.organisation_code
      LEFT JOIN volunteer_assignment a ON a.volunteer_id = v.id AND a.ended_on IS NULL
      GROUP BY v.id, o.max_active_assignments`);
    expect(rows).toHaveLength(plan.volunteers.length);
    expect(rows.filter((r) => r.active > r.max)).toEqual([]);
    expect(rows.some((r) => r.active === r.max)).toBe(true);
  });

  it('are the planned rows: about 80% of post-rehab persons, by a volunteer of their commune, owned by the commune of the start', async () => {
    const rows = await database.db.query<
      { person_id: string; owner_unit_path: string; unit_code: string }[]
    >(`SELECT a.person_id, a.owner_unit_path, v.unit_code
      FROM volunteer_assignment a JOIN volunteer v ON v.id = a.volunteer_id`);
    expect(rows).toHaveLength(plan.assignments.length);
    const managed = population.filter((p) => p.postRehab).length;
    expect(rows.length / managed).toBeGreaterThan(0.7);
    expect(rows.length / managed).toBeLessThanOrEqual(0.9);
    const byId = new Map(population.map((p) => [p.id, p]));
    for (const row of rows) {
      const person = byId.get(row.person_id) as DemoPerson;
      const startedOn = person.postRehab?.decisionOn ?? '';
      expect(row.unit_code).toBe(person.home.unitCode);
      // Before 1 July 2025 the person's old commune, after it today's.
      expect(row.owner_unit_path).toBe(
        unitAt(startedOn < REFORM_DATE ? person.formerUnit.unitCode : person.home.unitCode, startedOn)?.path,
      );
    }
  });

  it('are guarded by database constraints', async () => {
    const row: AssignmentRow = plan.assignments[0] as AssignmentRow;
    const insert = (reason: string, startedOn: string, endedOn: string | null) =>
      database.db.query(
        `INSERT INTO volunteer_assignment (id, person_id, volunteer_id, reason, started_on, ended_on, owner_unit_path)
       VALUES ('b0000000-0000-4000-8000-000000000001', $1, $2, $3, $4, $5, $6)`,
        [row.personId, row.volunteerId, reason, startedOn, endedOn, row.ownerUnitPath],
      );
    await expect(insert('FRIENDSHIP', '2026-01-01', null)).rejects.toThrow(/check constraint/);
    await expect(insert('POST_REHAB_MANAGEMENT', '2026-01-01', '2025-01-01')).rejects.toThrow(/volunteer_assignment_dates/);
    await expect(
      database.db.query(
        `INSERT INTO volunteer_assignment (id, person_id, volunteer_id, reason, started_on, owner_unit_path)
      VALUES ('b0000000-0000-4000-8000-000000000002', $1, 'b0000000-0000-4000-8000-00000000ffff', 'POST_REHAB_MANAGEMENT', '2026-01-01', '01')`,
        [row.personId],
      ),
    ).rejects.toThrow(/foreign key/);
    expect(await isVolunteersEmpty(database.db)).toBe(false);
  });
});

// ---- Field access, generated from the access rules: every field of this subgraph, every role. ----

interface FieldInfo {
  type: string;
  list: boolean;
  object: boolean;
}
interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface Step {
  type: string;
  field: string;
  list: boolean;
}

const INTROSPECTION = `{ __schema { types { name kind fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`;

async function schemaFields(): Promise<Map<string, Map<string, FieldInfo>>> {
  const result = await run(INTROSPECTION, {}, 'supervisor');
  const types = (
    result.data as { __schema: { types: { name: string; kind: string; fields: { name: string; type: TypeRef }[] | null }[] } }
  ).__schema.types;
  const kinds = new Map(types.map((t) => [t.name, t.kind]));
  const out = new Map<string, Map<string, FieldInfo>>();
  for (const t of types) {
    if (t.kind !== 'OBJECT' || !t.fields) continue;
    const fields = new Map<string, FieldInfo>();
    for (const f of t.fields) {
      let ref: TypeRef | null = f.type;
      let list = false;
      while (ref && ref.kind !== 'OBJECT' && ref.kind !== 'SCALAR' && ref.kind !== 'ENUM' && ref.kind !== 'UNION') {
        if (ref.kind === 'LIST') list = true;
        ref = ref.ofType;
      }
      const name = ref?.name ?? '';
      fields.set(f.name, { type: name, list, object: kinds.get(name) === 'OBJECT' });
    }
    out.set(t.name, fields);
  }
  return out;
}

/** Shortest route to each object type from the root query or from a Person entity. */
function routes(schema: Map<string, Map<string, FieldInfo>>): Map<string, { root: 'Query' | 'Person'; steps: Step[] }> {
  const found = new Map<string, { root: 'Query' | 'Person'; steps: Step[] }>();
  const queue: { type: string; root: 'Query' | 'Person'; steps: Step[] }[] = [
    { type: 'Query', root: 'Query', steps: [] },
    { type: 'Person', root: 'Person', steps: [] },
  ];
  while (queue.length > 0) {
    const node = queue.shift() as (typeof queue)[number];
    if (found.has(node.type)) continue;
    found.set(node.type, { root: node.root, steps: node.steps });
    for (const [field, info] of schema.get(node.type) ?? []) {
      if (info.object && !field.startsWith('_') && !found.has(info.type) && !ISSUE4_FIELDS.has(`${node.type}.${field}`)) {
        queue.push({ type: info.type, root: node.root, steps: [...node.steps, { type: node.type, field, list: info.list }] });
      }
    }
  }
  return found;
}

/** Follows a path of field names through data, taking the first element of lists. */
function walk(data: unknown, names: readonly string[]): unknown {
  let value = data;
  for (const name of names) {
    if (Array.isArray(value)) value = value[0];
    value = (value as Record<string, unknown> | null | undefined)?.[name];
  }
  return Array.isArray(value) ? value[0] : value;
}

describe('field access by role', () => {
  const subject = completed;
  it('gives each field to the roles its rule allows and FORBIDDEN to the others', async () => {
    const schema = await schemaFields();
    const routeOf = routes(schema);
    const [assignment] = expectedSupport(subject);
    const row = byPerson.get(subject.id) as AssignmentRow;
    const volunteer = volunteerById.get(row.volunteerId);
    const organisation = organisationByCode.get(volunteer?.organisationCode ?? '');
    const sortedOrganisations = [...plan.organisations].sort(byKindThenCode);
    const expectedTree = {
      _entities: [{ supportAssignments: [{ ...assignment, volunteer: { ...volunteer, organisation, unit: {} } }] }],
      massOrganisations: sortedOrganisations.map((o) => ({ ...o, unit: {} })),
    };
    const coordinates = Object.keys(VOLUNTEERS_RULES);
    expect(coordinates.length).toBeGreaterThan(10);
    let cases = 0;
    for (const coordinate of coordinates) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const info = schema.get(typeName)?.get(fieldName);
      const route = routeOf.get(typeName);
      if (!info || !route) throw new Error(`No route to ${coordinate}`);
      let selection = `${fieldName}${info.object ? ' { __typename }' : ''}`;
      for (const step of [...route.steps].reverse()) selection = `${step.field} { ${selection} }`;
      const query =
        route.root === 'Person'
          ? `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${selection} } } }`
          : `query { ${selection} }`;
      const prefix = route.root === 'Person' ? ['_entities'] : [];
      const names = [...prefix, ...route.steps.map((s) => s.field), fieldName];
      const chain = [...route.steps.map((s) => `${s.type}.${s.field}`), coordinate];
      for (const role of ROLES) {
        cases += 1;
        const result = await run(query, route.root === 'Person' ? representations([subject.id]) : {}, role);
        const denied = chain.findIndex((c) => !canRead(ACCESS_MATRIX, role, c));
        if (denied === -1) {
          expect({ coordinate, role, errors: result.errors }).toEqual({ coordinate, role, errors: undefined });
          const value = walk(result.data, names);
          const expected = info.object ? { __typename: info.type } : walk(expectedTree, names);
          expect({ coordinate, expected }).not.toEqual({ coordinate, expected: undefined });
          expect({ coordinate, role, value }).toEqual({ coordinate, role, value: expected });
        } else {
          const forbiddenAt = [...prefix, ...route.steps.map((s) => s.field), fieldName].slice(0, prefix.length + denied + 1);
          const paths = (result.errors ?? [])
            .filter((e) => e.extensions?.code === 'FORBIDDEN')
            .map((e) => (e.path ?? []).filter((p) => typeof p === 'string'));
          expect({ coordinate, role, paths }).toEqual({ coordinate, role, paths: [forbiddenAt] });
          expect(walk(result.data, names) ?? null).toBeNull();
        }
      }
    }
    expect(cases).toBe(coordinates.length * ROLES.length);
  });

  it('follows docs/domain.md: support fields are sensitive and hidden from health, facility, court and analysts', () => {
    for (const [coordinate, rule] of Object.entries(VOLUNTEERS_RULES)) {
      if (coordinate.startsWith('MassOrganisation.') || coordinate === 'Query.massOrganisations') {
        expect({ coordinate, read: [...rule.read].sort() }).toEqual({ coordinate, read: [...ROLES].sort() });
        continue;
      }
      expect({ coordinate, sensitive: rule.sensitive }).toEqual({ coordinate, sensitive: true });
      // Volunteers do not read support through Person (no browsing who else is helped); they have myAssignedPeople.
      const volunteer = coordinate === 'Person.supportAssignments' ? [] : ['volunteer'];
      expect({ coordinate, read: [...rule.read].sort() }).toEqual({
        coordinate,
        read: ['commune_official', 'labour_officer', 'police_officer', 'supervisor', ...volunteer],
      });
    }
  });
});
