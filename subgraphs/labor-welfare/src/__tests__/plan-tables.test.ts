import ExcelJS from 'exceljs';
import { generateDemoPopulation } from '@rehab/shared-schema';
import { openHarness, type Harness, type Result } from './harness';

/**
 * Plans of any unit, table definitions as data and the import against them: a Lào Cai
 * table (the nine districts of 2024) with its own columns, target-only measures and
 * relations, as CSV and as .xlsx; a 2023 district plan of Hà Nội.
 */
let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 20 }));
});
afterAll(async () => {
  await h.close();
});

function ok(result: Result): Record<string, unknown> {
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, unknown>;
}

const code = (result: Result) => result.errors?.[0]?.extensions;

const CREATE_PLAN = `mutation($input: CreatePlanInput!) { createPlan(input: $input) {
  id year title provinceCode unitCode unit { code name level } province { code } } }`;
const DEFINE = `mutation($input: PlanTableDefinitionInput!) { createPlanTableDefinition(input: $input) {
  id version latestVersion name unitCode unit { name } rows unitsAddUp totalRowNames
  columns { header headerVariants label labelEn: label(locale: EN) measure { code targetOnly measure name indicator { code } } }
  relations { kind column parts } } }`;
const UPDATE = `mutation($id: ID!, $input: PlanTableDefinitionInput!) { updatePlanTableDefinition(id: $id, input: $input) {
  id version latestVersion name versions { version name } } }`;
const IMPORT = `mutation($plan: ID!, $definition: ID, $definitionVersion: Int, $table: PlanTableKind, $csv: String, $file: PlanFileInput) {
  importPlanTargets(plan: $plan, definition: $definition, definitionVersion: $definitionVersion, table: $table, csv: $csv, file: $file) {
  table definition { id version } rowsRead rowsImported targetsCreated targetsUpdated targetsRemoved targetsUnchanged unchanged
  problems { kind line unitName column indicatorCode expected found message en: message(locale: EN) closestUnits { code name } } } }`;

interface Problem {
  kind: string;
  line: number;
  unitName: string;
  column: string | null;
  indicatorCode: string | null;
  expected: number | null;
  found: string | null;
  message: string;
  en: string;
  closestUnits: { code: string; name: string }[];
}
interface ImportView {
  table: string | null;
  definition: { id: string; version: number };
  rowsRead: number;
  rowsImported: number;
  targetsCreated: number;
  targetsUpdated: number;
  targetsRemoved: number;
  targetsUnchanged: number;
  unchanged: boolean;
  problems: Problem[];
}

const brief = (problems: readonly Problem[]) =>
  problems.map(({ kind, line, unitName, column, expected, found }) => ({ kind, line, unitName, column, expected, found }));

// Today's Lào Cai (15) took in old Lào Cai (10) and Yên Bái on 1 July 2025; its police manage plans since 1 March 2025.
const LAO_CAI = '15';
const OLD_LAO_CAI = '10';

const H = {
  dossiers: 'Hồ sơ đưa vào cơ sở cai nghiện bắt buộc',
  provincial: 'Cai nghiện tại Cơ sở cai nghiện ma túy tỉnh',
  city: 'Cai nghiện tại cơ sở của thành phố Lào Cai',
  facility: 'Tổng số cai nghiện tại cơ sở',
  managed: 'Người nghiện được quản lý',
  treated: 'Người nghiện được điều trị',
  share: 'Tỷ lệ được điều trị (%)',
};

const measure = (code: string, nameVi: string, nameEn: string, definitionVi: string, definitionEn: string) => ({
  code,
  nameVi,
  nameEn,
  definitionVi,
  definitionEn,
});

