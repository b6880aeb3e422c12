/**
 * Vietnam as officers work in it in December 2026, through the gateway: the real units of both
 * tiers by date, any province usable, the records of a split commune assigned by the province
 * (and then seen by the new ward while the old district's account still reads its past), who
 * acts at each step by date, and reports broken down by the units of their period.
 */
import type { InProcessSystem } from '@rehab/ops';
import { REFORM_DATE, makeIdentificationNumber, units, type DemoPerson } from '@rehab/shared-schema';
import { seedIdentity } from '@rehab/gateway';
import { population, startTestSystem } from './fixtures';

let system: InProcessSystem;
const tokens: Record<string, string> = {};
const ACCOUNTS = [
  'giamsat.hanoi',
  'congan.hanoi',
  'congan.laocai',
  'congan.phuonglaocai',
  'laodong.badinh',
  'laodong.hanoi',
  'phantich.hanoi',
];

beforeAll(async () => {
  system = await startTestSystem();
  for (const u of ACCOUNTS) tokens[u] = await system.login(u);
});

afterAll(async () => {
  await system.stop();
});

type Result<T> = Awaited<ReturnType<InProcessSystem['graphql']>> & { data?: T };

async function as<T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<Result<T>> {
  const token = tokens[username] ?? (tokens[username] = await system.login(username));
  return (await system.graphql<T>(token, query, variables)) as Result<T>;
}

