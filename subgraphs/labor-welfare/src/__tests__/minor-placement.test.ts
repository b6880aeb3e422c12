import { generateDemoPopulation } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import { FACILITY, M, OTHER_FACILITY, courtOn, footprint, forwarded, ok, runAs } from './legal-path-support';

/**
 * Law 120/2025 from 1 July 2026 (MINOR_COMPULSORY_PLACEMENT): a court sends a person aged 12
 * to under 18 on the decision date only to a facility that admits minors; before that date the
 * old law applies and any compulsory facility will do.
 */
let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 20 }));
  // Test data: one facility with a minors' area (no demo facility is marked).
  await h.database.db.query('UPDATE facility SET admits_minors = true WHERE code = $1', [OTHER_FACILITY]);
});
afterAll(async () => {
  await h.close();
});

let n = 0;
async function decide(dateOfBirth: string, decidedOn: string, facilityCode: string, startedOn = '2026-06-01') {
  const f = await forwarded(h, { startedOn, dateOfBirth });
  const before = await footprint(h);
  const result = await runAs(h, courtOn(decidedOn), M.decide, {
    id: f.id,
    v: f.version,
    input: {
      outcome: 'APPROVED',
      decisionNumber: `${++n}/2026/QĐ-TA`,
      decidedOn,
      termMonths: 12,
      facilityCode,
    },
  });
  if (result.errors) expect(await footprint(h)).toEqual(before);
  return result;
}

describe('placement of minors in compulsory rehab', () => {
  it('marks no demo facility as admitting minors', async () => {
    const rows = await h.database.db.query<{ code: string }[]>('SELECT code FROM facility WHERE admits_minors ORDER BY code');
    expect(rows.map((r) => r.code)).toEqual([OTHER_FACILITY]);
    const got = await ok(
      h,
      { role: 'labour_officer', unit: '01' },
      'query($c: ID!) { facility(code: $c) { code admitsMinors } }',
      { c: FACILITY },
    );
    expect(got).toEqual({ code: FACILITY, admitsMinors: false });
  });

  it('lets a decision of 30 June 2026 send a minor to any compulsory facility (the old law)', async () => {
    const result = await decide('2010-09-01', '2026-06-30', FACILITY);
    expect(result.errors).toBeUndefined();
  });

  it("refuses, from 1 July 2026, a facility without a minors' area for a person under 18 on the decision date, changing nothing", async () => {
    const result = await decide('2010-09-01', '2026-07-01', FACILITY);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.facilityCode' });
    const i18n = result.errors?.[0]?.extensions?.i18n as { vi: string; en: string };
    expect(i18n.vi).toContain('trường giáo dưỡng');
    expect(i18n.en).toContain('does not admit minors');
  });

  it('accepts, from 1 July 2026, a facility that admits minors; and adults anywhere', async () => {
    expect((await decide('2010-09-01', '2026-07-01', OTHER_FACILITY)).errors).toBeUndefined();
    expect((await decide('1990-01-01', '2026-07-01', FACILITY)).errors).toBeUndefined();
  });

  it('judges the age on the decision date: 18 by then is an adult', async () => {
    // Born 20 July 2008: 17 on 19 July 2026, 18 on 20 July 2026.
    expect((await decide('2008-07-20', '2026-07-19', FACILITY)).errors?.[0]?.extensions).toMatchObject({
      field: 'input.facilityCode',
    });
    expect((await decide('2008-07-20', '2026-07-20', FACILITY)).errors).toBeUndefined();
  });
});