const LAO_CAI_TABLE = {
  name: 'Chỉ tiêu công tác cai nghiện các huyện, thị xã, thành phố (tỉnh Lào Cai)',
  unitCode: LAO_CAI,
  rows: 'UNITS',
  columns: [
    {
      header: H.dossiers,
      headerVariants: ['Hồ sơ cai nghiện bắt buộc'],
      labelVi: 'Lập hồ sơ đề nghị đưa vào cơ sở cai nghiện bắt buộc',
      labelEn: 'Compulsory rehab dossiers',
      indicatorCode: 'COMPULSORY_DOSSIERS',
    },
    {
      header: H.provincial,
      labelVi: 'Cai nghiện tại cơ sở của tỉnh',
      labelEn: 'Rehab at the provincial facility',
      measure: measure(
        'LC_FACILITY_REHAB_PROVINCIAL',
        'Người cai nghiện tại Cơ sở cai nghiện ma túy tỉnh',
        'People in rehab at the provincial facility',
        'Số người được đưa vào cai nghiện tại Cơ sở cai nghiện ma túy tỉnh Lào Cai trong năm kế hoạch',
        'People placed in rehab at the Lào Cai provincial rehab facility in the plan year',
      ),
    },
    {
      header: H.city,
      labelVi: 'Cai nghiện tại cơ sở của thành phố',
      labelEn: 'Rehab at the city facility',
      measure: measure(
        'LC_FACILITY_REHAB_CITY',
        'Người cai nghiện tại cơ sở của thành phố Lào Cai',
        'People in rehab at the city facility',
        'Số người được đưa vào cai nghiện tại cơ sở do thành phố Lào Cai quản lý trong năm kế hoạch',
        'People placed in rehab at the facility run by Lào Cai city in the plan year',
      ),
    },
    {
      header: H.facility,
      labelVi: 'Tổng số cai nghiện tại cơ sở',
      labelEn: 'Facility rehab in total',
      indicatorCode: 'FACILITY_ADMISSIONS',
    },
    {
      header: H.managed,
      labelVi: 'Người nghiện được quản lý',
      labelEn: 'People who use drugs under management',
      measure: measure(
        'LC_MANAGED',
        'Người nghiện được quản lý',
        'People who use drugs under management',
        'Số người nghiện ma túy có hồ sơ quản lý tại địa phương trong năm kế hoạch',
        'People who use drugs with a management record locally in the plan year',
      ),
    },
    {
      header: H.treated,
      labelVi: 'Người nghiện được điều trị',
      labelEn: 'People treated',
      indicatorCode: 'TREATED_TOTAL',
    },
    {
      header: H.share,
      labelVi: 'Tỷ lệ người nghiện được điều trị',
      labelEn: 'Share of people treated',
      indicatorCode: 'RECORDS_IN_TREATMENT_SHARE',
    },
  ],
  relations: [
    { kind: 'SUM', column: H.facility, parts: [H.provincial, H.city] },
    { kind: 'SHARE', column: H.share, parts: [H.treated, H.managed] },
  ],
  totalRowNames: ['Toàn tỉnh', 'Tổng cộng'],
};

const HEADER = ['Đơn vị', H.dossiers, H.provincial, H.city, H.facility, H.managed, H.treated, H.share, 'Ghi chú'];

// The nine districts of old Lào Cai in 2024 (reference data), with consistent figures.
const ROWS: (string | number)[][] = [
  ['Thành phố Lào Cai', 40, 30, 20, 50, '1.200', 540, 45, 'thí điểm'],
  ['Huyện Bát Xát', 12, 10, 0, 10, 300, 150, 50, ''],
  ['Huyện Mường Khương', 8, 6, 0, 6, 200, 90, 45, ''],
  ['Huyện Si Ma Cai', 5, 4, 0, 4, 150, 60, 40, ''],
  ['Huyện Bắc Hà', 10, 8, 0, 8, 250, 100, 40, ''],
  ['Huyện Bảo Thắng', 15, 12, 0, 12, 400, 200, 50, ''],
  ['Huyện Bảo Yên', 9, 7, 0, 7, 220, 99, 45, ''],
  ['Thị xã Sa Pa', 14, 10, 5, 15, 360, 162, 45, ''],
  ['Huyện Văn Bàn', 11, 9, 0, 9, 230, 92, 40, ''],
];
// The published total row: 124 dossiers, 96 + 25 = 121 at facilities, 1,493 of 3,310 treated (45.1%).
const TOTAL: (string | number)[] = ['Toàn tỉnh', 124, 96, 25, 121, '3.310', '1 493', '45,1', ''];
const PUBLISHED = {
  COMPULSORY_DOSSIERS: 124,
  LC_FACILITY_REHAB_PROVINCIAL: 96,
  LC_FACILITY_REHAB_CITY: 25,
  FACILITY_ADMISSIONS: 121,
  LC_MANAGED: 3310,
  TREATED_TOTAL: 1493,
};

