/**
 * Inference by analysts: a pseudonymous list carries no name order; indicator
 * values and breakdowns of 1 to 4 people are suppressed for analysts ("< 5", the default
 * SMALL_CELL_THRESHOLD); drill-down rows give the month, not the day, and a facility only
 * where at least 5 rows share month and facility; the records of a suppressed cell are not
 * listed. Supervisors keep the exact figures. Fixture: episodes of 2015 (the demo data does
 * not reach 2015) in two wards of Quận Ba Đình.
 */
import type { InProcessSystem } from '@rehab/ops';
import { PersonPseudonyms } from '@rehab/server-kit';
import { foldVietnamese } from '@rehab/shared-schema';
import { population, startTestSystem } from './fixtures';

let system: InProcessSystem;
let analyst: string;
let supervisor: string;
let plan2022: string;

/** Phúc Xá (2 admissions in 2015: a small cell) and Trúc Bạch (6: shown) of Quận Ba Đình before the reform. */
const SMALL = { code: '00001', path: '01.001.00001' };
const LARGE = { code: '00004', path: '01.001.00004' };
const uuid = (n: number) => `13000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const EPISODE = `INSERT INTO rehab_episode (id, person_id, kind, status, facility_code, residence_unit_code, facility_owner_path, residence_owner_path,
  admitted_on, planned_end_on) VALUES ($1, $2, 'VOLUNTARY_FACILITY', 'ADMITTED', $3, $4, $5, $6, $7, '2016-06-01')`;

/** Trúc Bạch: five admissions at CSCN2 in March 2015 (one cell of 5), one at CSCN1 in June (a cell of 1); Phúc Xá: two. */
const ADMISSIONS: [number, string, typeof SMALL, string][] = [
  [1, 'CSCN2', LARGE, '2015-03-02'],
  [2, 'CSCN2', LARGE, '2015-03-09'],
  [3, 'CSCN2', LARGE, '2015-03-16'],
  [4, 'CSCN2', LARGE, '2015-03-23'],
  [5, 'CSCN2', LARGE, '2015-03-30'],
  [6, 'CSCN1', LARGE, '2015-06-17'],
  [7, 'CSCN1', SMALL, '2015-04-04'],
  [8, 'CSCN1', SMALL, '2015-05-05'],
];

async function fixture(): Promise<void> {
  const db = system.dbs.subgraph('labor-welfare').db;
  for (const [n, facility, unit, on] of ADMISSIONS) {
    await db.query(EPISODE, [uuid(100 + n), uuid(n), facility, unit.code, `01.${facility}`, unit.path, on]);
  }
  // Phúc Xá in 2015: one post-rehab model, 3 million spent, one complaint, and two people at risk.
  await db.query(
    `INSERT INTO post_rehab_model (id, name, kind, unit_code, owner_unit_path, established_on, recorded_by)
    VALUES ($1, 'Câu lạc bộ', 'CLUB', $2, $3, '2015-02-01', 'test')`,
    [uuid(200), SMALL.code, SMALL.path],
  );
  await db.query(
    `INSERT INTO budget_line (id, unit_code, owner_unit_path, fiscal_year, source, activity, allocated, allocated_on, agency,
    spent, recorded_by) VALUES ($1, $2, $3, 2015, 'COMMUNE', 'PREVENTION', 10, '2015-01-05', 'commune', 3, 'test')`,
    [uuid(201), SMALL.code, SMALL.path],
  );
  await db.query(
    `INSERT INTO budget_spending (id, budget_line_id, spent_on, amount, recorded_by) VALUES ($1, $2, '2015-03-01', 3, 'test')`,
    [uuid(202), uuid(201)],
  );
  await db.query(
    `INSERT INTO complaint (id, kind, unit_code, owner_unit_path, agency, received_on, subject, summary, complainant_name, due_on, recorded_by)
    VALUES ($1, 'COMPLAINT', $2, $3, 'commune', '2015-04-01', 'DECISION', 'Nội dung', 'Người khiếu nại', '2015-05-01', 'test')`,
    [uuid(203), SMALL.code, SMALL.path],
  );
  for (const n of [1, 2]) {
    await system.dbs.subgraph('volunteers').db.query(
      `INSERT INTO person_at_risk (id, full_name, birth_year, commune_code, owner_unit_path, risk_group, listed_on, agency, recorded_by)
      VALUES ($1, $2, 2000, $3, $4, 'OTHER', '2015-06-01', 'volunteers', 'test')`,
      [uuid(210 + n), `Người nguy cơ ${String(n)}`, SMALL.code, SMALL.path],
    );
  }
}

beforeAll(async () => {
  delete process.env.SMALL_CELL_THRESHOLD;
  system = await startTestSystem();
  [analyst, supervisor] = await Promise.all([system.login('phantich.hanoi'), system.login('giamsat.hanoi')]);
  const plans = await system.graphql<{ plans: { id: string }[] }>(analyst, '{ plans(year: 2022) { id } }');
  plan2022 = plans.data?.plans[0]?.id ?? '';
  await fixture();
});

afterAll(async () => {
  await system.stop();
});

describe("an analyst's person list", () => {
  const LIST = `query($unit: ID!, $after: String) { persons(unitCode: $unit, first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
  interface List {
    persons: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { id: string }[] };
  }

  /** The whole city: the demo's 300 people spread two or three to a commune, and the order must show on a long list. */
  const unit = '01';

  async function all(token: string): Promise<{ ids: string[]; total: number }> {
    const ids: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 20; page++) {
      const response: { data?: List | null; errors?: unknown[] } = await system.graphql<List>(token, LIST, { unit, after });
      expect(response.errors).toBeUndefined();
      const persons = (response.data as List).persons;
      total = persons.totalCount;
      ids.push(...persons.nodes.map((n) => n.id));
      if (!persons.pageInfo.hasNextPage) break;
      after = persons.pageInfo.endCursor;
    }
    return { ids, total };
  }

  it('carries no name order', async () => {
    const pseudonyms = new PersonPseudonyms(system.pseudonymSecret);
    const seen = await all(analyst);
    const real = seen.ids.map((id) => pseudonyms.personIdOf(id));
    const people = new Map(population.map((p) => [p.id, p]));
    expect(real.length).toBeGreaterThanOrEqual(100);
    expect(seen.total).toBe(real.length);
    expect(real.every((id) => people.has(id))).toBe(true);
    // The order is that of the random person ids, not of the names.
    expect(real).toEqual([...real].sort());
    const byName = [...real].sort((a, b) => {
      const [x, y] = [foldVietnamese(people.get(a)?.fullName ?? ''), foldVietnamese(people.get(b)?.fullName ?? '')];
      return x < y ? -1 : x > y ? 1 : a < b ? -1 : 1;
    });
    expect(real).not.toEqual(byName);
    // A supervisor still gets the list by name, the same people.
    const named = await all(supervisor);
    expect(new Set(named.ids)).toEqual(new Set(real));
    expect(named.ids).toEqual(byName);
  });
});