async function data<T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await as<T>(username, query, variables);
  if (result.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

/** A person lookup refused as outside the caller's unit: null, with the unit that holds the record. */
async function refusedPerson(username: string, query: string, id: string): Promise<unknown> {
  const result = await as<{ person: unknown }>(username, query, { id });
  return {
    person: result.data?.person ?? null,
    errors: result.errors?.map((e) => [e.extensions?.code, e.extensions?.breakGlassUnit]),
  };
}

interface Unit {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
}

describe('the administrative units of both tiers, by date', () => {
  it("lists 34 provinces today, Hà Nội's 126 communes and wards today and its 30 districts on 30 June 2025", async () => {
    const got = await data<{ today: Unit[]; hanoi: Unit[]; before: Unit[]; provincesBefore: Unit[] }>(
      'giamsat.hanoi',
      `{
      today: administrativeUnits { code }
      hanoi: administrativeUnits(parentCode: "01") { code level }
      before: administrativeUnits(parentCode: "01", on: "2025-06-30") { code level name }
      provincesBefore: administrativeUnits(on: "2025-06-30") { code } }`,
    );
    expect(got.today).toHaveLength(34);
    expect(got.hanoi).toHaveLength(126);
    expect(new Set(got.hanoi.map((u) => u.level))).toEqual(new Set(['COMMUNE']));
    expect(got.before).toHaveLength(30);
    expect(got.before.every((u) => u.level === 'DISTRICT')).toBe(true);
    expect(got.before.map((u) => u.name)).toContain('Quận Ba Đình');
    expect(got.provincesBefore).toHaveLength(63);
  });

  it('reads 00004 as Phường Ba Đình of Hà Nội today and Phường Trúc Bạch of Quận Ba Đình on 1 January 2025, with its lineage', async () => {
    const got = await data<{
      today: Unit & { predecessors: { unit: Unit; whole: boolean }[] };
      before: Unit & { successors: { unit: Unit; whole: boolean }[] };
    }>(
      'giamsat.hanoi',
      `{
        today: administrativeUnit(code: "00004") { code name parentCode level validFrom validTo predecessors { whole unit { name } } }
        before: administrativeUnit(code: "00004", on: "2025-01-01") { code name parentCode validTo successors { whole unit { code name } } } }`,
    );
    expect(got.today).toMatchObject({
      name: 'Phường Ba Đình',
      parentCode: '01',
      level: 'COMMUNE',
      validFrom: REFORM_DATE,
      validTo: null,
    });
    expect(got.today.predecessors).toEqual(
      expect.arrayContaining([
        { whole: true, unit: { name: 'Phường Trúc Bạch' } },
        { whole: false, unit: { name: 'Phường Kim Mã' } },
      ]),
    );
    expect(got.before).toMatchObject({
      name: 'Phường Trúc Bạch',
      parentCode: '001',
      validTo: '2025-06-30',
      successors: [{ whole: true, unit: { code: '00004', name: 'Phường Ba Đình' } }],
    });
  });
});

describe('any province', () => {
  it("lets Lào Cai's police create a plan for Lào Cai, refuses a plan of a province that no longer exists", async () => {
    const CREATE =
      'mutation($p: ID!, $y: Int!, $t: String!) { createPlan(input: { provinceCode: $p, year: $y, title: $t }) { id year province { code name } } }';
    const laoCai = await data<{ createPlan: { province: { name: string } } }>('congan.laocai', CREATE, {
      p: '15',
      y: 2026,
      t: 'Kế hoạch năm 2026 của tỉnh Lào Cai',
    });
    expect(laoCai.createPlan.province.name).toBe('Tỉnh Lào Cai');
    // Old Lào Cai (code 10) ended on 30 June 2025: a 2026 plan of it is refused with its dates; its 2024 plan is today's Lào Cai police's to make.
    const gone = await as('congan.laocai', CREATE, { p: '10', y: 2026, t: 'Kế hoạch 2026' });
    expect(gone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'provinceCode' });
    const old = await data<{ createPlan: { province: { code: string; name: string } } }>('congan.laocai', CREATE, {
      p: '10',
      y: 2024,
      t: 'Kế hoạch năm 2024 tỉnh Lào Cai (cũ)',
    });
    expect(old.createPlan.province).toEqual({ code: '10', name: 'Tỉnh Lào Cai' });
    // Hà Nội's police cannot make Lào Cai's plan; the labour department no longer manages plans.
    expect((await as('congan.hanoi', CREATE, { p: '15', y: 2026, t: 'X' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await as('laodong.hanoi', CREATE, { p: '01', y: 2026, t: 'Y' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('registers a person in a ward of Lào Cai', async () => {
    const address = { unitCode: '02647', addressLine: 'Số 12 đường Hoàng Liên' };
    const registered = await data<{ registerPerson: { id: string; currentResidence: { unit: { name: string; path: string } } } }>(
      'congan.phuonglaocai',
      'mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id currentResidence { unit { name path } } } }',
      {
        i: {
          identificationNumber: makeIdentificationNumber('010', '1994-02-02', 'MALE', 555_001),
          fullName: 'Lò Văn Thử',
          dateOfBirth: '1994-02-02',
          sex: 'MALE',
          ethnicity: 'Thái',
          permanentResidence: address,
          currentResidence: address,
        },
      },
    );
    expect(registered.registerPerson.currentResidence.unit).toEqual({ name: 'Phường Lào Cai', path: '15.02647' });
    // Hà Nội's police do not see Lào Cai's people; Lào Cai's police do.
    const Q = 'query($id: ID!) { person(id: $id) { id } }';
    expect(await refusedPerson('congan.hanoi', Q, registered.registerPerson.id)).toEqual({
      person: null,
      errors: [['FORBIDDEN', '02647']],
    });
    expect((await data<{ person: unknown }>('congan.laocai', Q, { id: registered.registerPerson.id })).person).toEqual({
      id: registered.registerPerson.id,
    });
  });
});

describe('records of a split commune', () => {
  const subject = population.find(
    (p) =>
      units().isSplit(p.currentResidence.unitPath) &&
      p.home.unitPath.startsWith('01.') &&
      p.rehab !== null &&
      p.rehab.admittedOn < REFORM_DATE,
  ) as DemoPerson;
  const district = subject.formerUnit.unitPath.split('.')[1] as string;
  const EPISODES = 'query($id: ID!) { person(id: $id) { id rehabEpisodes { id admittedOn residenceUnit { code name } } } }';
  const EPISODE = 'query($id: ID!) { rehabEpisode(id: $id) { id residenceUnit { name } } }';

  it("wait in the province's worklist; once assigned, the new ward sees them and the old district still reads the past", async () => {
    expect(subject).toBeDefined();
    const ward = `congan.ward.${subject.home.unitCode}`;
    const oldDistrict = `laodong.old.${district}`;
    await seedIdentity(system.dbs.identity, [
      {
        username: ward,
        displayName: 'Công an phường',
        agency: 'police',
        role: 'police_officer',
        unitCode: subject.home.unitCode,
      },
      {
        username: oldDistrict,
        displayName: 'Phòng Lao động quận (cũ)',
        agency: 'labor-welfare',
        role: 'labour_officer',
        unitCode: district,
      },
    ]);
    // Before: the new ward sees neither the person nor the episode recorded in the old (split) commune.
    // (The record still belongs to the old commune, which the lookup names for break-the-glass.)
    expect(await refusedPerson(ward, EPISODES, subject.id)).toEqual({
      person: null,
      errors: [['FORBIDDEN', units().byUnitPath(subject.formerUnit.unitPath)?.code]],
    });
    const [episode] = (await data<{ person: { rehabEpisodes: { id: string }[] } }>('giamsat.hanoi', EPISODES, { id: subject.id }))
      .person.rehabEpisodes;
    expect(episode).toBeDefined();
    expect((await data<{ rehabEpisode: unknown }>(ward, EPISODE, { id: episode?.id })).rehabEpisode).toBeNull();

    interface Worklist {
      unitReassignmentWorklist: {
        totalCount: number;
        nodes: { person: { id: string; version: number }; suggested: { code: string } | null }[];
      };
    }
    const list = await data<Worklist>(
      'congan.hanoi',
      `{ unitReassignmentWorklist(first: 100) { totalCount
      nodes { person { id version } suggested { code } } } }`,
    );
    const entry = list.unitReassignmentWorklist.nodes.find((n) => n.person.id === subject.id);
    expect(entry?.suggested?.code).toBe(subject.home.unitCode);
    await data(
      'congan.hanoi',
      'mutation($p: ID!, $v: Int!, $to: ID!) { assignPersonToUnit(personId: $p, expectedVersion: $v, toUnitCode: $to) { id } }',
      { p: subject.id, v: entry?.person.version, to: subject.home.unitCode },
    );

    // The notice reaches labour-welfare: the ward's police see the person and, through the federation, the old episode.
    system.subgraphs.get('police')?.outbox?.wake();
    const deadline = Date.now() + 20_000;
    let seen: { person: { rehabEpisodes: { id: string; residenceUnit: { name: string } }[] } | null } = { person: null };
    while (Date.now() < deadline) {
      seen = await data(ward, EPISODES, { id: subject.id });
      if ((seen.person?.rehabEpisodes.length ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen.person?.rehabEpisodes.map((e) => e.id)).toContain(episode?.id);
    // The record kept its unit: the old commune.
    expect(seen.person?.rehabEpisodes[0]?.residenceUnit.name).toBe(units().byUnitPath(subject.formerUnit.unitPath)?.name);
    // The old district's account still reads its past record.
    expect(
      (await data<{ rehabEpisode: { id: string } | null }>(oldDistrict, EPISODE, { id: episode?.id })).rehabEpisode?.id,
    ).toBe(episode?.id);
    // Off the worklist.
    const after = await data<Worklist>(
      'congan.hanoi',
      '{ unitReassignmentWorklist(first: 100) { totalCount nodes { person { id version } suggested { code } } } }',
    );
    expect(after.unitReassignmentWorklist.totalCount).toBe(list.unitReassignmentWorklist.totalCount - 1);
  });
});

describe('who acts, by date', () => {
  it('names the commune police for the dossier and the police for facilities today, the commune chair and labour before March 2025', async () => {
    interface Rows {
      responsibilities: { step: string; agency: string; role: string; unitLevel: string; actor: string }[];
    }
    const Q = 'query($on: Date) { responsibilities(on: $on) { step agency role unitLevel actor } }';
    const today = (await data<Rows>('giamsat.hanoi', Q)).responsibilities;
    const before = (await data<Rows>('giamsat.hanoi', Q, { on: '2025-01-15' })).responsibilities;
    const at = (rows: Rows['responsibilities'], step: string) =>
      rows.filter((r) => r.step === step).map((r) => `${r.agency}/${r.role}/${r.unitLevel}`);
    expect(at(today, 'DOSSIER_SUBMISSION')).toContain('police/police_officer/COMMUNE');
    expect(at(today, 'DOSSIER_REVIEW')).toEqual([]);
    expect(at(today, 'FACILITY_OPERATION')).toEqual(['police/facility_staff/FACILITY']);
    expect(at(today, 'COURT_DECISION')).toEqual(['court/court_clerk/COURT']);
    expect(at(before, 'DOSSIER_SUBMISSION')).toEqual(['commune/commune_official/COMMUNE']);
    expect(at(before, 'DOSSIER_REVIEW')).toEqual(['labor-welfare/labour_officer/DISTRICT']);
    expect(at(before, 'FACILITY_OPERATION')).toEqual(['labor-welfare/facility_staff/FACILITY']);
    const facility = await data<{ facility: { today: string; before: string } }>(
      'giamsat.hanoi',
      '{ facility(code: "CSCN1") { today: managingAgency before: managingAgency(on: "2025-02-28") } }',
    );
    expect(facility.facility).toEqual({ today: 'police', before: 'labor-welfare' });
  });
});

describe('reports by the units of their period', () => {
  it("breaks 2026 down by Hà Nội's new communes and 2022 by its districts", async () => {
    const Q = `query($plan: ID!, $p: PeriodInput!) { indicatorBreakdown(plan: $plan, indicator: "COMPULSORY_DOSSIERS", unit: "01", period: $p) {
      unit { code level } } }`;
    interface Rows {
      indicatorBreakdown: { unit: { code: string; level: string } }[];
    }
    const plans = await data<{ plans: { id: string; year: number }[] }>(
      'phantich.hanoi',
      '{ plans(provinceCode: "01") { id year } }',
    );
    const plan2022 = plans.plans.find((p) => p.year === 2022)?.id;
    const y2026 = await data<Rows>('phantich.hanoi', Q, { plan: plan2022, p: { kind: 'YEAR', year: 2026 } });
    const y2022 = await data<Rows>('phantich.hanoi', Q, { plan: plan2022, p: { kind: 'YEAR', year: 2022 } });
    expect(y2026.indicatorBreakdown).toHaveLength(126);
    expect(y2026.indicatorBreakdown.every((r) => r.unit.level === 'COMMUNE')).toBe(true);
    expect(y2022.indicatorBreakdown).toHaveLength(30);
    expect(y2022.indicatorBreakdown.every((r) => r.unit.level === 'DISTRICT')).toBe(true);
  });
});
