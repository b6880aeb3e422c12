import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
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
  ROLES,
  addDays,
  canRead,
  generateDemoPopulation,
  todayInHanoi,
  type Caller,
  type Role,
} from '@rehab/shared-schema';
import { createLoaders, type Context } from '../context';
import { planVolunteersSeed } from '../demo/plan';
import { seedVolunteers } from '../seed';
import { createVolunteersDataSource, volunteersSubgraph } from '../server';
const { COMMUNE, LAO_CAI, NEIGHBOUR_COMMUNE } = demoUnits;

type Result = FormattedExecutionResult<Record<string, unknown>, Record<string, unknown>>;

let database: TestDatabase;
let server: ApolloServer<Context>;
const population = generateDemoPopulation({ persons: 200 });
const plan = planVolunteersSeed(population);
const today = todayInHanoi();
const OTHER = NEIGHBOUR_COMMUNE;
/** A seeded chapter of COMMUNE. */
function chapterOfCommune(): { id: string; organisationCode: string } {
  const chapter = plan.chapters.find((c) => c.unitCode === COMMUNE);
  if (!chapter) throw new Error(`no seeded chapter in ${COMMUNE}`);
  return chapter;
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

async function run(query: string, variables: Record<string, unknown>, caller: Caller): Promise<Result> {
  const response = await server.executeOperation(
    { query, variables },
    { contextValue: createContext(database.db, caller, createLoaders) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}
const as = (role: Role, unit = COMMUNE) => testCaller(role, unit);
const failure = (r: Result) => ({ code: r.errors?.[0]?.extensions?.code, field: r.errors?.[0]?.extensions?.field });
function ok<T>(r: Result, field: string): T {
  expect(r.errors).toBeUndefined();
  return (r.data as Record<string, T>)[field] as T;
}
const count = async (sql: string, params: unknown[] = []) => (await database.db.query<[{ n: number }]>(sql, params))[0].n;

const CHAPTERS = `query($u: ID, $o: ID) { organisationChapters(unitCode: $u, organisationCode: $o) {
  id name organisation { code } unit { code } leaderName leaderPhone establishedOn activeVolunteerCount version } }`;
const OPEN = `mutation($o: ID!, $u: ID!, $n: String!, $l: String, $p: String, $e: Date) {
  openOrganisationChapter(organisationCode: $o, unitCode: $u, name: $n, leaderName: $l, leaderPhone: $p, establishedOn: $e) {
  id name organisation { code } unit { code } leaderName activeVolunteerCount version } }`;
const REGISTER = `mutation($c: ID!, $n: String!, $p: String!, $u: String) { registerVolunteer(chapterId: $c, fullName: $n, phone: $p, username: $u) {
  id fullName active organisation { code } unit { code } chapter { id name activeVolunteerCount } version } }`;
const TRAIN = `mutation($v: ID!, $ev: Int!, $c: String!, $s: Date!, $e: Date) { recordVolunteerTraining(volunteerId: $v, expectedVersion: $ev, course: $c,
  startedOn: $s, completedOn: $e) { id version trainings { course startedOn completedOn } } }`;

interface Chapter {
  id: string;
  name: string;
  organisation: { code: string };
  unit: { code: string };
  activeVolunteerCount: number;
  version: number;
}

describe('organisation chapters', () => {
  it("lists the seeded chapters of the caller's unit with their active members", async () => {
    const chapters = ok<Chapter[]>(await run(CHAPTERS, {}, as('commune_official')), 'organisationChapters');
    const expected = plan.chapters.filter((c) => c.unitCode === COMMUNE);
    expect(chapters.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    for (const c of chapters) {
      expect(c.unit.code).toBe(COMMUNE);
      expect(c.activeVolunteerCount).toBe(plan.volunteers.filter((v) => v.chapterId === c.id).length);
    }
    // A provincial officer sees the chapters of every commune of the province, and may narrow to one.
    const province = ok<Chapter[]>(await run(CHAPTERS, {}, as('police_officer', '01')), 'organisationChapters');
    expect(new Set(province.map((c) => c.unit.code))).toEqual(
      new Set(plan.chapters.filter((c) => c.ownerUnitPath.startsWith('01.')).map((c) => c.unitCode)),
    );
    const narrowed = ok<Chapter[]>(await run(CHAPTERS, { u: OTHER }, as('police_officer', '01')), 'organisationChapters');
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.every((c) => c.unit.code === OTHER)).toBe(true);
    // The neighbouring ward's official, another province's police, and the account of Quận Ba Đình (the district ended in 2025) see none of COMMUNE's.
    for (const [role, unit] of [
      ['commune_official', OTHER],
      ['police_officer', LAO_CAI],
      ['police_officer', '001'],
    ] as const) {
      const elsewhere = ok<Chapter[]>(await run(CHAPTERS, { u: COMMUNE }, as(role, unit)), 'organisationChapters');
      expect({ unit, elsewhere }).toEqual({ unit, elsewhere: [] });
    }
  });

  it('opens a chapter once per organisation and commune, registers members and records their training', async () => {
    const taken = new Set(plan.chapters.filter((c) => c.unitCode === COMMUNE).map((c) => c.organisationCode));
    const free = plan.organisations.find((o) => !taken.has(o.code));
    if (!free) throw new Error('every organisation already has a chapter in the commune');
    const vars = { o: free.code, u: COMMUNE, n: 'Chi hội mới', l: 'Phạm Thị Hoa', p: '0987654321', e: '2025-03-08' };
    const chapter = ok<Chapter>(await run(OPEN, vars, as('commune_official')), 'openOrganisationChapter');
    expect(chapter).toMatchObject({
      name: 'Chi hội mới',
      organisation: { code: free.code },
      unit: { code: COMMUNE },
      activeVolunteerCount: 0,
      version: 1,
    });
    expect(failure(await run(OPEN, vars, as('commune_official')))).toEqual({ code: 'CONFLICT', field: 'organisationCode' });

    const member = ok<{
      id: string;
      organisation: { code: string };
      unit: { code: string };
      chapter: { id: string; activeVolunteerCount: number };
      version: number;
    }>(
      await run(REGISTER, { c: chapter.id, n: 'Vũ Thị Lan', p: '0912000111', u: 'tnv.moi.phuongbadinh' }, as('commune_official')),
      'registerVolunteer',
    );
    expect(member).toMatchObject({
      organisation: { code: free.code },
      unit: { code: COMMUNE },
      chapter: { id: chapter.id, activeVolunteerCount: 1 },
    });
    expect(
      failure(
        await run(
          REGISTER,
          { c: chapter.id, n: 'Người khác', p: '0912000112', u: 'tnv.moi.phuongbadinh' },
          as('commune_official'),
        ),
      ),
    ).toEqual({ code: 'CONFLICT', field: 'username' });

    const trained = ok<{ version: number; trainings: unknown[] }>(
      await run(
        TRAIN,
        { v: member.id, ev: member.version, c: 'Kỹ năng tư vấn hỗ trợ sau cai', s: addDays(today, -10), e: addDays(today, -5) },
        as('commune_official'),
      ),
      'recordVolunteerTraining',
    );
    expect(trained.trainings).toEqual([
      { course: 'Kỹ năng tư vấn hỗ trợ sau cai', startedOn: addDays(today, -10), completedOn: addDays(today, -5) },
    ]);
    expect(trained.version).toBe(member.version + 1);
    // A stale version is a conflict; nothing is added.
    expect(
      failure(await run(TRAIN, { v: member.id, ev: member.version, c: 'Khoá khác', s: today }, as('commune_official'))).code,
    ).toBe('CONFLICT');
    expect(await count('SELECT count(*)::int AS n FROM volunteer_training WHERE volunteer_id = $1', [member.id])).toBe(1);
  });

  it('refuses bad input and other units, changing nothing', async () => {
    const mine = chapterOfCommune();
    const before = await count('SELECT count(*)::int AS n FROM volunteer');
    const cases: [string, Record<string, unknown>, Caller, { code: string; field?: string }][] = [
      [
        OPEN,
        { o: 'HLHPN-01', u: '001', n: 'Cấp huyện' },
        as('commune_official', '001'),
        { code: 'BAD_USER_INPUT', field: 'unitCode' },
      ],
      [
        OPEN,
        { o: 'KHONG-CO', u: COMMUNE, n: 'X' },
        as('commune_official'),
        { code: 'BAD_USER_INPUT', field: 'organisationCode' },
      ],
      [OPEN, { o: 'HLHPN-01', u: OTHER, n: 'X' }, as('commune_official'), { code: 'FORBIDDEN' }],
      [OPEN, { o: 'HLHPN-01', u: COMMUNE, n: ' ' }, as('commune_official'), { code: 'BAD_USER_INPUT', field: 'name' }],
      [
        OPEN,
        { o: 'HLHPN-01', u: COMMUNE, n: 'X', e: addDays(today, 3) },
        as('commune_official'),
        { code: 'BAD_USER_INPUT', field: 'establishedOn' },
      ],
      [REGISTER, { c: mine.id, n: 'A', p: 'abc' }, as('commune_official'), { code: 'BAD_USER_INPUT', field: 'phone' }],
      [
        REGISTER,
        { c: mine.id, n: 'A', p: '0912000113', u: 'Sai Ten!' },
        as('commune_official'),
        { code: 'BAD_USER_INPUT', field: 'username' },
      ],
      [REGISTER, { c: 'x', n: 'A', p: '0912000113' }, as('commune_official'), { code: 'BAD_USER_INPUT', field: 'chapterId' }],
      [
        REGISTER,
        { c: mine.id, n: 'A', p: '0912000113' },
        as('commune_official', OTHER),
        { code: 'NOT_FOUND', field: 'chapterId' },
      ],
      [
        TRAIN,
        { v: plan.volunteers[0]?.id, ev: 1, c: 'K', s: today, e: addDays(today, -1) },
        as('commune_official', plan.volunteers[0]?.unitCode),
        { code: 'BAD_USER_INPUT', field: 'completedOn' },
      ],
    ];
    for (const [query, vars, caller, expected] of cases) {
      expect({ vars, got: failure(await run(query, vars, caller)) }).toEqual({ vars, got: expect.objectContaining(expected) });
    }
    expect(await count('SELECT count(*)::int AS n FROM volunteer')).toBe(before);
  });

  it('gives chapters and their mutations to the roles the matrix names, FORBIDDEN to the others', async () => {
    const mine = chapterOfCommune();
    const READ = 'query { organisationChapters { id name leaderName activeVolunteerCount } }';
    for (const role of ROLES) {
      const listed = await run(READ, {}, as(role));
      expect({ role, code: listed.errors?.[0]?.extensions?.code ?? 'OK' }).toEqual({
        role,
        code: canRead(ACCESS_MATRIX, role, 'Query.organisationChapters') ? 'OK' : 'FORBIDDEN',
      });
      for (const [query, vars, name] of [
        [REGISTER, { c: mine.id, n: 'A', p: '0912000114' }, 'registerVolunteer'],
        [OPEN, { o: 'HLHPN-01', u: COMMUNE, n: 'X' }, 'openOrganisationChapter'],
      ] as const) {
        if (canRead(ACCESS_MATRIX, role, `Mutation.${name}`)) continue;
        expect({ role, name, code: failure(await run(query, vars, as(role))).code }).toEqual({ role, name, code: 'FORBIDDEN' });
      }
    }
    for (const role of ['analyst', 'health_worker', 'facility_staff', 'court_clerk'] as const) {
      expect(canRead(ACCESS_MATRIX, role, 'OrganisationChapter.leaderPhone')).toBe(false);
      expect(canRead(ACCESS_MATRIX, role, 'Query.organisationChapters')).toBe(false);
    }
    expect(ACCESS_MATRIX['Mutation.registerVolunteer']?.read).toEqual(['commune_official']);
  });
});