interface Value {
  unit: { code: string };
  actual: number | null;
  numerator: number | null;
  ratio: number | null;
  suppressed: boolean;
}

const VALUES = `query($plan: ID!, $unit: ID!) { indicators(plan: $plan, unit: $unit, period: { kind: YEAR, year: 2015 },
  indicatorCodes: ["VOLUNTARY_MOBILISED", "COMPULSORY_DOSSIERS"]) { unit { code } actual numerator ratio suppressed } }`;
const BREAKDOWN = `query($plan: ID!) { indicatorBreakdown(plan: $plan, indicator: "VOLUNTARY_MOBILISED", unit: "001",
  period: { kind: YEAR, year: 2015 }) { unit { code } actual numerator ratio suppressed } }`;

async function values(token: string, unit: string): Promise<Value[]> {
  const response = await system.graphql<{ indicators: Value[] }>(token, VALUES, { plan: plan2022, unit });
  expect(response.errors).toBeUndefined();
  return response.data?.indicators ?? [];
}

describe('small cells', () => {
  it('are suppressed for analysts, shown to supervisors; 0 and 5 or more are shown', async () => {
    const [small, zero] = await values(analyst, SMALL.code);
    expect(small).toEqual({ unit: { code: SMALL.code }, actual: null, numerator: null, ratio: null, suppressed: true });
    expect(zero).toMatchObject({ actual: 0, numerator: 0, suppressed: false });
    expect((await values(analyst, LARGE.code))[0]).toMatchObject({ actual: 6, numerator: 6, suppressed: false });
    expect((await values(supervisor, SMALL.code))[0]).toMatchObject({ actual: 2, numerator: 2, suppressed: false });
  });

  it("are suppressed in an analyst's breakdown", async () => {
    const response = await system.graphql<{ indicatorBreakdown: Value[] }>(analyst, BREAKDOWN, { plan: plan2022 });
    expect(response.errors).toBeUndefined();
    const rows = new Map((response.data?.indicatorBreakdown ?? []).map((r) => [r.unit.code, r]));
    expect(rows.get(SMALL.code)).toMatchObject({ actual: null, numerator: null, suppressed: true });
    expect(rows.get(LARGE.code)).toMatchObject({ actual: 6, suppressed: false });
    for (const row of rows.values()) expect(row.suppressed || row.numerator === 0 || (row.numerator ?? 0) >= 5).toBe(true);
  });

  it('are not suppressed where nobody is counted: models and funding; complaints and people at risk are', async () => {
    const Q = `query($plan: ID!) { indicators(plan: $plan, unit: "${SMALL.code}", period: { kind: YEAR, year: 2015 },
      indicatorCodes: ["POST_REHAB_MODELS_TOTAL", "BUDGET_SPENT", "COMPLAINTS_RECEIVED", "PEOPLE_AT_RISK"]) {
      indicator { code } actual suppressed } }`;
    const read = async (token: string) => {
      const response = await system.graphql<{
        indicators: { indicator: { code: string }; actual: number | null; suppressed: boolean }[];
      }>(token, Q, { plan: plan2022 });
      expect(response.errors).toBeUndefined();
      return Object.fromEntries(
        (response.data?.indicators ?? []).map((v) => [v.indicator.code, { actual: v.actual, suppressed: v.suppressed }]),
      );
    };
    expect(await read(analyst)).toEqual({
      POST_REHAB_MODELS_TOTAL: { actual: 1, suppressed: false },
      BUDGET_SPENT: { actual: 3, suppressed: false },
      COMPLAINTS_RECEIVED: { actual: null, suppressed: true },
      PEOPLE_AT_RISK: { actual: null, suppressed: true },
    });
    expect((await read(supervisor)).PEOPLE_AT_RISK).toEqual({ actual: 2, suppressed: false });
  });

  it('are suppressed for the new and cross-agency indicators too', async () => {
    const Q = `query($plan: ID!, $unit: ID!) { indicators(plan: $plan, unit: $unit, period: { kind: YEAR, year: 2015 },
      indicatorCodes: ["FACILITY_REHAB_VOLUNTARY", "TREATED_TOTAL", "RECORDS_IN_TREATMENT_SHARE"]) { actual numerator suppressed } }`;
    const read = async (token: string, unit: string) =>
      (await system.graphql<{ indicators: Omit<Value, 'unit' | 'ratio'>[] }>(token, Q, { plan: plan2022, unit })).data
        ?.indicators;
    // Phúc Xá's two people in voluntary facility rehab (treated, and so with management records).
    const hidden = { actual: null, numerator: null, suppressed: true };
    expect(await read(analyst, SMALL.code)).toEqual([hidden, hidden, hidden]);
    expect(await read(supervisor, SMALL.code)).toEqual([
      { actual: 2, numerator: 2, suppressed: false },
      { actual: 2, numerator: 2, suppressed: false },
      { actual: 1, numerator: 2, suppressed: false },
    ]);
    expect((await read(analyst, LARGE.code))?.map((v) => v.numerator)).toEqual([6, 6, 6]);
  });
});

