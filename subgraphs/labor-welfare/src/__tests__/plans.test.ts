import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, DISTRICT_TARGETS_FILE, FACILITY_TARGETS_FILE, generateDemoPopulation } from '@rehab/shared-schema';
import { DEMO_2026_TITLE, HANOI_2022_TITLE, demo2026PlanId, hanoi2022PlanId } from '../plans/seed-plans';
import { openHarness, type Harness, type Result } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 20 }));
});
afterAll(async () => {
  await h.close();
});

const DISTRICT_CSV = readFileSync(join(DATA_DIR, DISTRICT_TARGETS_FILE), 'utf8');
const FACILITY_CSV = readFileSync(join(DATA_DIR, FACILITY_TARGETS_FILE), 'utf8');

const CREATE = 'mutation($input: CreatePlanInput!) { createPlan(input: $input) { id year title provinceCode } }';
const IMPORT = `mutation($plan: ID!, $table: PlanTableKind!, $csv: String!) { importPlanTargets(plan: $plan, table: $table, csv: $csv) {
  table rowsRead rowsImported targetsCreated targetsUpdated targetsRemoved targetsUnchanged unchanged
  problems { kind line unitName column indicatorCode expected found message en: message(locale: EN) } } }`;
const TARGETS_AT = `query($plan: ID!, $unit: ID!) { indicators(plan: $plan, unit: $unit, period: { kind: YEAR, year: 2022 }) {
  indicator { code } target } }`;

interface ImportView {
  rowsRead: number;
  rowsImported: number;
  targetsCreated: number;
  targetsUpdated: number;
  targetsRemoved: number;
  targetsUnchanged: number;
  unchanged: boolean;
  problems: {
    kind: string;
    line: number;
    unitName: string;
    column: string | null;
    expected: number | null;
    found: string | null;
    message: string;
    en: string;
  }[];
}

function ok(result: Result): Record<string, unknown> {
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

async function newPlan(title: string): Promise<string> {
  const data = ok(await h.run(CREATE, { input: { provinceCode: '01', year: 2022, title } }, 'police_officer'));
  return (data.createPlan as { id: string }).id;
}

async function importTable(plan: string, table: 'DISTRICT' | 'FACILITY', csv: string): Promise<ImportView> {
  return ok(await h.run(IMPORT, { plan, table, csv }, 'police_officer')).importPlanTargets as ImportView;
}

async function provinceTargets(plan: string, unit = '01'): Promise<Record<string, number | null>> {
  const rows = ok(await h.run(TARGETS_AT, { plan, unit }, 'analyst')).indicators as {
    indicator: { code: string };
    target: number | null;
  }[];
  return Object.fromEntries(rows.map((r) => [r.indicator.code, r.target]));
}

async function auditCount(): Promise<number> {
  const [row] = await h.database.db.query<{ n: number }[]>(
    "SELECT count(*)::int AS n FROM audit_log WHERE action = 'CHANGE' AND entity_type = 'PlanTarget'",
  );
  return row?.n ?? -1;
}

async function targetCount(plan: string): Promise<number> {
  const [row] = await h.database.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM plan_target WHERE plan_id = $1', [
    plan,
  ]);
  return row?.n ?? -1;
}

