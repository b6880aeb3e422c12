/**
 * Half-year periods through the gateway on the seeded system: a half is its two quarters
 * (for a count of records dated in the period), per unit too; its label in both languages;
 * a bad half refused with a typed bilingual error; any province's plan, read only by those
 * whose scope reaches it.
 */
import type { InProcessSystem } from '@rehab/ops';
import { demo2026PlanId } from '@rehab/labor-welfare';
import { startTestSystem } from './fixtures';

// Exact counts per unit, small cells included (suppression is inference.test.ts's subject).
process.env.SMALL_CELL_THRESHOLD = '1';

let system: InProcessSystem;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system.stop();
});

interface Value {
  unit: { code: string; name: string };
  period: { kind: string; number: number | null; from: string; to: string; label: string; labelEn: string };
  actual: number | null;
}
type Result<T> = Awaited<ReturnType<InProcessSystem['graphql']>> & { data?: T };

async function as<T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<Result<T>> {
  const token = tokens[username] ?? (tokens[username] = await system.login(username));
  return (await system.graphql<T>(token, query, variables)) as Result<T>;
}

const VALUE = 'unit { code name } period { kind number from to label labelEn: label(locale: EN) } actual';
const INDICATORS = `query($plan: ID!, $unit: ID!, $period: PeriodInput!, $codes: [ID!]) {
  indicators(plan: $plan, unit: $unit, period: $period, indicatorCodes: $codes) { ${VALUE} } }`;
const BREAKDOWN = `query($plan: ID!, $indicator: ID!, $unit: ID!, $period: PeriodInput!) {
  indicatorBreakdown(plan: $plan, indicator: $indicator, unit: $unit, period: $period) { ${VALUE} } }`;

const half = (number: number) => ({ kind: 'HALF_YEAR', year: 2026, number });
const quarter = (number: number) => ({ kind: 'QUARTER', year: 2026, number });

/** The dossiers compiled in Hà Nội in a period (a count of records dated in it). */
async function dossiers(username: string, period: object): Promise<Value> {
  const response = await as<{ indicators: Value[] }>(username, INDICATORS, {
    plan: demo2026PlanId(),
    unit: '01',
    period,
    codes: ['COMPULSORY_DOSSIERS'],
  });
  expect(response.errors).toBeUndefined();
  const [value] = response.data?.indicators ?? [];
  if (!value) throw new Error('no value');
  return value;
}

async function breakdown(period: object): Promise<Map<string, number | null>> {
  const response = await as<{ indicatorBreakdown: Value[] }>('giamsat.hanoi', BREAKDOWN, {
    plan: demo2026PlanId(),
    indicator: 'COMPULSORY_DOSSIERS',
    unit: '01',
    period,
  });
  expect(response.errors).toBeUndefined();
  return new Map((response.data?.indicatorBreakdown ?? []).map((v) => [v.unit.code, v.actual]));
}