/** The table as a spreadsheet would save it: semicolons (decimal comma), a byte-order mark. */
function semicolonCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${[HEADER, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? String(c) : c)).join(';')).join('\r\n')}\r\n`;
}

const withCell = (row: readonly (string | number)[], at: number, value: string | number) =>
  row.map((c, i) => (i === at ? value : c));

// As first sent: Mường Khương's facility total says 7 (6 + 0), Si Ma Cai's share says 45,5 (60 / 150 is 40%), "Văn Bản" is a typo.
const FIRST_ROWS = ROWS.map((row) => {
  if (row[0] === 'Huyện Mường Khương') return withCell(row, 4, 7);
  if (row[0] === 'Huyện Si Ma Cai') return withCell(row, 7, '45,5');
  if (row[0] === 'Huyện Văn Bàn') return withCell(row, 0, 'Huyện Văn Bản');
  return row;
});

async function newPlan(unitCode: string, year: number, title: string, role = 'police_officer' as const, unit = LAO_CAI) {
  const data = ok(await h.run(CREATE_PLAN, { input: { unitCode, year, title } }, role, unit));
  return data.createPlan as {
    id: string;
    provinceCode: string;
    unitCode: string;
    unit: { code: string; name: string; level: string };
  };
}

async function importAs(vars: Record<string, unknown>, unit = LAO_CAI): Promise<ImportView> {
  return ok(await h.run(IMPORT, vars, 'police_officer', unit)).importPlanTargets as ImportView;
}

/** Targets of a plan by unit code and measure, straight from the table. */
async function targets(plan: string): Promise<Map<string, number>> {
  const rows = await h.database.db.query<{ unit_code: string; indicator_code: string; v: number }[]>(
    'SELECT unit_code, indicator_code, target_value::float8 AS v FROM plan_target WHERE plan_id = $1',
    [plan],
  );
  return new Map(rows.map((r) => [`${r.unit_code}|${r.indicator_code}`, r.v]));
}

/** The sum of the districts' imported targets per measure (the total row excluded). */
async function districtSums(plan: string): Promise<Record<string, number>> {
  const rows = await h.database.db.query<{ indicator_code: string; s: number }[]>(
    `SELECT indicator_code, sum(target_value)::float8 AS s FROM plan_target
    WHERE plan_id = $1 AND unit_path LIKE $2 AND indicator_code <> 'RECORDS_IN_TREATMENT_SHARE' GROUP BY indicator_code`,
    [plan, `${OLD_LAO_CAI}.%`],
  );
  return Object.fromEntries(rows.map((r) => [r.indicator_code, r.s]));
}

let definition: string;

describe('a table definition of Lào Cai', () => {
  it("is created by Lào Cai's police with its own columns, target-only measures and relations", async () => {
    const data = ok(await h.run(DEFINE, { input: LAO_CAI_TABLE }, 'police_officer', LAO_CAI));
    const created = data.createPlanTableDefinition as {
      id: string;
      version: number;
      unit: { name: string };
      columns: {
        header: string;
        labelEn: string;
        measure: { code: string; targetOnly: boolean; indicator: { code: string } | null };
      }[];
      relations: unknown[];
      totalRowNames: string[];
    };
    definition = created.id;
    expect(created).toMatchObject({ version: 1, unit: { name: 'Tỉnh Lào Cai' }, totalRowNames: ['Toàn tỉnh', 'Tổng cộng'] });
    expect(created.columns.map((c) => [c.header, c.measure.code, c.measure.targetOnly])).toEqual([
      [H.dossiers, 'COMPULSORY_DOSSIERS', false],
      [H.provincial, 'LC_FACILITY_REHAB_PROVINCIAL', true],
      [H.city, 'LC_FACILITY_REHAB_CITY', true],
      [H.facility, 'FACILITY_ADMISSIONS', false],
      [H.managed, 'LC_MANAGED', true],
      [H.treated, 'TREATED_TOTAL', false],
      [H.share, 'RECORDS_IN_TREATMENT_SHARE', false],
    ]);
    expect(created.columns[1]?.labelEn).toBe('Rehab at the provincial facility');
    expect(created.relations).toEqual([
      { kind: 'SUM', column: H.facility, parts: [H.provincial, H.city] },
      { kind: 'SHARE', column: H.share, parts: [H.treated, H.managed] },
    ]);
    const measures = ok(await h.run('{ planMeasures { code targetOnly name unit { code } } }', {}, 'analyst')).planMeasures;
    expect(measures).toEqual(
      expect.arrayContaining([
        {
          code: 'LC_FACILITY_REHAB_PROVINCIAL',
          targetOnly: true,
          name: 'Người cai nghiện tại Cơ sở cai nghiện ma túy tỉnh',
          unit: { code: LAO_CAI },
        },
      ]),
    );
  });

  it('refuses two columns feeding one indicator, a relation over an unknown column and a catalogue code as a measure', async () => {
    const twice = {
      ...LAO_CAI_TABLE,
      name: 'Bảng thử',
      columns: [LAO_CAI_TABLE.columns[0], { ...LAO_CAI_TABLE.columns[3], indicatorCode: 'COMPULSORY_DOSSIERS' }],
      relations: [],
    };
    const refused = await h.run(DEFINE, { input: twice }, 'police_officer', LAO_CAI);
    expect(code(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.columns.1.measure' });
    expect((code(refused)?.i18n as { vi: string }).vi).toContain('cùng ghi chỉ tiêu COMPULSORY_DOSSIERS');
    const badRelation = {
      ...LAO_CAI_TABLE,
      name: 'Bảng thử 2',
      relations: [{ kind: 'SUM', column: H.facility, parts: [H.provincial, 'Khác'] }],
    };
    expect(code(await h.run(DEFINE, { input: badRelation }, 'police_officer', LAO_CAI))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.relations.0',
    });
    const catalogueCode = {
      ...LAO_CAI_TABLE,
      name: 'Bảng thử 3',
      columns: [{ ...LAO_CAI_TABLE.columns[1], measure: { ...LAO_CAI_TABLE.columns[1]?.measure, code: 'FACILITY_ADMISSIONS' } }],
      relations: [],
    };
    expect(code(await h.run(DEFINE, { input: catalogueCode }, 'police_officer', LAO_CAI))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.columns.0.measure.code',
    });
    // Hà Nội cannot take over a measure code Lào Cai defined; a table cannot move to another unit.
    const taken = { ...LAO_CAI_TABLE, name: 'Bảng thử 4', unitCode: '01', columns: [LAO_CAI_TABLE.columns[4]], relations: [] };
    expect(code(await h.run(DEFINE, { input: taken }, 'police_officer', '01'))?.code).toBe('CONFLICT');
    const moved = await h.run(
      UPDATE,
      { id: definition, input: { ...LAO_CAI_TABLE, name: 'Bảng thử 5', unitCode: '01' } },
      'supervisor',
    );
    expect(code(moved)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.unitCode' });
    const [row] = await h.database.db.query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM plan_table_version WHERE name LIKE 'Bảng thử%'",
    );
    expect(row?.n).toBe(0);
  });

  it("lets only planners whose province covers the table's unit define tables; analysts read them, others not", async () => {
    expect(code(await h.run(DEFINE, { input: { ...LAO_CAI_TABLE, name: 'X' } }, 'police_officer', '01'))?.code).toBe('FORBIDDEN');
    expect(code(await h.run(DEFINE, { input: { ...LAO_CAI_TABLE, name: 'X' } }, 'labour_officer', LAO_CAI))?.code).toBe(
      'FORBIDDEN',
    );
    expect(code(await h.run(DEFINE, { input: { ...LAO_CAI_TABLE, name: 'X' } }, 'analyst', LAO_CAI))?.code).toBe('FORBIDDEN');
    const LIST = '{ planTableDefinitions { id name unitCode version } }';
    const listed = ok(await h.run(LIST, {}, 'analyst')).planTableDefinitions as { id: string; unitCode: string }[];
    expect(listed.map((d) => d.unitCode).sort()).toEqual(['01', '01', LAO_CAI]);
    for (const role of ['health_worker', 'volunteer', 'commune_official', 'facility_staff'] as const) {
      expect(code(await h.run(LIST, {}, role))?.code).toBe('FORBIDDEN');
    }
  });
});

describe("importing Lào Cai's 2024 table (old Lào Cai, nine districts)", () => {
  let plan: string;
  beforeAll(async () => {
    // Today's Lào Cai police make old Lào Cai's 2024 plan (old Lào Cai came whole into today's).
    const created = await newPlan(OLD_LAO_CAI, 2024, 'Kế hoạch năm 2024 tỉnh Lào Cai');
    expect(created).toMatchObject({
      provinceCode: OLD_LAO_CAI,
      unitCode: OLD_LAO_CAI,
      unit: { name: 'Tỉnh Lào Cai', level: 'PROVINCE' },
    });
    plan = created.id;
  });

  it('names exactly its inconsistent rows, reports the unknown header and the unknown unit with the closest names, imports the rest', async () => {
    const result = await importAs({ plan, definition, csv: semicolonCsv(FIRST_ROWS) });
    expect(brief(result.problems)).toEqual([
      { kind: 'UNKNOWN_COLUMN', line: 1, unitName: '', column: 'Ghi chú', expected: null, found: 'Ghi chú' },
      { kind: 'PARTS_DO_NOT_ADD_UP', line: 4, unitName: 'Huyện Mường Khương', column: H.facility, expected: 6, found: '7' },
      { kind: 'SHARE_MISMATCH', line: 5, unitName: 'Huyện Si Ma Cai', column: H.share, expected: 40, found: '45,5' },
      { kind: 'UNKNOWN_UNIT', line: 10, unitName: 'Huyện Văn Bản', column: null, expected: null, found: 'Huyện Văn Bản' },
    ]);
    expect(result.problems[1]?.message).toBe(
      `Huyện Mường Khương, dòng 4, cột "${H.facility}": ${H.provincial} + ${H.city} = 6, bảng ghi 7`,
    );
    expect(result.problems[2]?.en).toBe(
      `Huyện Si Ma Cai, line 5, column "${H.share}": 100 × ${H.treated} / ${H.managed} = 100 × 60 / 150 = 40%, the table says 45,5`,
    );
    const unknown = result.problems[3];
    expect(unknown?.closestUnits[0]).toEqual({ code: '089', name: 'Huyện Văn Bàn' });
    expect(unknown?.closestUnits).toHaveLength(3);
    expect(unknown?.message).toContain('gần nhất: Huyện Văn Bàn');
    expect(result).toMatchObject({
      table: null,
      definition: { id: definition, version: 1 },
      rowsRead: 9,
      rowsImported: 6,
      targetsCreated: 42,
      unchanged: false,
    });
    const stored = await targets(plan);
    expect(stored.get('080|LC_MANAGED')).toBe(1200);
    expect(stored.get('080|RECORDS_IN_TREATMENT_SHARE')).toBe(45);
    expect(stored.has('083|FACILITY_ADMISSIONS')).toBe(false);
  });

  it('imports the corrected table (with its total row): the published totals are the sum of the imported targets', async () => {
    const result = await importAs({ plan, definition, csv: semicolonCsv([...ROWS, TOTAL]) });
    expect(brief(result.problems)).toEqual([
      { kind: 'UNKNOWN_COLUMN', line: 1, unitName: '', column: 'Ghi chú', expected: null, found: 'Ghi chú' },
    ]);
    // Three districts and the total row are new (4 × 7), the six districts imported before unchanged.
    expect(result).toMatchObject({ rowsRead: 10, rowsImported: 10, targetsCreated: 28, targetsUpdated: 0, targetsUnchanged: 42 });
    expect(await districtSums(plan)).toEqual(PUBLISHED);
    const stored = await targets(plan);
    for (const [measureCode, value] of Object.entries(PUBLISHED)) expect(stored.get(`${OLD_LAO_CAI}|${measureCode}`)).toBe(value);
    expect(stored.get(`${OLD_LAO_CAI}|RECORDS_IN_TREATMENT_SHARE`)).toBe(45.1);
    // Target-only measures are targets of the plan like any other.
    const page = ok(
      await h.run(
        'query($id: ID!) { plan(id: $id) { targets(unitCode: "10", indicatorCode: "LC_FACILITY_REHAB_CITY", first: 20) { totalCount nodes { unit { code } target } } } }',
        { id: plan },
        'analyst',
        LAO_CAI,
      ),
    ).plan as { targets: { totalCount: number; nodes: { unit: { code: string }; target: number }[] } };
    expect(page.targets.totalCount).toBe(10);
    expect(page.targets.nodes.find((n) => n.unit.code === OLD_LAO_CAI)?.target).toBe(25);
  });

  it('shows the target-only measures as targets without an actual, for units the caller reads', async () => {
    const Q = `query($id: ID!, $unit: ID!) { plan(id: $id) { targetOnlyMeasures(unit: $unit) {
      measure { code name(locale: EN) } unit { code } target actual } } }`;
    const rows = async (unit: string, role: 'analyst' | 'commune_official', at: string) =>
      (
        ok(await h.run(Q, { id: plan, unit }, role, at)).plan as {
          targetOnlyMeasures: { measure: { code: string }; target: number; actual: null }[];
        }
      ).targetOnlyMeasures;
    const province = await rows(OLD_LAO_CAI, 'analyst', LAO_CAI);
    expect(province.map((r) => [r.measure.code, r.target, r.actual])).toEqual([
      ['LC_FACILITY_REHAB_CITY', 25, null],
      ['LC_FACILITY_REHAB_PROVINCIAL', 96, null],
      ['LC_MANAGED', 3310, null],
    ]);
    expect((await rows('088', 'analyst', LAO_CAI)).map((r) => r.target)).toEqual([5, 10, 360]);
    // A ward official of Hà Nội does not read Lào Cai's targets.
    const foreign = await h.run(Q, { id: plan, unit: OLD_LAO_CAI }, 'commune_official', '00004');
    expect(code(foreign)).toMatchObject({ code: 'FORBIDDEN', field: 'unit' });
  });

  it('changes nothing when the same file is imported again, and exactly the changed cells of a revised file', async () => {
    const again = await importAs({ plan, definition, csv: semicolonCsv([...ROWS, TOTAL]) });
    expect(again).toMatchObject({
      targetsCreated: 0,
      targetsUpdated: 0,
      targetsRemoved: 0,
      targetsUnchanged: 70,
      unchanged: true,
    });
    // Bát Xát's dossiers 12 → 13 and the total 124 → 125; Bắc Hà's city cell emptied (0 → no target).
    const revised = ROWS.map((row) => {
      if (row[0] === 'Huyện Bát Xát') return withCell(row, 1, 13);
      if (row[0] === 'Huyện Bắc Hà') return withCell(row, 3, '');
      return row;
    });
    const result = await importAs({ plan, definition, csv: semicolonCsv([...revised, withCell(TOTAL, 1, 125)]) });
    expect(result).toMatchObject({
      targetsCreated: 0,
      targetsUpdated: 2,
      targetsRemoved: 1,
      targetsUnchanged: 67,
      unchanged: false,
    });
    expect(brief(result.problems).map((p) => p.kind)).toEqual(['UNKNOWN_COLUMN']);
    const stored = await targets(plan);
    expect(stored.get('082|COMPULSORY_DOSSIERS')).toBe(13);
    expect(stored.get(`${OLD_LAO_CAI}|COMPULSORY_DOSSIERS`)).toBe(125);
    expect(stored.has('085|LC_FACILITY_REHAB_CITY')).toBe(false);
  });

  it('records the definition version an import used; an edit makes a new version and the old one still reads', async () => {
    const edited = ok(
      await h.run(
        UPDATE,
        { id: definition, input: { ...LAO_CAI_TABLE, name: `${LAO_CAI_TABLE.name} (sửa đổi)`, totalRowNames: ['Toàn tỉnh'] } },
        'police_officer',
        LAO_CAI,
      ),
    ).updatePlanTableDefinition as { version: number; latestVersion: number; versions: { version: number }[] };
    expect(edited).toMatchObject({ version: 2, latestVersion: 2 });
    expect(edited.versions.map((v) => v.version)).toEqual([1, 2]);
    const fresh = await newPlan(OLD_LAO_CAI, 2024, 'Kế hoạch năm 2024 tỉnh Lào Cai (bản theo mẫu cũ)');
    const v1 = await importAs({ plan: fresh.id, definition, definitionVersion: 1, csv: semicolonCsv(ROWS) });
    const v2 = await importAs({ plan: fresh.id, definition, csv: semicolonCsv([withCell(ROWS[0] ?? [], 1, 41)]) });
    expect(v1.definition).toEqual({ id: definition, version: 1 });
    expect(v2.definition).toEqual({ id: definition, version: 2 });
    const used = await h.database.db.query<{ definition_version: number }[]>(
      'SELECT definition_version FROM plan_import WHERE plan_id = $1 ORDER BY id',
      [fresh.id],
    );
    expect(used.map((u) => u.definition_version)).toEqual([1, 2]);
  });

  it("refuses the import of a role out of the plan's province, and a Hà Nội table for a Lào Cai plan", async () => {
    for (const [role, unit] of [
      ['police_officer', '01'],
      ['labour_officer', LAO_CAI],
      ['analyst', LAO_CAI],
    ] as const) {
      const result = await h.run(IMPORT, { plan, definition, csv: semicolonCsv(ROWS) }, role, unit);
      expect(code(result)?.code).toBe('FORBIDDEN');
    }
    const wrong = await h.run(IMPORT, { plan, table: 'DISTRICT', csv: semicolonCsv(ROWS) }, 'police_officer', LAO_CAI);
    expect(code(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'definition' });
  });
});

/** The corrected table as an Excel workbook: numbers as numbers, some as text, one total as a formula. */
async function workbook(rows: readonly (readonly (string | number)[])[]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Phụ lục');
  sheet.addRow(HEADER);
  for (const row of rows) {
    sheet.addRow(row.map((c) => (typeof c === 'string' && /^\d+$/.test(c) ? Number(c) : c)));
  }
  // Thành phố Lào Cai's facility total as Excel keeps it: a formula with its cached result.
  sheet.getCell('E2').value = { formula: 'C2+D2', result: 50 };
  // The total row's share as a number with decimals.
  if (rows.length === 10) sheet.getCell('H11').value = 45.1;
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

describe('the same table as an .xlsx file', () => {
  it('imports the sheet like the CSV and names the same problems', async () => {
    const plan = (await newPlan(OLD_LAO_CAI, 2024, 'Kế hoạch năm 2024 tỉnh Lào Cai (tệp Excel)')).id;
    const first = await importAs({
      plan,
      definition,
      definitionVersion: 1,
      file: { format: 'XLSX', base64: await workbook(FIRST_ROWS) },
    });
    expect(brief(first.problems)).toEqual([
      { kind: 'UNKNOWN_COLUMN', line: 1, unitName: '', column: 'Ghi chú', expected: null, found: 'Ghi chú' },
      { kind: 'PARTS_DO_NOT_ADD_UP', line: 4, unitName: 'Huyện Mường Khương', column: H.facility, expected: 6, found: '7' },
      { kind: 'SHARE_MISMATCH', line: 5, unitName: 'Huyện Si Ma Cai', column: H.share, expected: 40, found: '45,5' },
      { kind: 'UNKNOWN_UNIT', line: 10, unitName: 'Huyện Văn Bản', column: null, expected: null, found: 'Huyện Văn Bản' },
    ]);
    expect(first.problems[3]?.closestUnits[0]?.name).toBe('Huyện Văn Bàn');
    expect(first).toMatchObject({ rowsRead: 9, rowsImported: 6, targetsCreated: 42 });
    const corrected = await importAs({
      plan,
      definition,
      definitionVersion: 1,
      file: { format: 'XLSX', base64: await workbook([...ROWS, TOTAL]) },
    });
    expect(corrected).toMatchObject({ rowsRead: 10, rowsImported: 10, targetsCreated: 28, targetsUnchanged: 42 });
    expect(await districtSums(plan)).toEqual(PUBLISHED);
    expect((await targets(plan)).get(`${OLD_LAO_CAI}|RECORDS_IN_TREATMENT_SHARE`)).toBe(45.1);
    const again = await importAs({
      plan,
      definition,
      definitionVersion: 1,
      file: { format: 'XLSX', base64: await workbook([...ROWS, TOTAL]) },
    });
    expect(again).toMatchObject({ unchanged: true, targetsUnchanged: 70 });
  });

  it('refuses a broken workbook, a file over the size limit and a body that is not base64, changing nothing', async () => {
    const plan = (await newPlan(OLD_LAO_CAI, 2024, 'Kế hoạch năm 2024 tỉnh Lào Cai (tệp hỏng)')).id;
    const cases: [Record<string, unknown>, string][] = [
      [{ format: 'XLSX', base64: Buffer.from('PK\u0003\u0004 not a workbook').toString('base64') }, 'Tệp .xlsx bị hỏng'],
      [{ format: 'XLSX', base64: 'A'.repeat(3 * 1024 * 1024) }, 'Tệp lớn hơn 2 MB'],
      [{ format: 'CSV', base64: 'không phải base64!' }, 'không phải base64'],
    ];
    for (const [file, vi] of cases) {
      const result = await h.run(IMPORT, { plan, definition, file }, 'police_officer', LAO_CAI);
      expect(result.data).toBeNull();
      expect(code(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
      expect((code(result)?.i18n as { vi: string }).vi).toContain(vi);
    }
    expect((await targets(plan)).size).toBe(0);
  });
});

describe('a district plan', () => {
  it('is created for a real district in 2023 with district and commune targets', async () => {
    const plan = await newPlan('001', 2023, 'Kế hoạch năm 2023 của quận Ba Đình', 'police_officer', '01');
    expect(plan).toMatchObject({ provinceCode: '01', unitCode: '001', unit: { name: 'Quận Ba Đình', level: 'DISTRICT' } });
    const result = await importAs(
      {
        plan: plan.id,
        table: 'DISTRICT',
        csv: 'unit,compulsory_rehab_dossiers\nQuận Ba Đình,9\nPhường Phúc Xá,4\nPhường Trúc Bạch,5\nPhường Phúc Tân,3\n',
      },
      '01',
    );
    // Phúc Tân is a ward of Hoàn Kiếm, not of Ba Đình: unknown in this plan, the closest wards of Ba Đình named.
    expect(brief(result.problems)).toEqual([
      { kind: 'UNKNOWN_UNIT', line: 5, unitName: 'Phường Phúc Tân', column: null, expected: null, found: 'Phường Phúc Tân' },
    ]);
    expect(result.problems[0]?.closestUnits.map((u) => u.name)).toContain('Phường Phúc Xá');
    expect(result).toMatchObject({ table: 'DISTRICT', rowsImported: 3, targetsCreated: 3 });
    const stored = await targets(plan.id);
    expect(stored.get('001|COMPULSORY_DOSSIERS')).toBe(9);
    expect(stored.get('00001|COMPULSORY_DOSSIERS')).toBe(4);
  });

  it("is refused for a year after districts ended (30 June 2025), with the district's dates", async () => {
    const result = await h.run(
      CREATE_PLAN,
      { input: { unitCode: '001', year: 2026, title: 'Kế hoạch 2026 quận Ba Đình' } },
      'police_officer',
      '01',
    );
    expect(code(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitCode' });
    expect((code(result)?.i18n as { vi: string }).vi).toContain('30/06/2025');
  });

  it('is refused to a role out of scope, and so is its import', async () => {
    const input = { unitCode: '001', year: 2023, title: 'Kế hoạch thử ngoài phạm vi' };
    for (const [role, unit] of [
      ['police_officer', LAO_CAI],
      ['labour_officer', '001'],
      ['commune_official', '00004'],
    ] as const) {
      expect(code(await h.run(CREATE_PLAN, { input }, role, unit))?.code).toBe('FORBIDDEN');
    }
    const plan = await newPlan('001', 2023, 'Kế hoạch năm 2023 quận Ba Đình (bản 2)', 'police_officer', '01');
    const foreign = await h.run(
      IMPORT,
      { plan: plan.id, table: 'DISTRICT', csv: 'unit,compulsory_rehab_dossiers\nPhường Phúc Xá,4\n' },
      'police_officer',
      LAO_CAI,
    );
    expect(code(foreign)?.code).toBe('FORBIDDEN');
    expect((await targets(plan.id)).size).toBe(0);
  });

  it('takes exactly one of unitCode and provinceCode', async () => {
    const both = await h.run(
      CREATE_PLAN,
      { input: { unitCode: '001', provinceCode: '01', year: 2023, title: 'X' } },
      'supervisor',
    );
    expect(code(both)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitCode' });
  });
});