describe('importing the Hà Nội 2022 tables', () => {
  let plan: string;
  beforeAll(async () => {
    plan = await newPlan('Kế hoạch thử nhập bảng 2022');
  });

  it('reproduces the published totals at the province (950, 900, 300, 87, 172, 259; 950, 2,100, 500)', async () => {
    const district = await importTable(plan, 'DISTRICT', DISTRICT_CSV);
    expect(district).toMatchObject({
      rowsRead: 30,
      rowsImported: 30,
      targetsCreated: 180,
      targetsUpdated: 0,
      unchanged: false,
      problems: [],
    });
    const facility = await importTable(plan, 'FACILITY', FACILITY_CSV);
    // 7 facilities × 3 columns, 5 cells empty (no target).
    expect(facility).toMatchObject({ rowsRead: 7, rowsImported: 7, targetsCreated: 16, problems: [] });
    expect(await provinceTargets(plan)).toMatchObject({
      COMPULSORY_DOSSIERS: 950,
      POST_REHAB_MANAGEMENT: 900,
      REINTEGRATION_SUPPORT: 300,
      POST_REHAB_MODELS_MAINTAINED: 87,
      POST_REHAB_MODELS_NEW: 172,
      POST_REHAB_MODELS_TOTAL: 259,
      FACILITY_ADMISSIONS: 950,
      VOLUNTARY_MOBILISED: 2100,
      FACILITY_VOCATIONAL_TRAINING: 500,
      METHADONE_MAINTAINED: null,
      RELAPSE_RATE: null,
    });
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await targetCount(plan);
    const audits = await auditCount();
    expect(await importTable(plan, 'DISTRICT', DISTRICT_CSV)).toMatchObject({
      targetsCreated: 0,
      targetsUpdated: 0,
      targetsRemoved: 0,
      targetsUnchanged: 180,
      unchanged: true,
      problems: [],
    });
    expect(await importTable(plan, 'FACILITY', FACILITY_CSV)).toMatchObject({
      targetsCreated: 0,
      targetsUpdated: 0,
      unchanged: true,
    });
    expect(await targetCount(plan)).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it('updates changed cells and removes emptied ones when a revised table is imported, audited', async () => {
    const revised = DISTRICT_CSV.replace('Cầu Giấy,30,32,', 'Cầu Giấy,31,32,').replace(
      'Tây Hồ,30,35,12,8,0,8',
      'Tây Hồ,30,35,12,8,0,',
    );
    const audits = await auditCount();
    expect(await importTable(plan, 'DISTRICT', revised)).toMatchObject({
      targetsCreated: 0,
      targetsUpdated: 1,
      targetsRemoved: 1,
      targetsUnchanged: 178,
      unchanged: false,
      problems: [],
    });
    expect(await auditCount()).toBe(audits + 1);
    expect(await provinceTargets(plan)).toMatchObject({ COMPULSORY_DOSSIERS: 951, POST_REHAB_MODELS_TOTAL: 251 });
    expect(await importTable(plan, 'DISTRICT', DISTRICT_CSV)).toMatchObject({
      targetsCreated: 1,
      targetsUpdated: 1,
      unchanged: false,
    });
    expect(await provinceTargets(plan)).toMatchObject({ COMPULSORY_DOSSIERS: 950, POST_REHAB_MODELS_TOTAL: 259 });
  });

  it("reads a district's and a facility's own targets", async () => {
    expect(await provinceTargets(plan, '005')).toMatchObject({
      COMPULSORY_DOSSIERS: 30,
      POST_REHAB_MODELS_TOTAL: 8,
      FACILITY_ADMISSIONS: null,
    });
    expect(await provinceTargets(plan, 'CSCN2')).toMatchObject({
      FACILITY_ADMISSIONS: 150,
      VOLUNTARY_MOBILISED: 600,
      FACILITY_VOCATIONAL_TRAINING: 70,
    });
  });
});

describe('a table whose parts do not add up', () => {
  const CSV = [
    'district,compulsory_rehab_dossiers,models_maintained_from_2021,models_new_2022,models_total_2022',
    'Cầu Giấy,30,8,0,8',
    'Tây Hồ,30,8,1,8', // 8 + 1 ≠ 8
    'Long Biên,56,4,2,6',
    'Quận Ba Đình,"1,040",14,0,14',
    'Phường Hà Nội 99,5,1,1,2', // no such unit
    'Tổng cộng,1160,,,', // districts add up to 30 + 30 + 56 + 1040 = 1156
  ].join('\n');

  it('imports the consistent rows and reports exactly the others by name, line, column, expected and found', async () => {
    const plan = await newPlan('Kế hoạch thử bảng lệch');
    const result = await importTable(plan, 'DISTRICT', CSV);
    expect(
      result.problems.map(({ kind, line, unitName, column, expected, found }) => ({
        kind,
        line,
        unitName,
        column,
        expected,
        found,
      })),
    ).toEqual([
      { kind: 'PARTS_DO_NOT_ADD_UP', line: 3, unitName: 'Tây Hồ', column: 'models_total_2022', expected: 9, found: '8' },
      { kind: 'UNKNOWN_UNIT', line: 6, unitName: 'Phường Hà Nội 99', column: null, expected: null, found: 'Phường Hà Nội 99' },
      {
        kind: 'TOTAL_MISMATCH',
        line: 7,
        unitName: 'Tổng cộng',
        column: 'compulsory_rehab_dossiers',
        expected: 1156,
        found: '1160',
      },
    ]);
    expect(result.problems[0]?.message).toBe(
      'Tây Hồ, dòng 3, cột "models_total_2022": models_maintained_from_2021 + models_new_2022 = 9, bảng ghi 8',
    );
    expect(result.problems[0]?.en).toBe(
      'Tây Hồ, line 3, column "models_total_2022": models_maintained_from_2021 + models_new_2022 = 9, the table says 8',
    );
    expect(result).toMatchObject({ rowsRead: 6, rowsImported: 3, targetsCreated: 12 });
    // Without an imported total row the province's target is the sum of the districts imported.
    expect(await provinceTargets(plan)).toMatchObject({
      COMPULSORY_DOSSIERS: 30 + 56 + 1040,
      POST_REHAB_MODELS_TOTAL: 8 + 6 + 14,
    });
    expect(await provinceTargets(plan, '003')).toMatchObject({ COMPULSORY_DOSSIERS: null });
  });

  it('checks a district row against its communes', async () => {
    const plan = await newPlan('Kế hoạch thử cấp xã');
    const csv =
      'unit,compulsory_rehab_dossiers\nQuận Ba Đình,10\nPhường Phúc Xá,4\nPhường Trúc Bạch,5\nQuận Hoàn Kiếm,3\nPhường Phúc Tân,3\n';
    const result = await importTable(plan, 'DISTRICT', csv);
    expect(
      result.problems.map(({ kind, line, unitName, expected, found }) => ({ kind, line, unitName, expected, found })),
    ).toEqual([{ kind: 'TOTAL_MISMATCH', line: 2, unitName: 'Quận Ba Đình', expected: 9, found: '10' }]);
    expect(result).toMatchObject({ rowsImported: 4 });
    // Ba Đình has no own target (its row was refused): the sum of its communes.
    expect(await provinceTargets(plan, '001')).toMatchObject({ COMPULSORY_DOSSIERS: 9 });
    // Hoàn Kiếm's own 3 stands for its commune's 3 (not added twice): 9 + 3 for the city.
    expect(await provinceTargets(plan)).toMatchObject({ COMPULSORY_DOSSIERS: 12 });
  });

  it("keeps a consistent total row as the province's own target", async () => {
    const plan = await newPlan('Kế hoạch thử dòng tổng');
    const result = await importTable(
      plan,
      'DISTRICT',
      'district,compulsory_rehab_dossiers\nCầu Giấy,30\nTây Hồ,30\nTổng cộng,60\n',
    );
    expect(result).toMatchObject({ rowsRead: 3, rowsImported: 3, targetsCreated: 3, problems: [] });
    expect(await provinceTargets(plan)).toMatchObject({ COMPULSORY_DOSSIERS: 60 });
  });
});

describe('bad input', () => {
  let plan: string;
  beforeAll(async () => {
    plan = await newPlan('Kế hoạch thử tệp hỏng');
    await importTable(plan, 'DISTRICT', DISTRICT_CSV);
  });

  it.each([
    ['an unterminated quote', 'district,compulsory_rehab_dossiers\nCầu Giấy,"30\n', 'Dấu ngoặc kép chưa được đóng'],
    ['a ragged row', 'district,compulsory_rehab_dossiers\nCầu Giấy,30,1\n', 'Dòng có 3 ô, tiêu đề có 2'],
    ['a file none of whose columns is in the table', 'district,bananas\nCầu Giấy,30\n', 'Không cột nào của tệp có trong bảng'],
    ['no header', '', 'Thiếu dòng tiêu đề'],
  ])('refuses %s with a typed bilingual error and changes nothing', async (_name, csv, vi) => {
    const before = await targetCount(plan);
    const result = await h.run(IMPORT, { plan, table: 'DISTRICT', csv }, 'police_officer');
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    expect((result.errors?.[0]?.extensions?.i18n as { vi: string }).vi).toContain(vi);
    expect(await targetCount(plan)).toBe(before);
  });

  it('reports a facility in the district table and an invalid number, and imports the rest', async () => {
    const fresh = await newPlan('Kế hoạch thử ô sai');
    const result = await importTable(
      fresh,
      'DISTRICT',
      'district,compulsory_rehab_dossiers\nCầu Giấy,3x\nCơ sở cai nghiện ma túy số 1 Hà Nội,5\nTây Hồ,7\n',
    );
    expect(result.problems.map((p) => [p.kind, p.line, p.unitName])).toEqual([
      ['INVALID_NUMBER', 2, 'Cầu Giấy'],
      ['WRONG_UNIT_KIND', 3, 'Cơ sở cai nghiện ma túy số 1 Hà Nội'],
    ]);
    expect(result).toMatchObject({ rowsImported: 1, targetsCreated: 1 });
  });

  it('lets only the agency that runs rehab today (provincial police) and supervisors import', async () => {
    // The labour department ran rehab until 28 February 2025; its officers no longer manage plans.
    for (const [role, unit] of [
      ['analyst', '01'],
      ['health_worker', '01'],
      ['labour_officer', '01'],
      ['labour_officer', '001'],
      ['police_officer', '00004'],
    ] as const) {
      const result = await h.run(IMPORT, { plan, table: 'DISTRICT', csv: DISTRICT_CSV }, role, unit);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await h.run(IMPORT, { plan, table: 'DISTRICT', csv: DISTRICT_CSV }, 'supervisor')).errors).toBeUndefined();
  });

  it('answers NOT_FOUND for an unknown plan and CONFLICT for a duplicate title', async () => {
    const missing = await h.run(
      IMPORT,
      { plan: '00000000-0000-4000-8000-000000000000', table: 'DISTRICT', csv: DISTRICT_CSV },
      'police_officer',
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const dup = await h.run(
      CREATE,
      { input: { provinceCode: '01', year: 2022, title: 'Kế hoạch thử tệp hỏng' } },
      'police_officer',
    );
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('plans and their targets', () => {
  it('lists the seeded 2022 plan (imported from the CSVs) and the labelled 2026 demo plan', async () => {
    const data = ok(
      await h.run('{ plans(provinceCode: "01") { id year title } y2026: plans(year: 2026) { id title } }', {}, 'analyst'),
    );
    expect(data.plans).toEqual(
      expect.arrayContaining([
        { id: hanoi2022PlanId(), year: 2022, title: HANOI_2022_TITLE },
        { id: demo2026PlanId(), year: 2026, title: DEMO_2026_TITLE },
      ]),
    );
    expect(data.y2026).toEqual([{ id: demo2026PlanId(), title: DEMO_2026_TITLE }]);
    expect(await provinceTargets(hanoi2022PlanId())).toMatchObject({
      COMPULSORY_DOSSIERS: 950,
      VOLUNTARY_MOBILISED: 2100,
      METHADONE_MAINTAINED: null,
    });
    // The demo plan adds city-wide shares (stored in percent, read as shares) and methadone patients.
    expect(await provinceTargets(demo2026PlanId())).toMatchObject({
      RECORDS_IN_TREATMENT_SHARE: 0.8,
      METHADONE_MAINTENANCE_SHARE: 0.7,
      COMPLETIONS_UNDER_MANAGEMENT_SHARE: 1,
      METHADONE_MAINTAINED: 650,
      COMPULSORY_DOSSIERS: expect.any(Number),
      POST_REHAB_MODELS_TOTAL: expect.any(Number),
    });
  });

  it("pages a plan's targets with a cursor and filters them by unit and indicator", async () => {
    const PAGE = `query($id: ID!, $after: String) { plan(id: $id) { targets(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id unit { code } indicator target } } } }`;
    interface Page {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      nodes: { id: string }[];
    }
    const first = (ok(await h.run(PAGE, { id: hanoi2022PlanId() }, 'analyst')).plan as { targets: Page }).targets;
    expect(first.totalCount).toBe(196);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const ids = new Set(first.nodes.map((n) => n.id));
    let after: string | null = first.pageInfo.endCursor;
    while (after) {
      const page: Page = (ok(await h.run(PAGE, { id: hanoi2022PlanId(), after }, 'analyst')).plan as { targets: Page }).targets;
      page.nodes.forEach((n) => ids.add(n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    }
    expect(ids.size).toBe(196);
    const filtered = ok(
      await h.run(
        `{ plan(id: "${hanoi2022PlanId()}") { targets(unitCode: "CSCN2", indicatorCode: "VOLUNTARY_MOBILISED") {
      totalCount nodes { target plan { year } } } } }`,
        {},
        'facility_staff',
        'CSCN2',
      ),
    );
    expect(filtered.plan).toEqual({ targets: { totalCount: 1, nodes: [{ target: 600, plan: { year: 2022 } }] } });
  });

  it("refuses a bad period, an unknown unit and a unit outside the caller's subtree", async () => {
    const Q =
      'query($unit: ID!, $period: PeriodInput!, $plan: ID!) { indicators(plan: $plan, unit: $unit, period: $period) { target } }';
    const plan = hanoi2022PlanId();
    const code = async (vars: Record<string, unknown>, role: 'analyst' | 'labour_officer' = 'analyst', unit = '01') =>
      (await h.run(Q, { plan, ...vars }, role, unit)).errors?.[0]?.extensions;
    expect(await code({ unit: '01', period: { kind: 'MONTH', year: 2026, number: 13 } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'period',
    });
    expect(await code({ unit: '01', period: { kind: 'YEAR', year: 2026, number: 2 } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'period',
    });
    expect(await code({ unit: 'XX', period: { kind: 'YEAR', year: 2026 } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'unit',
    });
    expect(await code({ unit: '01', period: { kind: 'YEAR', year: 2026 } }, 'labour_officer', '001')).toMatchObject({
      code: 'FORBIDDEN',
      field: 'unit',
    });
    // The old district's account reads the old district's indicators for its time; today's units are not its own.
    expect(await code({ unit: '00004', period: { kind: 'YEAR', year: 2022 } }, 'labour_officer', '001')).toBeUndefined();
    expect(await code({ unit: '00004', period: { kind: 'YEAR', year: 2026 } }, 'labour_officer', '001')).toMatchObject({
      code: 'FORBIDDEN',
      field: 'unit',
    });
  });

  it('defines every indicator in Vietnamese and English', async () => {
    const data = ok(
      await h.run(
        '{ indicatorDefinitions { code name definition nameEn: name(locale: EN) owner measure planTable } }',
        {},
        'volunteer',
        '00004',
      ),
    );
    const list = data.indicatorDefinitions as {
      code: string;
      name: string;
      nameEn: string;
      definition: string;
      measure: string;
    }[];
    expect(list.length).toBeGreaterThanOrEqual(15);
    expect(list.find((d) => d.code === 'RELAPSE_RATE')).toMatchObject({
      name: 'Tỷ lệ tái nghiện',
      nameEn: 'Relapse rate',
      measure: 'SHARE',
    });
    for (const d of list) expect(d.definition.length).toBeGreaterThan(40);
  });
});
