import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import {
  announceTestPersons,
  buildSubgraphServer,
  createContext,
  openTestDatabase,
  testCaller,
  type TestDatabase,
  demoUnits,
} from '@rehab/server-kit';
import { ACCESS_MATRIX, ROLES, addDays, canRead, generateDemoPopulation, todayInHanoi, type Caller } from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { VOLUNTEER_ACCOUNTS, planVolunteersSeed, type VolunteerRow } from '../demo/plan';
import { hasCapacity, mustNotify, periodEnding, visitDue } from '../rules/support';
import { seedVolunteers } from '../seed';
import { createVolunteersDataSource, volunteersSubgraph } from '../server';
const { COMMUNE, NEIGHBOUR_COMMUNE, OTHER_PROVINCE_COMMUNE, pathOf, splitPredecessor, wholePredecessor } = demoUnits;

type Result = FormattedExecutionResult<Record<string, unknown>, Record<string, unknown>>;

let database: TestDatabase;
let server: ApolloServer<Context>;
const population = generateDemoPopulation();
const plan = planVolunteersSeed(population);
const today = todayInHanoi();
const OTHER_COMMUNE = plan.volunteers.find((v) => v.unitCode !== COMMUNE)?.unitCode as string;
const inCommune = plan.volunteers.filter((v) => v.unitCode === COMMUNE);
const linked = inCommune.find((v) => v.username === VOLUNTEER_ACCOUNTS[COMMUNE]) as VolunteerRow;
const colleague = inCommune.find((v) => v !== linked) as VolunteerRow;
const elsewhere = plan.volunteers.find((v) => v.unitCode === OTHER_COMMUNE) as VolunteerRow;

