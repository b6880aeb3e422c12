import { randomUUID } from 'node:crypto';
import { announceTestPersons, demoUnits, testCaller } from '@rehab/server-kit';
import { ACCESS_MATRIX, addDays, type Caller, canRead, ROLES, todayInHanoi } from '@rehab/shared-schema';
import { volunteersSuite, type Result } from './harness';

const { COMMUNE, NEIGHBOUR_COMMUNE } = demoUnits;
type Row = Record<string, unknown>;

const suite = volunteersSuite();
const run = (query: string, variables: Record<string, unknown>, caller: Caller): Promise<Result> =>
  suite.run(query, variables, caller);
const TODAY = todayInHanoi();

async function ok(query: string, variables: Record<string, unknown>, caller: Caller): Promise<Row> {
  const result = await run(query, variables, caller);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return Object.values(result.data ?? {})[0] as Row;
}

const errorOf = (r: Result) => r.errors?.[0]?.extensions ?? {};

const FIELDS = `id fullName birthYear riskGroup listedOn agency note linkedOn removedOn removalReason version
  commune { code } person { id } services { kind providedOn agency }`;
const LIST_ONE = `mutation($input: PersonAtRiskInput!) { listPersonAtRisk(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: PersonAtRiskInput!) { updatePersonAtRisk(id: $id, expectedVersion: $v, input: $input) { ${FIELDS} } }`;
const LINK = `mutation($id: ID!, $v: Int!, $p: ID!, $on: Date!) { linkPersonAtRisk(id: $id, expectedVersion: $v, personId: $p, linkedOn: $on) { ${FIELDS} } }`;
const REMOVE = `mutation($id: ID!, $v: Int!, $on: Date!, $r: String!) { removePersonAtRisk(id: $id, expectedVersion: $v, removedOn: $on, reason: $r) { ${FIELDS} } }`;
const SERVE = `mutation($id: ID!, $v: Int!, $input: PreventionServiceInput!) { recordPreventionService(personAtRiskId: $id, expectedVersion: $v, input: $input) { ${FIELDS} } }`;
const SERVE_PERSON = `mutation($p: ID!, $input: PreventionServiceInput!) { recordPreventionServiceForPerson(personId: $p, input: $input) { id kind } }`;
const LIST = 'query($u: ID!, $all: Boolean) { peopleAtRisk(unitCode: $u, includeRemoved: $all) { id fullName } }';
const PERSON = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person {
  preventionServices { kind providedOn } preventionListEntry { id fullName } } } }`;

const FRONT = testCaller('front_officer', COMMUNE);
const COMMUNE_POLICE = testCaller('police_officer', COMMUNE);
let names = 0;
const input = (over: Row = {}) => ({
  fullName: `Nguyễn Văn Thử ${(names += 1)}`,
  birthYear: 2006,
  communeCode: COMMUNE,
  riskGroup: 'YOUTH_AT_RISK',
  listedOn: addDays(TODAY, -30),
  note: 'Bỏ học, hay tụ tập ở quán net',
  ...over,
});

async function stored(): Promise<number> {
  const [row] = await suite.database.db.query<[{ n: number }]>(
    'SELECT ((SELECT count(*) FROM person_at_risk) + (SELECT count(*) FROM prevention_service))::int AS n',
  );
  return row.n;
}

describe('prevention for high-risk groups', () => {
  it('lists a person at risk once, serves them, links them to the registry person they became, and takes them off', async () => {
    const entry = await ok(LIST_ONE, { input: input({ fullName: 'Phạm Minh Khoa' }) }, FRONT);
    expect(entry).toMatchObject({ agency: 'volunteers', version: 1, person: null, services: [], commune: { code: COMMUNE } });
    // The same name and year of birth on the commune's list is refused, in any letter case.
    const twice = await run(LIST_ONE, { input: input({ fullName: 'PHẠM MINH KHOA' }) }, COMMUNE_POLICE);
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', field: 'input.fullName' });

    const served = await ok(
      SERVE,
      { id: entry.id, v: 1, input: { kind: 'COUNSELLING', providedOn: addDays(TODAY, -20) } },
      COMMUNE_POLICE,
    );
    expect(served).toMatchObject({ version: 2, services: [{ kind: 'COUNSELLING', agency: 'police' }] });

    const [personId] = await announceTestPersons(suite.database.db, COMMUNE, randomUUID());
    const [elsewhere] = await announceTestPersons(suite.database.db, NEIGHBOUR_COMMUNE, randomUUID());
    const outside = await run(LINK, { id: entry.id, v: 2, p: elsewhere, on: TODAY }, FRONT);
    expect(errorOf(outside)).toMatchObject({ code: 'NOT_FOUND', field: 'personId' });
    const linked = await ok(LINK, { id: entry.id, v: 2, p: personId, on: TODAY }, FRONT);
    expect(linked).toMatchObject({ person: { id: personId }, linkedOn: TODAY, version: 3 });
    const linkAudit = await suite.database.db.query<{ fields: string[] }[]>(
      "SELECT fields FROM audit_log WHERE entity_type = 'PersonAtRisk' AND action = 'CHANGE' AND person_id = $1",
      [personId],
    );
    expect(linkAudit.map((r) => r.fields)).toEqual([['linkedOn', 'personId']]);
    // A second entry may not claim the same registry person: linked, not duplicated.
    const other = await ok(LIST_ONE, { input: input() }, FRONT);
    const dup = await run(LINK, { id: other.id, v: 1, p: personId, on: TODAY }, FRONT);
    expect(errorOf(dup)).toMatchObject({ code: 'CONFLICT', field: 'personId' });

    await ok(SERVE_PERSON, { p: personId, input: { kind: 'LEGAL_AID', providedOn: TODAY } }, COMMUNE_POLICE);
    const person = await run(PERSON, { reps: [{ __typename: 'Person', id: personId }] }, FRONT);
    expect(person.errors).toBeUndefined();
    expect(person.data?._entities).toEqual([
      {
        preventionServices: [
          { kind: 'LEGAL_AID', providedOn: TODAY },
          { kind: 'COUNSELLING', providedOn: addDays(TODAY, -20) },
        ],
        preventionListEntry: { id: entry.id, fullName: 'Phạm Minh Khoa' },
      },
    ]);

    const removed = await ok(REMOVE, { id: other.id, v: 1, on: TODAY, r: 'Chuyển đi nơi khác' }, FRONT);
    expect(removed).toMatchObject({ removedOn: TODAY, version: 2 });
    const current = (await ok(LIST, { u: COMMUNE }, FRONT)) as unknown as Row[];
    expect(current.map((p) => p.id)).toContain(entry.id);
    expect(current.map((p) => p.id)).not.toContain(other.id);
    const all = (await ok(LIST, { u: COMMUNE, all: true }, FRONT)) as unknown as Row[];
    expect(all.map((p) => p.id)).toContain(other.id);
    const late = await run(SERVE, { id: other.id, v: 2, input: { kind: 'REFERRAL', providedOn: TODAY } }, FRONT);
    expect(errorOf(late).code).toBe('ILLEGAL_TRANSITION');
  });

  it('audits every read of a name and every change, against the entry or, once linked, the person', async () => {
    const entry = await ok(LIST_ONE, { input: input({ fullName: 'Đỗ Thị Lan' }) }, FRONT);
    await ok(LIST, { u: COMMUNE }, COMMUNE_POLICE);
    const reads = await suite.database.db.query<{ fields: string[]; username: string }[]>(
      "SELECT fields, username FROM audit_log WHERE entity_type = 'PersonAtRisk' AND action = 'READ' AND person_id = $1",
      [entry.id],
    );
    expect(reads.some((r) => r.fields.includes('fullName') && r.username === COMMUNE_POLICE.username)).toBe(true);
    // A service given while on the list is audited against the entry too.
    await ok(SERVE, { id: entry.id, v: 1, input: { kind: 'RISK_SCREENING', providedOn: TODAY } }, FRONT);
    await ok(`query($u: ID!) { peopleAtRisk(unitCode: $u) { id services { kind } } }`, { u: COMMUNE }, COMMUNE_POLICE);
    const serviceReads = await suite.database.db.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'PreventionService' AND action = 'READ' AND person_id = $1",
      [entry.id],
    );
    expect(serviceReads[0]?.n).toBeGreaterThan(0);
    const changes = await suite.database.db.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'PersonAtRisk' AND action = 'CHANGE' AND person_id = $1",
      [entry.id],
    );
    expect(changes[0]?.n).toBe(1);
  });

  it('refuses bad input beside its field, communes the officer does not act for and stale versions, storing nothing', async () => {
    const entry = await ok(LIST_ONE, { input: input() }, FRONT);
    const before = await stored();
    const cases: [Row, string][] = [
      [input({ fullName: ' ' }), 'input.fullName'],
      [input({ birthYear: 2030 }), 'input.birthYear'],
      [input({ birthYear: 1800 }), 'input.birthYear'],
      [input({ listedOn: addDays(TODAY, 1) }), 'input.listedOn'],
      [input({ communeCode: '01' }), 'input.communeCode'],
    ];
    for (const [bad, field] of cases) {
      expect(errorOf(await run(LIST_ONE, { input: bad }, FRONT))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const early = await run(SERVE, { id: entry.id, v: 1, input: { kind: 'REFERRAL', providedOn: addDays(TODAY, -31) } }, FRONT);
    expect(errorOf(early)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providedOn' });
    const neighbour = await run(LIST_ONE, { input: input({ communeCode: NEIGHBOUR_COMMUNE }) }, FRONT);
    expect(errorOf(neighbour).code).toBe('FORBIDDEN');
    const stranger = await run(UPDATE, { id: entry.id, v: 1, input: input() }, testCaller('front_officer', NEIGHBOUR_COMMUNE));
    expect(errorOf(stranger).code).toBe('NOT_FOUND');
    const stale = await run(UPDATE, { id: entry.id, v: 9, input: input() }, FRONT);
    expect(errorOf(stale).code).toBe('CONFLICT');
    expect(await stored()).toBe(before);
    const neighbours = (await ok(LIST, { u: '01' }, testCaller('front_officer', NEIGHBOUR_COMMUNE))) as unknown as Row[];
    expect(neighbours.map((p) => p.id)).not.toContain(entry.id);
  });

  it('is read and kept by the prevention officers only: not health, labour, courts, volunteers or analysts', async () => {
    const entry = await ok(LIST_ONE, { input: input({ fullName: 'Vũ Đức Anh' }) }, FRONT);
    const [personId] = await announceTestPersons(suite.database.db, COMMUNE, randomUUID());
    await ok(LINK, { id: entry.id, v: 1, p: personId, on: TODAY }, FRONT);
    let keepers = 0;
    for (const role of ROLES) {
      const caller = testCaller(role, role === 'court_clerk' ? 'TAKV-HN01' : role === 'facility_staff' ? 'CSCN1' : COMMUNE);
      const read = await run(LIST, { u: COMMUNE }, caller);
      const made = await run(LIST_ONE, { input: input() }, caller);
      if (canRead(ACCESS_MATRIX, role, 'Mutation.listPersonAtRisk')) {
        keepers += 1;
        expect([role, made.errors]).toEqual([role, undefined]);
      } else {
        expect([role, errorOf(made).code]).toEqual([role, 'FORBIDDEN']);
      }
      const person = await run(PERSON, { reps: [{ __typename: 'Person', id: personId }] }, caller);
      const codes = [...new Set(person.errors?.map((e) => e.extensions?.code) ?? [])];
      expect([role, codes]).toEqual([role, canRead(ACCESS_MATRIX, role, 'Person.preventionListEntry') ? [] : ['FORBIDDEN']]);
      if (codes.length > 0) expect(JSON.stringify(person.data ?? null)).not.toContain(entry.fullName as string);
      if (canRead(ACCESS_MATRIX, role, 'PersonAtRisk.fullName')) {
        expect([role, read.errors]).toEqual([role, undefined]);
      } else {
        expect([role, errorOf(read).code]).toEqual([role, 'FORBIDDEN']);
        expect(JSON.stringify(read.data ?? null)).not.toContain(entry.fullName as string);
      }
    }
    expect(keepers).toBe(3);
  });
});