describe('a half-year of indicators', () => {
  it('counts the records of its two quarters, and differs from either quarter', async () => {
    for (const [h, q1, q2] of [
      [1, 1, 2],
      [2, 3, 4],
    ] as const) {
      const [whole, first, second] = await Promise.all([
        dossiers('giamsat.hanoi', half(h)),
        dossiers('giamsat.hanoi', quarter(q1)),
        dossiers('giamsat.hanoi', quarter(q2)),
      ]);
      expect(whole.period).toEqual({
        kind: 'HALF_YEAR',
        number: h,
        from: h === 1 ? '2026-01-01' : '2026-07-01',
        to: h === 1 ? '2026-06-30' : '2026-12-31',
        label: h === 1 ? '6 tháng đầu năm 2026' : '6 tháng cuối năm 2026',
        labelEn: h === 1 ? 'First half of 2026' : 'Second half of 2026',
      });
      expect(first.actual).toBeGreaterThan(0);
      expect(second.actual).toBeGreaterThan(0);
      expect(whole.actual).toBe((first.actual ?? 0) + (second.actual ?? 0));
      expect(whole.actual).not.toBe(first.actual);
      expect(whole.actual).not.toBe(second.actual);
    }
  });

  it('breaks down by the communes of its end, each the sum of its two quarters', async () => {
    const [whole, first, second] = await Promise.all([breakdown(half(1)), breakdown(quarter(1)), breakdown(quarter(2))]);
    // 2026 is after the 1 July 2025 reform: Hà Nội's 126 communes and wards.
    expect(whole.size).toBe(126);
    expect([...whole.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [code, actual] of whole) expect(actual).toBe((first.get(code) ?? 0) + (second.get(code) ?? 0));
    expect([...whole.values()].some((v) => (v ?? 0) > 0)).toBe(true);
  });

  it('breaks a half of 2025 down by the units of its own dates: districts in the first half, communes in the second', async () => {
    const first = await breakdown({ kind: 'HALF_YEAR', year: 2025, number: 1 });
    const second = await breakdown({ kind: 'HALF_YEAR', year: 2025, number: 2 });
    // Hà Nội had 30 districts to 30 June 2025 (codes of three digits), 126 communes and wards from 1 July.
    expect(first.size).toBe(30);
    expect([...first.keys()].every((c) => c.length === 3)).toBe(true);
    expect(second.size).toBe(126);
    expect([...second.keys()].every((c) => c.length === 5)).toBe(true);
  });

  it.each([0, 3, null])('refuses half %p with a typed bilingual error', async (number) => {
    const response = await as<{ indicators: Value[] | null }>('giamsat.hanoi', INDICATORS, {
      plan: demo2026PlanId(),
      unit: '01',
      period: { kind: 'HALF_YEAR', year: 2026, number },
    });
    expect(response.data?.indicators ?? null).toBeNull();
    const error = response.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    expect(error?.message).toContain('Kỳ 6 tháng phải là 1 (6 tháng đầu năm) hoặc 2 (6 tháng cuối năm)');
    expect(JSON.stringify(error)).toContain('A HALF_YEAR period is number 1 (first half) or 2 (second half)');
  });
});

describe("another province's half-year", () => {
  let laoCaiPlan: string;

  beforeAll(async () => {
    const created = await as<{ createPlan: { id: string } }>(
      'congan.laocai',
      'mutation($p: ID!, $y: Int!, $t: String!) { createPlan(input: { provinceCode: $p, year: $y, title: $t }) { id } }',
      { p: '15', y: 2026, t: 'Kế hoạch năm 2026 của tỉnh Lào Cai' },
    );
    expect(created.errors).toBeUndefined();
    laoCaiPlan = created.data?.createPlan.id ?? '';
  });

  const laoCai = (username: string) =>
    as<{ indicators: Value[] }>(username, INDICATORS, { plan: laoCaiPlan, unit: '15', period: half(2) });

  it("is read by Lào Cai's police, the supervisor and the analyst", async () => {
    for (const username of ['congan.laocai', 'giamsat.hanoi', 'phantich.hanoi']) {
      const response = await laoCai(username);
      expect(response.errors).toBeUndefined();
      const values = response.data?.indicators ?? [];
      expect(values.length).toBeGreaterThan(5);
      expect(values.every((v) => v.unit.name === 'Tỉnh Lào Cai' && v.period.label === '6 tháng cuối năm 2026')).toBe(true);
    }
  });

  it("is refused to Hà Nội's police and to a ward of Lào Cai for the whole province", async () => {
    for (const username of ['congan.hanoi', 'congan.phuonglaocai']) {
      const response = await laoCai(username);
      expect(response.data?.indicators ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'unit' });
      expect(response.errors?.[0]?.message).toContain('Bạn chỉ xem được chỉ số của đơn vị mình');
    }
    // The ward's own unit is its to read.
    const ward = await as<{ indicators: Value[] }>('congan.phuonglaocai', INDICATORS, {
      plan: laoCaiPlan,
      unit: '02647',
      period: half(2),
    });
    expect(ward.errors).toBeUndefined();
    expect(ward.data?.indicators[0]?.unit.name).toBe('Phường Lào Cai');
  });
});
