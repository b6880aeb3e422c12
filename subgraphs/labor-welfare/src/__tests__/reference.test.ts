import { ROLES, generateDemoPopulation } from '@rehab/shared-schema';
import { RESIDENTS_PER_STAFF } from '../rules/staffing';
import { openHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 20 }));
});
afterAll(async () => {
  await h.close();
});

interface FacilityView {
  code: string;
  name: string;
  kind: string;
  capacity: number;
  staffCount: number;
  unit: { code: string; level: string };
}
interface TargetView {
  year: number;
  unit: { code: string };
  indicator: string;
  target: number;
}

const FACILITIES = '{ facilities { code name kind capacity staffCount unit { code level } } }';
const TARGETS =
  'query($year: Int!, $unitCode: ID) { planTargets(year: $year, unitCode: $unitCode) { year unit { code } indicator target } }';

async function targets(year: number, unitCode?: string): Promise<TargetView[]> {
  const result = await h.run(TARGETS, { year, unitCode }, 'analyst');
  expect(result.errors).toBeUndefined();
  return (result.data as { planTargets: TargetView[] }).planTargets;
}

describe('facilities', () => {
  it("lists Hà Nội's seven facilities (number 5 takes voluntary residents only), its private one and Lào Cai's", async () => {
    const result = await h.run(FACILITIES, {}, 'facility_staff');
    expect(result.errors).toBeUndefined();
    const all = (result.data as { facilities: FacilityView[] }).facilities;
    expect(all.map((f) => f.code)).toEqual(['CSCN1', 'CSCN2', 'CSCN3', 'CSCN4', 'CSCN5', 'CSCN6', 'CSCN7', 'CSCNLC', 'CSCNTN1']);
    expect(all.find((f) => f.code === 'CSCNTN1')?.kind).toBe('PRIVATE_VOLUNTARY');
    const list = all.filter((f) => f.code.length === 5);
    for (const f of list) {
      expect(f.kind).toBe(f.code === 'CSCN5' ? 'PUBLIC_VOLUNTARY' : 'PUBLIC_COMPULSORY_AND_VOLUNTARY');
      expect(f.unit).toEqual({ code: f.code, level: 'FACILITY' });
      expect(f.name).toBe(`Cơ sở cai nghiện ma túy số ${f.code.slice(4)} Hà Nội`);
      const ratio = f.kind === 'PUBLIC_VOLUNTARY' ? RESIDENTS_PER_STAFF.voluntary : RESIDENTS_PER_STAFF.compulsory;
      expect(f.capacity).toBeGreaterThan(0);
      // Care staff within the staffing rule, plus a few managers.
      expect(f.staffCount).toBeGreaterThan(Math.floor(f.capacity / ratio));
      expect(f.staffCount).toBeLessThanOrEqual(Math.floor(f.capacity / ratio) + 20);
    }
  });

  it.each(ROLES)('lets %s read facilities and targets (not personal data)', async (role) => {
    const result = await h.run(
      `{ facility(code: "CSCN2") { code capacity unit { code } } planTargets(year: 2022, unitCode: "CSCN2") { target } }`,
      {},
      role,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.facility).toMatchObject({ code: 'CSCN2', unit: { code: 'CSCN2' } });
    expect(result.data?.planTargets).toHaveLength(3);
  });

  it('returns null for an unknown facility code', async () => {
    const result = await h.run('{ facility(code: "CSCN99") { code } }', {}, 'labour_officer');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ facility: null });
  });
});

describe('plan targets', () => {
  const PUBLISHED_2022: Record<string, number> = {
    COMPULSORY_DOSSIERS: 950,
    POST_REHAB_MANAGEMENT: 900,
    REINTEGRATION_SUPPORT: 300,
    POST_REHAB_MODELS_MAINTAINED: 87,
    POST_REHAB_MODELS_NEW: 172,
    POST_REHAB_MODELS_TOTAL: 259,
    FACILITY_ADMISSIONS: 950,
    VOLUNTARY_MOBILISED: 2100,
    FACILITY_VOCATIONAL_TRAINING: 500,
  };

  it("sums Hà Nội's 2022 targets per indicator to the published totals", async () => {
    const rows = await targets(2022);
    const sums: Record<string, number> = {};
    for (const r of rows) sums[r.indicator] = (sums[r.indicator] ?? 0) + r.target;
    expect(sums).toEqual(PUBLISHED_2022);
    expect(rows.every((r) => r.year === 2022)).toBe(true);
    expect(new Set(rows.map((r) => r.unit.code)).size).toBe(37);
  });

  it('filters by the unit subtree', async () => {
    expect(await targets(2022, 'CSCN5')).toEqual([
      { year: 2022, unit: { code: 'CSCN5' }, indicator: 'VOLUNTARY_MOBILISED', target: 500 },
    ]);
    const cauGiay = await targets(2022, '005');
    expect(cauGiay.map((r) => [r.indicator, r.target])).toEqual([
      ['COMPULSORY_DOSSIERS', 30],
      ['POST_REHAB_MANAGEMENT', 32],
      ['POST_REHAB_MODELS_MAINTAINED', 8],
      ['POST_REHAB_MODELS_NEW', 0],
      ['POST_REHAB_MODELS_TOTAL', 8],
      ['REINTEGRATION_SUPPORT', 11],
    ]);
    expect(await targets(2022, '00166')).toEqual([]);
    expect(await targets(2023)).toEqual([]);
  });

  it('rejects a year out of range with a typed bilingual error', async () => {
    const result = await h.run(TARGETS, { year: 1800 }, 'analyst');
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'year',
      i18n: { vi: 'Năm kế hoạch phải từ 2000 đến 2100', en: 'The plan year must be between 2000 and 2100' },
    });
  });

  it('rejects an unknown unit code with a typed bilingual error', async () => {
    const result = await h.run(TARGETS, { year: 2022, unitCode: '999' }, 'analyst');
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'unitCode',
      i18n: { vi: 'Không có đơn vị hành chính mã 999', en: 'No administrative unit with code 999' },
    });
  });
});