async function runAs(query: string, variables: Record<string, unknown>, caller: Caller): Promise<Result> {
  const response = await server.executeOperation(
    { query, variables },
    { contextValue: createContext(database.db, caller, createLoaders) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}
const official = (unit = COMMUNE) => testCaller('commune_official', unit);
const volunteerCaller = (username = linked.username as string) => testCaller('volunteer', COMMUNE, { username });
const codeOf = (r: Result) => r.errors?.[0]?.extensions?.code;
const fieldOf = (r: Result) => r.errors?.[0]?.extensions?.field;
const count = async (sql: string, params: unknown[] = []) => (await database.db.query<[{ n: number }]>(sql, params))[0].n;

const ASSIGN = `mutation($p: ID!, $v: ID!, $s: Date!, $c: AssignedPersonContactInput!, $r: AssignmentReason! = POST_REHAB_MANAGEMENT) {
  assignVolunteer(personId: $p, volunteerId: $v, reason: $r, startedOn: $s, contact: $c) { id version startedOn endedOn volunteer { id } } }`;
const END = `mutation($id: ID!, $v: Int!, $e: Date!) { endAssignment(id: $id, expectedVersion: $v, endedOn: $e) { id endedOn endReason version } }`;
const DEACTIVATE = `mutation($id: ID!, $v: Int!, $why: String!) { deactivateVolunteer(volunteerId: $id, expectedVersion: $v, reason: $why) {
  volunteer { id active version } needingVolunteer { assignmentId personId fullName endedOn version previousVolunteer { id } } } }`;
const REASSIGN = `mutation($a: ID!, $v: Int!, $to: ID!, $s: Date!) { reassignVolunteer(assignmentId: $a, expectedVersion: $v, volunteerId: $to, startedOn: $s) {
  id volunteer { id } startedOn } }`;
const LOG = `mutation($a: ID!, $d: Date!, $k: SupportActivityKind! = VISIT, $n: String, $risk: RelapseRisk! = NONE) {
  logSupportActivity(assignmentId: $a, date: $d, kind: $k, note: $n, relapseRisk: $risk) { id assignmentId occurredOn kind note relapseRisk } }`;
const WORKLIST = `query($asOf: Date, $days: Int) { myVolunteerWorklist(asOf: $asOf, visitIntervalDays: $days) { volunteer { id fullName }
  people { assignmentId personId fullName age address phone periodEndsOn lastActivityOn visitDue periodEnding activities { kind relapseRisk } }
  visitsDue { assignmentId } periodsEnding { assignmentId } } }`;

const contact = (n: number, periodEndsOn: string | null = addDays(today, 200)) => ({
  fullName: `Người thử ${n}`,
  dateOfBirth: '1990-05-17',
  address: `Số ${n} phố Thử`,
  phone: '0912345678',
  periodEndsOn,
});

/** A person of the registry living in `unit`, as police announced them to this agency's person directory. */
const resident = async (unit = COMMUNE): Promise<string> =>
  (await announceTestPersons(database.db, unit, randomUUID()))[0] as string;

async function assign(volunteerId: string, startedOn = addDays(today, -60), periodEndsOn: string | null = addDays(today, 200)) {
  const r = await runAs(ASSIGN, { p: await resident(), v: volunteerId, s: startedOn, c: contact(1, periodEndsOn) }, official());
  expect(r.errors).toBeUndefined();
  return (r.data as { assignVolunteer: { id: string; version: number } }).assignVolunteer;
}

/** Ends a volunteer's active assignments (seeded ones included) so each test starts from a known load. */
async function freeUp(volunteerId: string, unit = COMMUNE): Promise<void> {
  const rows = await database.db.query<{ id: string; version: number }[]>(
    'SELECT id, version FROM volunteer_assignment WHERE volunteer_id = $1 AND ended_on IS NULL',
    [volunteerId],
  );
  for (const a of rows) {
    const r = await runAs(END, { id: a.id, v: a.version, e: today }, official(unit));
    expect(r.errors).toBeUndefined();
  }
}

beforeAll(async () => {
  database = await openTestDatabase('volunteers', createVolunteersDataSource);
  await seedVolunteers(database.db, population);
  server = buildSubgraphServer(volunteersSubgraph, { db: database.db });
});

afterAll(async () => {
  await server.stop();
  await database.close();
});

describe('support rules', () => {
  it('caps active assignments at the organisation limit', () => {
    expect([0, 1, 2, 3].map((n) => hasCapacity(n, 2))).toEqual([true, true, false, false]);
    expect(hasCapacity(2, 3)).toBe(true);
  });
  it('says a visit is due after the interval without activity, counting from the start before any', () => {
    const f = { startedOn: '2026-01-01', lastActivityOn: null, periodEndsOn: null, dateOfBirth: null };
    expect(visitDue(f, '2026-01-30', 30)).toBe(false);
    expect(visitDue(f, '2026-01-31', 30)).toBe(true);
    expect(visitDue({ ...f, lastActivityOn: '2026-03-01' }, '2026-03-30', 30)).toBe(false);
    expect(visitDue({ ...f, lastActivityOn: '2026-03-01' }, '2026-03-31', 30)).toBe(true);
  });
  it('flags periods ending within 30 days, not past ones', () => {
    const f = { startedOn: '2026-01-01', lastActivityOn: null, dateOfBirth: null };
    expect(periodEnding({ ...f, periodEndsOn: '2026-02-10' }, '2026-01-11')).toBe(true);
    expect(periodEnding({ ...f, periodEndsOn: '2026-02-11' }, '2026-01-11')).toBe(false);
    expect(periodEnding({ ...f, periodEndsOn: '2026-01-10' }, '2026-01-11')).toBe(false);
    expect(periodEnding({ ...f, periodEndsOn: null }, '2026-01-11')).toBe(false);
  });
  it('notifies police and labour of a HIGH risk only', () => {
    expect((['NONE', 'LOW', 'HIGH'] as const).map(mustNotify)).toEqual([false, false, true]);
  });
});

describe('the seed', () => {
  it('has support activities of seeded assignments, never after their end nor a HIGH risk', async () => {
    expect(plan.activities.length).toBeGreaterThan(0);
    expect(await count('SELECT count(*)::int AS n FROM support_activity')).toBe(plan.activities.length);
    const ends = new Map(plan.assignments.map((a) => [a.id, a]));
    for (const s of plan.activities) {
      const a = ends.get(s.assignmentId);
      expect(a !== undefined && s.occurredOn >= a.startedOn && (a.endedOn === null || s.occurredOn <= a.endedOn)).toBe(true);
      expect(s.relapseRisk).not.toBe('HIGH');
    }
    expect(planVolunteersSeed(population)).toEqual(plan);
  });
});

describe('the demo volunteer account', () => {
  it('is linked to one volunteer record of its commune', async () => {
    expect(VOLUNTEER_ACCOUNTS[COMMUNE]).toBe('tnv.phuongbadinh');
    const rows = await database.db.query<{ id: string; unit_code: string }[]>(
      'SELECT id, unit_code FROM volunteer WHERE username = $1',
      ['tnv.phuongbadinh'],
    );
    expect(rows).toEqual([{ id: linked.id, unit_code: COMMUNE }]);
  });
});

describe('assignVolunteer', () => {
  beforeAll(async () => {
    await freeUp(linked.id);
    await freeUp(colleague.id);
  });

  it('is allowed to commune officials only (matrix)', async () => {
    for (const role of ROLES) {
      const allowed = canRead(ACCESS_MATRIX, role, 'Mutation.assignVolunteer');
      expect({ role, allowed }).toEqual({ role, allowed: role === 'commune_official' });
      if (allowed) continue;
      const before = await count('SELECT count(*)::int AS n FROM volunteer_assignment');
      const r = await runAs(ASSIGN, { p: await resident(), v: colleague.id, s: today, c: contact(2) }, testCaller(role, COMMUNE));
      expect({ role, code: codeOf(r) }).toEqual({ role, code: 'FORBIDDEN' });
      expect(await count('SELECT count(*)::int AS n FROM volunteer_assignment')).toBe(before);
    }
  });

  it('is refused out of the commune: NOT_FOUND for a volunteer elsewhere', async () => {
    const r = await runAs(ASSIGN, { p: await resident(), v: elsewhere.id, s: today, c: contact(3) }, official());
    expect([codeOf(r), fieldOf(r)]).toEqual(['NOT_FOUND', 'volunteerId']);
  });

  it("names only a person of the registry living in the commune: another commune's, another province's and an unknown id are refused alike, nothing written", async () => {
    const unknown = randomUUID();
    const neighbour = await resident(NEIGHBOUR_COMMUNE);
    const laoCai = await resident(OTHER_PROVINCE_COMMUNE);
    const before = await count('SELECT count(*)::int AS n FROM volunteer_assignment');
    const refusal = async (personId: string) => {
      const r = await runAs(ASSIGN, { p: personId, v: colleague.id, s: today, c: contact(7) }, official());
      return {
        code: codeOf(r),
        field: fieldOf(r),
        i18n: JSON.parse(JSON.stringify(r.errors?.[0]?.extensions?.i18n).split(personId).join('<id>')) as unknown,
      };
    };
    const expected = await refusal(unknown);
    expect(expected).toEqual({
      code: 'NOT_FOUND',
      field: 'personId',
      i18n: {
        vi: 'Không tìm thấy người <id> trong phạm vi đơn vị của bạn',
        en: 'No person <id> within your unit',
      },
    });
    expect(await refusal(neighbour)).toEqual(expected);
    expect(await refusal(laoCai)).toEqual(expected);
    expect(await count('SELECT count(*)::int AS n FROM volunteer_assignment')).toBe(before);
    // Announced later (registered, or moved here), the same id is accepted.
    await announceTestPersons(database.db, COMMUNE, unknown);
    expect((await runAs(ASSIGN, { p: unknown, v: colleague.id, s: today, c: contact(7) }, official())).errors).toBeUndefined();
    await freeUp(colleague.id);
  });

  it('refuses bad input with the field at fault', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ p: 'nope' }, 'personId'],
      [{ v: 'nope' }, 'volunteerId'],
      [{ s: addDays(today, 1) }, 'startedOn'],
      [{ c: { ...contact(4), phone: '12345' } }, 'contact.phone'],
      [{ c: { ...contact(4), fullName: '  ' } }, 'contact.fullName'],
      [{ c: { ...contact(4), periodEndsOn: addDays(today, -400) } }, 'contact.periodEndsOn'],
    ];
    for (const [patch, field] of cases) {
      const r = await runAs(ASSIGN, { p: await resident(), v: colleague.id, s: today, c: contact(4), ...patch }, official());
      expect({ field, code: codeOf(r), at: fieldOf(r) }).toEqual({ field, code: 'BAD_USER_INPUT', at: field });
    }
  });

  it('refuses an assignment beyond capacity, and a second volunteer for the same person', async () => {
    const first = await assign(colleague.id);
    await assign(colleague.id);
    const before = await count('SELECT count(*)::int AS n FROM volunteer_assignment');
    const full = await runAs(ASSIGN, { p: await resident(), v: colleague.id, s: today, c: contact(5) }, official());
    expect([codeOf(full), fieldOf(full)]).toEqual(['ILLEGAL_TRANSITION', 'volunteerId']);
    expect(full.errors?.[0]?.extensions?.i18n).toEqual(expect.objectContaining({ en: expect.stringContaining('at most 2') }));
    const person = (
      await database.db.query<[{ person_id: string }]>('SELECT person_id FROM volunteer_assignment WHERE id = $1', [first.id])
    )[0].person_id;
    await freeUp(linked.id);
    const twice = await runAs(ASSIGN, { p: person, v: linked.id, s: today, c: contact(6) }, official());
    expect([codeOf(twice), fieldOf(twice)]).toEqual(['ILLEGAL_TRANSITION', 'personId']);
    expect(await count('SELECT count(*)::int AS n FROM volunteer_assignment')).toBe(before);
    await freeUp(colleague.id);
  });

  it('holds the capacity under concurrency: of 6 simultaneous assignments of one volunteer, 2 succeed', async () => {
    await freeUp(colleague.id);
    const people = await announceTestPersons(database.db, COMMUNE, ...Array.from({ length: 6 }, () => randomUUID()));
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        runAs(ASSIGN, { p: people[i], v: colleague.id, s: today, c: contact(10 + i) }, official()),
      ),
    );
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(2);
    expect(results.filter((r) => codeOf(r) === 'ILLEGAL_TRANSITION')).toHaveLength(4);
    expect(
      await count('SELECT count(*)::int AS n FROM volunteer_assignment WHERE volunteer_id = $1 AND ended_on IS NULL', [
        colleague.id,
      ]),
    ).toBe(2);
    await freeUp(colleague.id);
  });

  it('audits the change against the person', async () => {
    const a = await assign(colleague.id);
    const person = (
      await database.db.query<[{ person_id: string }]>('SELECT person_id FROM volunteer_assignment WHERE id = $1', [a.id])
    )[0].person_id;
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log WHERE person_id = $1 AND action = 'CHANGE' AND entity_type = 'VolunteerAssignment'`,
        [person],
      ),
    ).toBe(1);
    await freeUp(colleague.id);
  });
});

describe('endAssignment', () => {
  it('ends once; stale, repeated, early and foreign ends are refused and change nothing', async () => {
    const a = await assign(colleague.id);
    expect(codeOf(await runAs(END, { id: a.id, v: a.version, e: today }, testCaller('volunteer', COMMUNE)))).toBe('FORBIDDEN');
    expect(codeOf(await runAs(END, { id: a.id, v: a.version, e: today }, official(OTHER_COMMUNE)))).toBe('NOT_FOUND');
    expect(fieldOf(await runAs(END, { id: a.id, v: a.version, e: addDays(today, -61) }, official()))).toBe('endedOn');
    expect(codeOf(await runAs(END, { id: a.id, v: a.version + 1, e: today }, official()))).toBe('CONFLICT');
    expect(codeOf(await runAs(END, { id: 'x', v: 1, e: today }, official()))).toBe('BAD_USER_INPUT');
    const ok = await runAs(END, { id: a.id, v: a.version, e: today }, official());
    expect(ok.data).toEqual({ endAssignment: { id: a.id, endedOn: today, endReason: 'ENDED', version: a.version + 1 } });
    expect(codeOf(await runAs(END, { id: a.id, v: a.version + 1, e: today }, official()))).toBe('ILLEGAL_TRANSITION');
  });
});

describe('a volunteer leaving, and reassignment', () => {
  it("ends the leaver's assignments, lists the people on the worklist, and gives them a new volunteer within capacity", async () => {
    await freeUp(linked.id);
    await freeUp(colleague.id);
    const a1 = await assign(colleague.id);
    const a2 = await assign(colleague.id);
    const [{ version }] = await database.db.query<[{ version: number }]>('SELECT version FROM volunteer WHERE id = $1', [
      colleague.id,
    ]);
    expect(codeOf(await runAs(DEACTIVATE, { id: colleague.id, v: version + 5, why: 'Chuyển công tác' }, official()))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await runAs(DEACTIVATE, { id: colleague.id, v: version, why: ' ' }, official()))).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await runAs(DEACTIVATE, { id: colleague.id, v: version, why: 'x' }, testCaller('police_officer', COMMUNE))),
    ).toBe('FORBIDDEN');
    const left = await runAs(DEACTIVATE, { id: colleague.id, v: version, why: 'Chuyển công tác' }, official());
    expect(left.errors).toBeUndefined();
    const out = (
      left.data as {
        deactivateVolunteer: {
          volunteer: { active: boolean; version: number };
          needingVolunteer: { assignmentId: string; endedOn: string; version: number; previousVolunteer: { id: string } }[];
        };
      }
    ).deactivateVolunteer;
    expect(out.volunteer).toEqual(expect.objectContaining({ active: false, version: version + 1 }));
    expect(out.needingVolunteer.map((n) => n.assignmentId).sort()).toEqual([a1.id, a2.id].sort());
    expect(out.needingVolunteer.every((n) => n.endedOn === today && n.previousVolunteer.id === colleague.id)).toBe(true);
    // A volunteer who left cannot leave again nor take people.
    expect(codeOf(await runAs(DEACTIVATE, { id: colleague.id, v: version + 1, why: 'Lần nữa' }, official()))).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(codeOf(await runAs(ASSIGN, { p: await resident(), v: colleague.id, s: today, c: contact(20) }, official()))).toBe(
      'ILLEGAL_TRANSITION',
    );

    const worklist = await runAs(`{ assignmentsNeedingVolunteer { assignmentId fullName } }`, {}, official());
    expect(
      (worklist.data as { assignmentsNeedingVolunteer: { assignmentId: string }[] }).assignmentsNeedingVolunteer
        .map((n) => n.assignmentId)
        .sort(),
    ).toEqual([a1.id, a2.id].sort());
    const elsewhereList = await runAs(`{ assignmentsNeedingVolunteer { assignmentId } }`, {}, official(OTHER_COMMUNE));
    expect(elsewhereList.data).toEqual({ assignmentsNeedingVolunteer: [] });

    const [n1, n2] = out.needingVolunteer as [(typeof out.needingVolunteer)[number], (typeof out.needingVolunteer)[number]];
    expect(codeOf(await runAs(REASSIGN, { a: n1.assignmentId, v: n1.version, to: elsewhere.id, s: today }, official()))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await runAs(REASSIGN, { a: n1.assignmentId, v: n1.version + 1, to: linked.id, s: today }, official()))).toBe(
      'CONFLICT',
    );
    expect(
      fieldOf(await runAs(REASSIGN, { a: n1.assignmentId, v: n1.version, to: linked.id, s: addDays(today, -1) }, official())),
    ).toBe('startedOn');
    const r1 = await runAs(REASSIGN, { a: n1.assignmentId, v: n1.version, to: linked.id, s: today }, official());
    expect(r1.errors).toBeUndefined();
    expect(codeOf(await runAs(REASSIGN, { a: n1.assignmentId, v: n1.version + 1, to: linked.id, s: today }, official()))).toBe(
      'ILLEGAL_TRANSITION',
    );
    const r2 = await runAs(REASSIGN, { a: n2.assignmentId, v: n2.version, to: linked.id, s: today }, official());
    expect(r2.errors).toBeUndefined();
    const after = await runAs(`{ assignmentsNeedingVolunteer { assignmentId } }`, {}, official());
    expect(after.data).toEqual({ assignmentsNeedingVolunteer: [] });
    // The new volunteer got the contact snapshot with the people.
    const names = await database.db.query<{ full_name: string }[]>(
      'SELECT full_name FROM volunteer_assignment WHERE volunteer_id = $1 AND ended_on IS NULL',
      [linked.id],
    );
    expect(names).toHaveLength(2);
    expect(names.every((n) => n.full_name.startsWith('Người thử'))).toBe(true);
    await freeUp(linked.id);
  });
});

describe("logSupportActivity and the volunteer's worklist", () => {
  let mine: { id: string };
  let theirs: { id: string };
  const outbox = () => count(`SELECT count(*)::int AS n FROM outbox_notice WHERE topic = 'support.relapse-risk'`);

  beforeAll(async () => {
    await freeUp(linked.id);
    mine = await assign(linked.id, addDays(today, -45), addDays(today, 20));
    const other =
      plan.volunteers.find((v) => v.unitCode === COMMUNE && v.id !== linked.id && v.id !== colleague.id) ??
      plan.volunteers.find((v) => v.unitCode === elsewhere.unitCode);
    if (!other) throw new Error('The demo plan has no other volunteer');
    theirs =
      other.unitCode === COMMUNE
        ? await assign(other.id)
        : (
            await database.db.query<[{ id: string }]>('SELECT id FROM volunteer_assignment WHERE volunteer_id = $1 LIMIT 1', [
              other.id,
            ])
          )[0];
  });

  it("is for the assigned volunteer only: other roles FORBIDDEN, another volunteer's assignment NOT_FOUND, no account NOT linked", async () => {
    for (const role of ROLES.filter((r) => r !== 'volunteer')) {
      expect({ role, code: codeOf(await runAs(LOG, { a: mine.id, d: today }, testCaller(role, COMMUNE))) }).toEqual({
        role,
        code: 'FORBIDDEN',
      });
    }
    expect(codeOf(await runAs(LOG, { a: theirs.id, d: today }, volunteerCaller()))).toBe('NOT_FOUND');
    expect(codeOf(await runAs(LOG, { a: mine.id, d: today }, volunteerCaller('tnv.unknown')))).toBe('FORBIDDEN');
    expect(await count('SELECT count(*)::int AS n FROM support_activity WHERE assignment_id = $1', [mine.id])).toBe(0);
  });

  it('refuses bad input', async () => {
    expect(fieldOf(await runAs(LOG, { a: mine.id, d: addDays(today, 1) }, volunteerCaller()))).toBe('date');
    expect(fieldOf(await runAs(LOG, { a: mine.id, d: addDays(today, -46) }, volunteerCaller()))).toBe('date');
    expect(fieldOf(await runAs(LOG, { a: mine.id, d: today, n: 'x'.repeat(501) }, volunteerCaller()))).toBe('note');
    expect(fieldOf(await runAs(LOG, { a: 'x', d: today }, volunteerCaller()))).toBe('assignmentId');
    expect(await count('SELECT count(*)::int AS n FROM support_activity WHERE assignment_id = $1', [mine.id])).toBe(0);
  });

  it('shows the worklist: my people with a visit due and a period ending, then the visit clears it', async () => {
    const before = await runAs(WORKLIST, { asOf: today }, volunteerCaller());
    expect(before.errors).toBeUndefined();
    const w = (
      before.data as {
        myVolunteerWorklist: {
          volunteer: { id: string };
          people: Record<string, unknown>[];
          visitsDue: { assignmentId: string }[];
          periodsEnding: { assignmentId: string }[];
        };
      }
    ).myVolunteerWorklist;
    expect(w.volunteer.id).toBe(linked.id);
    expect(w.people).toEqual([
      expect.objectContaining({
        assignmentId: mine.id,
        fullName: 'Người thử 1',
        address: 'Số 1 phố Thử',
        phone: '0912345678',
        periodEndsOn: addDays(today, 20),
        lastActivityOn: null,
        visitDue: true,
        periodEnding: true,
        activities: [],
      }),
    ]);
    expect(w.visitsDue.map((p) => p.assignmentId)).toEqual([mine.id]);
    expect(w.periodsEnding.map((p) => p.assignmentId)).toEqual([mine.id]);

    const logged = await runAs(LOG, { a: mine.id, d: today, k: 'COUNSELLING', n: 'Ổn định', risk: 'LOW' }, volunteerCaller());
    expect(logged.errors).toBeUndefined();
    expect(await outbox()).toBe(0);
    const after = await runAs(WORKLIST, { asOf: today }, volunteerCaller());
    const w2 = (
      after.data as { myVolunteerWorklist: { people: { lastActivityOn: string; visitDue: boolean }[]; visitsDue: unknown[] } }
    ).myVolunteerWorklist;
    expect(w2.people[0]).toEqual(expect.objectContaining({ lastActivityOn: today, visitDue: false }));
    expect(w2.visitsDue).toEqual([]);
    expect(codeOf(await runAs(WORKLIST, { asOf: today, days: 0 }, volunteerCaller()))).toBe('BAD_USER_INPUT');
  });

  it('queues one notice to police and one to labour, in the same transaction, for a HIGH risk', async () => {
    const r = await runAs(
      LOG,
      { a: mine.id, d: today, k: 'VISIT', n: 'Có dấu hiệu sử dụng lại', risk: 'HIGH' },
      volunteerCaller(),
    );
    expect(r.errors).toBeUndefined();
    const rows = await database.db.query<{ destination: string; payload: Record<string, unknown> }[]>(
      `SELECT destination, payload FROM outbox_notice WHERE topic = 'support.relapse-risk' ORDER BY destination`,
    );
    const person = (
      await database.db.query<[{ person_id: string }]>('SELECT person_id FROM volunteer_assignment WHERE id = $1', [mine.id])
    )[0].person_id;
    const payload = { personId: person, assignmentId: mine.id, observedOn: today, note: 'Có dấu hiệu sử dụng lại' };
    expect(rows).toEqual([
      { destination: 'labor-welfare', payload },
      { destination: 'police', payload },
    ]);
  });

  it('refuses activities on an ended assignment', async () => {
    const [{ version }] = await database.db.query<[{ version: number }]>(
      'SELECT version FROM volunteer_assignment WHERE id = $1',
      [mine.id],
    );
    expect((await runAs(END, { id: mine.id, v: version, e: today }, official())).errors).toBeUndefined();
    const before = await outbox();
    expect(codeOf(await runAs(LOG, { a: mine.id, d: today, risk: 'HIGH' }, volunteerCaller()))).toBe('ILLEGAL_TRANSITION');
    expect(await outbox()).toBe(before);
  });
});

describe('visibility', () => {
  it('gives the volunteer worklist to volunteers only, and the reassignment worklist to the commune and supervisors', async () => {
    for (const role of ROLES) {
      const own = await runAs(
        `{ myAssignedPeople { fullName } }`,
        {},
        role === 'volunteer' ? volunteerCaller() : testCaller(role, COMMUNE),
      );
      expect({ role, code: codeOf(own) ?? 'OK' }).toEqual({ role, code: role === 'volunteer' ? 'OK' : 'FORBIDDEN' });
      const pending = await runAs(`{ assignmentsNeedingVolunteer { assignmentId } }`, {}, testCaller(role, COMMUNE));
      const managers = role === 'commune_official' || role === 'supervisor';
      expect({ role, code: codeOf(pending) ?? 'OK' }).toEqual({ role, code: managers ? 'OK' : 'FORBIDDEN' });
    }
  });

  it('does not let volunteers read support through Person (only their own people, through their worklist)', () => {
    expect(canRead(ACCESS_MATRIX, 'volunteer', 'Person.supportAssignments')).toBe(false);
    for (const field of ['fullName', 'dateOfBirth', 'currentResidence', 'identificationNumber']) {
      expect({ field, read: canRead(ACCESS_MATRIX, 'volunteer', `Person.${field}`) }).toEqual({ field, read: false });
    }
  });
});

describe('assignments made before the 2025 reform', () => {
  // Volunteers serve today's communes; an assignment belongs to the commune of its start.
  const WARD = NEIGHBOUR_COMMUNE;
  const inWard = plan.volunteers.filter((v) => v.unitCode === WARD);
  const leaver = inWard[0] as VolunteerRow;
  const successor = inWard[1] as VolunteerRow;
  const SUPPORT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { supportAssignments { id } } } }`;

  async function oldAssignment(volunteerId: string, ownerPath: string): Promise<{ id: string; personId: string }> {
    const row = { id: randomUUID(), personId: randomUUID() };
    await database.db.query(
      `INSERT INTO volunteer_assignment (id, person_id, volunteer_id, reason, started_on, owner_unit_path,
      full_name, date_of_birth, address, phone, period_ends_on) VALUES ($1, $2, $3, 'POST_REHAB_MANAGEMENT', '2025-03-01', $4,
      'Người trước sắp xếp', '1988-02-03', 'Số 2 phố Cũ', '0912345670', $5)`,
      [row.id, row.personId, volunteerId, ownerPath, addDays(today, 100)],
    );
    return row;
  }
  const supportSeenBy = async (personId: string, unit: string) =>
    (
      (await runAs(SUPPORT, { r: [{ __typename: 'Person', id: personId }] }, official(unit))).data as {
        _entities: { supportAssignments: { id: string }[] }[];
      }
    )._entities[0]?.supportAssignments.map((a) => a.id);

  it("lets today's ward take over an old ward it took in whole: the leaver's people go to one of its volunteers", async () => {
    await freeUp(leaver.id, WARD);
    await freeUp(successor.id, WARD);
    const old = await oldAssignment(leaver.id, wholePredecessor(WARD));
    expect(await supportSeenBy(old.personId, WARD)).toEqual([old.id]);
    const [{ version }] = await database.db.query<[{ version: number }]>('SELECT version FROM volunteer WHERE id = $1', [
      leaver.id,
    ]);
    const left = await runAs(DEACTIVATE, { id: leaver.id, v: version, why: 'Chuyển công tác' }, official(WARD));
    expect(left.errors).toBeUndefined();
    const pending = await runAs(`{ assignmentsNeedingVolunteer { assignmentId version } }`, {}, official(WARD));
    const waiting = (
      pending.data as { assignmentsNeedingVolunteer: { assignmentId: string; version: number }[] }
    ).assignmentsNeedingVolunteer.find((n) => n.assignmentId === old.id);
    expect(waiting).toBeDefined();
    const taken = await runAs(REASSIGN, { a: old.id, v: waiting?.version, to: successor.id, s: today }, official(WARD));
    expect(taken.errors).toBeUndefined();
    expect((taken.data as { reassignVolunteer: { volunteer: { id: string } } }).reassignVolunteer.volunteer.id).toBe(
      successor.id,
    );
    await freeUp(successor.id, WARD);
  });

  it("gives a split old ward's assignment to the ward its person was assigned to, and to no other", async () => {
    const split = splitPredecessor(WARD);
    const old = await oldAssignment(successor.id, split.path);
    const end = (unit: string) => runAs(END, { id: old.id, v: 1, e: today }, official(unit));
    // Until the province assigns the person, neither new ward reads or ends it.
    expect(await supportSeenBy(old.personId, WARD)).toEqual([]);
    expect(codeOf(await end(WARD))).toBe('NOT_FOUND');
    await database.db.query(
      `INSERT INTO person_unit_assignment (person_id, from_unit_path, to_unit_code, to_unit_path, assigned_on)
      VALUES ($1, $2, $3, $4, '2025-08-01')`,
      [old.personId, split.path, WARD, pathOf(WARD)],
    );
    expect(await supportSeenBy(old.personId, WARD)).toEqual([old.id]);
    expect(await supportSeenBy(old.personId, split.otherHeir)).toEqual([]);
    expect(codeOf(await end(split.otherHeir))).toBe('NOT_FOUND');
    const ended = await end(WARD);
    expect(ended.errors).toBeUndefined();
    expect(ended.data).toMatchObject({ endAssignment: { id: old.id, endedOn: today, endReason: 'ENDED' } });
  });
});