describe("an analyst's drill-down rows", () => {
  const RECORDS = `query($plan: ID!, $unit: ID!) { indicatorRecords(plan: $plan, indicator: "VOLUNTARY_MOBILISED", unit: $unit,
    period: { kind: YEAR, year: 2015 }) { totalCount nodes { date datePrecision description unit { code } } } }`;
  interface Row {
    date: string;
    datePrecision: string;
    description: string;
    unit: { code: string };
  }
  interface Records {
    indicatorRecords: { totalCount: number; nodes: Row[] };
  }

  it('give the month, and the facility only where five rows share it', async () => {
    const response = await system.graphql<Records>(analyst, RECORDS, { plan: plan2022, unit: LARGE.code });
    expect(response.errors).toBeUndefined();
    const rows = response.data?.indicatorRecords.nodes ?? [];
    expect(rows.map((r) => [r.date, r.datePrecision, r.unit.code, r.description])).toEqual([
      ...Array.from({ length: 5 }, () => ['2015-03-01', 'MONTH', 'CSCN2', 'Tiếp nhận cai nghiện tự nguyện tại cơ sở tại CSCN2']),
      ['2015-06-01', 'MONTH', LARGE.code, 'Tiếp nhận cai nghiện tự nguyện tại cơ sở'],
    ]);
  });

  it('are exact for a supervisor', async () => {
    const response = await system.graphql<Records>(supervisor, RECORDS, { plan: plan2022, unit: LARGE.code });
    expect(response.errors).toBeUndefined();
    expect((response.data?.indicatorRecords.nodes ?? []).map((r) => [r.date, r.datePrecision, r.unit.code])).toEqual(
      ADMISSIONS.filter(([, , unit]) => unit === LARGE).map(([, facility, , on]) => [on, 'DAY', facility]),
    );
  });

  it('are not listed for a suppressed cell', async () => {
    const response = await system.graphql<Records>(analyst, RECORDS, { plan: plan2022, unit: SMALL.code });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'indicator' });
    expect(response.data?.indicatorRecords ?? null).toBeNull();
  });
});
