import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { units } from '@rehab/shared-schema';
import { logIn, openPage, shot, startPortal, stopPortal, type Portal } from './portal-support';

/**
 * The dashboard of any province and level: a province picker for supervisors and analysts
 * (Lào Cai, with a half-year), an officer held to their own unit, the levels of a period's
 * own units (districts then communes before 1 July 2025) down to the records or the reason
 * there are none, and a CSV that writes the numbers as the screen shows them.
 */
let portal: Portal;
let page: Page;
let problems: string[];
let laoCaiPlan: string;

const LAO_CAI_PLAN_TITLE = 'Kế hoạch năm 2026 của tỉnh Lào Cai';
const PROVINCIAL_FACILITY = 'Cai nghiện tại Cơ sở cai nghiện ma túy tỉnh';
const LAO_CAI_TABLE = {
  name: 'Chỉ tiêu cai nghiện năm 2026 (tỉnh Lào Cai)',
  unitCode: '15',
  rows: 'UNITS',
  columns: [
    {
      header: 'Hồ sơ cai nghiện bắt buộc',
      labelVi: 'Lập hồ sơ đề nghị đưa vào cơ sở cai nghiện bắt buộc',
      labelEn: 'Compulsory rehab dossiers',
      indicatorCode: 'COMPULSORY_DOSSIERS',
    },
    {
      header: 'Hoạt động tuyên truyền',
      labelVi: 'Số hoạt động tuyên truyền phòng, chống ma túy',
      labelEn: 'Communication activities',
      indicatorCode: 'COMMUNICATION_ACTIVITIES',
    },
    {
      header: 'Người có nguy cơ được tiếp cận',
      labelVi: 'Tỷ lệ người có nguy cơ được tiếp cận dịch vụ phòng ngừa',
      labelEn: 'People at risk reached by prevention',
      indicatorCode: 'PEOPLE_AT_RISK_REACHED_SHARE',
    },
    {
      header: 'Lớp tập huấn',
      labelVi: 'Số lớp tập huấn nghiệp vụ',
      labelEn: 'Training courses',
      indicatorCode: 'TRAINING_COURSES',
    },
    {
      header: 'Kinh phí đã chi',
      labelVi: 'Kinh phí đã chi (triệu đồng)',
      labelEn: 'Funding spent (million VND)',
      indicatorCode: 'BUDGET_SPENT',
    },
    {
      header: PROVINCIAL_FACILITY,
      labelVi: 'Cai nghiện tại cơ sở của tỉnh',
      labelEn: 'Rehab at the provincial facility',
      measure: {
        code: 'LC_FACILITY_REHAB_PROVINCIAL',
        nameVi: 'Người cai nghiện tại Cơ sở cai nghiện ma túy tỉnh',
        nameEn: 'People in rehab at the provincial facility',
        definitionVi: 'Số người được đưa vào cai nghiện tại Cơ sở cai nghiện ma túy tỉnh Lào Cai trong năm kế hoạch',
        definitionEn: 'People placed in rehab at the Lào Cai provincial rehab facility in the plan year',
      },
    },
  ],
};
const LAO_CAI_CSV = `Đơn vị;Hồ sơ cai nghiện bắt buộc;Hoạt động tuyên truyền;Người có nguy cơ được tiếp cận;Lớp tập huấn;Kinh phí đã chi;${PROVINCIAL_FACILITY}\r\nToàn tỉnh;120;400;80;4;1.500;1.250\r\n`;
/** Phường Lào Cai, where the province's police list two people at risk. */
const LAO_CAI_WARD = '02647';

/**
 * The second half of 2026's programme work in Lào Cai, recorded by its provincial police (API
 * steps; their forms are tested in portal-prevention and portal-programme): two people at risk
 * of whom one was counselled, a training course, and 250 million spent of the year's 1,500.
 */
async function recordLaoCaiProgrammeWork(token: string): Promise<void> {
  const call = async (query: string, variables: Record<string, unknown>) => {
    const result = await portal.api.graphql<Record<string, { id: string; version: number }>>(token, query, variables);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data ?? {})[0] ?? { id: '', version: 0 };
  };
  const LIST = 'mutation($input: PersonAtRiskInput!) { listPersonAtRisk(input: $input) { id version } }';
  const person = (fullName: string) => ({
    input: { fullName, birthYear: 2007, communeCode: LAO_CAI_WARD, riskGroup: 'YOUTH_AT_RISK', listedOn: '2026-08-01' },
  });
  const served = await call(LIST, person('Lò Văn Pao'));
  await call(LIST, person('Giàng Thị Mỷ'));
  await call(
    'mutation($id: ID!, $v: Int!) { recordPreventionService(personAtRiskId: $id, expectedVersion: $v, input: { kind: COUNSELLING, providedOn: "2026-09-01" }) { id version } }',
    { id: served.id, v: served.version },
  );
  await call('mutation($input: TrainingCourseInput!) { recordTrainingCourse(input: $input) { id version } }', {
    input: {
      unitCode: '15',
      title: 'Tập huấn phòng ngừa cho nhóm nguy cơ cao',
      startedOn: '2026-09-10',
      endedOn: '2026-09-12',
      participants: [{ group: 'POLICE', count: 40 }],
    },
  });
  const line = await call('mutation($input: BudgetLineInput!) { recordBudgetLine(input: $input) { id version } }', {
    input: {
      unitCode: '15',
      fiscalYear: 2026,
      source: 'PROVINCE',
      activity: 'PREVENTION',
      allocated: 1500,
      allocatedOn: '2026-01-10',
    },
  });
  await call(
    'mutation($id: ID!, $v: Int!) { recordBudgetSpending(id: $id, expectedVersion: $v, input: { spentOn: "2026-10-15", amount: 250 }) { id version } }',
    { id: line.id, v: line.version },
  );
}

beforeAll(async () => {
  portal = await startPortal();
  // Lào Cai's police make their province's plan (an API step: the portal has no plan form).
  const token = await portal.api.login('congan.laocai');
  const created = await portal.api.graphql<{ createPlan: { id: string } }>(
    token,
    'mutation($p: ID!, $y: Int!, $t: String!) { createPlan(input: { provinceCode: $p, year: $y, title: $t }) { id } }',
    { p: '15', y: 2026, t: LAO_CAI_PLAN_TITLE },
  );
  expect(created.errors).toBeUndefined();
  laoCaiPlan = created.data?.createPlan.id ?? '';
  // Their table has a measure of their own, which no record counts: the dashboard shows its target only.
  const defined = await portal.api.graphql<{ createPlanTableDefinition: { id: string } }>(
    token,
    'mutation($input: PlanTableDefinitionInput!) { createPlanTableDefinition(input: $input) { id } }',
    { input: LAO_CAI_TABLE },
  );
  expect(defined.errors).toBeUndefined();
  const imported = await portal.api.graphql<{ importPlanTargets: { rowsImported: number } }>(
    token,
    'mutation($plan: ID!, $definition: ID, $csv: String) { importPlanTargets(plan: $plan, definition: $definition, csv: $csv) { rowsImported } }',
    { plan: laoCaiPlan, definition: defined.data?.createPlanTableDefinition.id, csv: LAO_CAI_CSV },
  );
  expect(imported.errors).toBeUndefined();
  expect(imported.data?.importPlanTargets.rowsImported).toBe(1);
  await recordLaoCaiProgrammeWork(token);
});

afterAll(async () => {
  await stopPortal(portal);
});

afterEach(async () => {
  await page.close();
  expect(problems).toEqual([]);
});

async function openDashboard(username: string): Promise<Locator> {
  ({ page, problems } = await openPage(portal));
  await logIn(page, portal, username);
  await page.getByRole('link', { name: 'Chỉ tiêu và kết quả' }).click();
  const indicators = page.getByTestId('dashboard-indicators');
  await indicators.waitFor();
  return indicators;
}

/** The texts of a table's body, row by row (header cell and data cells). */
async function tableTexts(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i);
    out.push(
      [(await row.locator('th').textContent()) ?? '', ...(await row.locator('td').allTextContents())].map((s) => s.trim()),
    );
  }
  return out;
}

/** Parses the CSV the page downloads when `button` is clicked (RFC 4180, quoted cells with commas). */
async function downloadedCsv(button: Locator): Promise<string[][]> {
  const download = page.waitForEvent('download');
  await button.click();
  const text = readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '');
  return text
    .split('\r\n')
    .filter(Boolean)
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"')),
    )
    .map((cells) => cells.slice(0, 5));
}

describe('dashboard of another province', () => {
  it("shows Lào Cai's first and second half of 2026 to a supervisor of Hà Nội, naming the unit and the date of its unit list", async () => {
    const indicators = await openDashboard('giamsat.hanoi');
    const scope = page.getByTestId('dashboard-scope');
    await scope.getByText('Thành phố Hà Nội').waitFor();
    // When the numbers were computed, to the minute, in the officer's time (the page's clock is Hà Nội's, UTC+7).
    const freshness = (await page.getByTestId('dashboard-freshness').first().textContent()) ?? '';
    const at = /Số liệu tính lúc (\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})/.exec(freshness);
    expect(at).not.toBeNull();
    const [, day, month, year, hour, minute] = (at ?? []).map<number>(Number);
    const shown = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute) - 7 * 3_600_000;
    expect(Math.abs(Date.now() - shown)).toBeLessThan(15 * 60_000);
    // A picker of provinces, not a typed code: today's 34 provinces and cities.
    const province = page.getByLabel('Tỉnh, thành phố');
    expect(await province.locator('option').count()).toBeGreaterThanOrEqual(34);
    await province.selectOption({ label: 'Tỉnh Lào Cai' });
    const plan = page.getByLabel('Kế hoạch', { exact: true });
    expect(await plan.locator('option').allTextContents()).toEqual([`${LAO_CAI_PLAN_TITLE} (2026)`]);
    expect(await plan.inputValue()).toBe(laoCaiPlan);
    await page.getByLabel('Kỳ báo cáo').selectOption({ label: '6 tháng cuối năm' });
    await scope.getByText('6 tháng cuối năm 2026').waitFor();
    expect(await scope.textContent()).toBe(
      'Đơn vị: Tỉnh Lào Cai (15) · Kỳ báo cáo: 6 tháng cuối năm 2026 (01/07/2026 – 31/12/2026) · Đơn vị hành chính theo danh mục ngày 31/12/2026',
    );
    await indicators.locator('tbody tr').first().waitFor();
    expect(await indicators.locator('tbody tr').count()).toBeGreaterThan(5);
    await page.getByTestId('indicator-chart').locator('.recharts-bar-rectangle').first().waitFor();
    // The province's own measure: its target, and no actual (nothing in the records counts it).
    expect(await tableTexts(page.getByTestId('dashboard-target-only'))).toEqual([
      ['Người cai nghiện tại Cơ sở cai nghiện ma túy tỉnh', '1.250'],
    ]);
    expect(
      await indicators
        .locator('tbody tr', { hasText: 'Lập hồ sơ đề nghị cai nghiện bắt buộc' })
        .locator('td')
        .first()
        .textContent(),
    ).toBe('120');
    // Programme work against its target: the communication activities the province's agencies recorded in the half.
    const communication = await portal.api.graphql<{ indicators: { actual: number; target: number }[] }>(
      await portal.api.login('giamsat.hanoi'),
      `query($plan: ID!) { indicators(plan: $plan, unit: "15", period: { kind: HALF_YEAR, year: 2026, number: 2 },
        indicatorCodes: ["COMMUNICATION_ACTIVITIES"]) { actual target } }`,
      { plan: laoCaiPlan },
    );
    const [held] = communication.data?.indicators ?? [];
    expect(held?.target).toBe(400);
    expect(held?.actual).toBeGreaterThan(0);
    expect(
      await indicators
        .locator('tbody tr', { hasText: 'Số hoạt động tuyên truyền phòng, chống ma túy' })
        .locator('td')
        .allTextContents(),
    ).toEqual(expect.arrayContaining(['400', (held?.actual ?? 0).toLocaleString('vi-VN')]));
    // Prevention, training and budget columns against the half's actuals: one of two people at risk
    // reached (80% planned), one course (four planned), 250 million spent (1,500 planned).
    const rowOf = async (name: string) => indicators.locator('tbody tr', { hasText: name }).locator('td').allTextContents();
    expect(await rowOf('Tỷ lệ người có nguy cơ được tiếp cận dịch vụ phòng ngừa')).toEqual(
      expect.arrayContaining(['80 %', '50 %']),
    );
    expect(await rowOf('Số lớp tập huấn')).toEqual(expect.arrayContaining(['4', '1']));
    expect(await rowOf('Kinh phí đã chi')).toEqual(expect.arrayContaining(['1.500', '250']));
    await shot(page, 'dashboard-lao-cai-half-year');

    // The dossiers of the half break down by Lào Cai's communes and wards of today, and a number opens its records.
    await indicators
      .locator('tbody tr', { hasText: 'Lập hồ sơ đề nghị cai nghiện bắt buộc' })
      .locator('button.link-button')
      .click();
    const breakdown = page.getByTestId('dashboard-breakdown');
    await breakdown.locator('tbody tr').first().waitFor();
    await page.getByRole('heading', { name: 'Lập hồ sơ đề nghị cai nghiện bắt buộc: các đơn vị của Tỉnh Lào Cai' }).waitFor();
    const communes = await tableTexts(breakdown);
    expect(communes.length).toBeGreaterThan(50);
    expect(communes.some(([name]) => name === 'Phường Lào Cai')).toBe(true);
    const withDossiers = communes.findIndex((row) => /^[1-9]\d*$/.test(row[2] ?? ''));
    expect(withDossiers).toBeGreaterThanOrEqual(0);
    const [communeName, , count] = communes[withDossiers] ?? [];
    await breakdown.locator('tbody tr').nth(withDossiers).locator('button.link-button').click();
    const records = page.getByTestId('dashboard-records');
    await records.waitFor();
    expect(await records.locator('tbody tr').count()).toBe(Math.min(Number(count), 20));
    await page
      .getByRole('navigation', { name: 'Vị trí trong báo cáo' })
      .getByText(communeName ?? '')
      .waitFor();
    await shot(page, 'dashboard-lao-cai-half-year-records');

    // The first half is another period: its own dates, the same unit.
    await page.getByLabel('Kỳ báo cáo').selectOption({ label: '6 tháng đầu năm' });
    await scope.getByText('6 tháng đầu năm 2026 (01/01/2026 – 30/06/2026)').waitFor();
    await indicators.waitFor();
  });

  it('says why a cross-agency number has no list of records here', async () => {
    const indicators = await openDashboard('giamsat.hanoi');
    await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Tỉnh Lào Cai' });
    await page.getByTestId('dashboard-scope').getByText('Tỉnh Lào Cai').waitFor();
    // Methadone patients are health's records: the breakdown shows, the records are health's to list.
    const row = indicators.locator('tbody tr', { hasText: 'Người được duy trì điều trị Methadone' }).first();
    await row.locator('button.link-button').click();
    const breakdown = page.getByTestId('dashboard-breakdown');
    await breakdown.locator('tbody tr button.link-button').first().click();
    const why = page.getByTestId('records-why-not');
    await why.waitFor();
    expect(await why.textContent()).toContain('Không có danh sách hồ sơ cho số liệu này');
    expect(await why.textContent()).toContain('không có ở Lao động - TB&XH');
    expect(await page.getByTestId('dashboard-records').count()).toBe(0);
    await shot(page, 'dashboard-records-why-not');
  });
});

describe('dashboard of an officer', () => {
  it("offers Hà Nội's police no province picker and no other province's plan, and shows their own unit", async () => {
    await openDashboard('congan.hanoi');
    expect(await page.getByLabel('Tỉnh, thành phố').count()).toBe(0);
    await page.getByTestId('dashboard-scope').getByText('Thành phố Hà Nội (01)').waitFor();
    const plans = await page.getByLabel('Kế hoạch', { exact: true }).locator('option').allTextContents();
    expect(plans.length).toBeGreaterThanOrEqual(2);
    expect(plans.some((p) => p.includes('Lào Cai'))).toBe(false);
  });

  it("shows Lào Cai's police their province's plan only", async () => {
    await openDashboard('congan.laocai');
    await page.getByTestId('dashboard-scope').getByText('Tỉnh Lào Cai (15)').waitFor();
    expect(await page.getByLabel('Kế hoạch', { exact: true }).locator('option').allTextContents()).toEqual([
      `${LAO_CAI_PLAN_TITLE} (2026)`,
    ]);
  });

  it('tells a health worker that the records behind a number are not for their role', async () => {
    const indicators = await openDashboard('yte.hanoi');
    await indicators
      .locator('tbody tr', { hasText: 'Lập hồ sơ đề nghị cai nghiện bắt buộc' })
      .locator('button.link-button')
      .click();
    await page.getByTestId('dashboard-breakdown').locator('tbody tr button.link-button').first().click();
    const why = page.getByTestId('records-why-not');
    await why.waitFor();
    expect(await why.textContent()).toContain('Vai trò Cán bộ Y tế không được xem danh sách hồ sơ phía sau số liệu');
  });
});

/** The units a 2022 report of `code` breaks down by: its districts or communes at the end of 2022. */
const childrenIn2022 = (code: string): number =>
  units()
    .childrenOf(code, '2022-12-31', ['DISTRICT', 'COMMUNE'])
    .filter((u) => u.parentCode === code).length;

describe('dashboard before the 1 July 2025 reform', () => {
  it('goes from the city to a district to its communes for the 2022 plan, by the units of 2022', async () => {
    const indicators = await openDashboard('giamsat.hanoi');
    const plan = page.getByLabel('Kế hoạch', { exact: true });
    const plan2022 = await plan.locator('option', { hasText: '2022' }).first().getAttribute('value');
    await plan.selectOption(plan2022 ?? '');
    const scope = page.getByTestId('dashboard-scope');
    await scope.getByText('Năm 2022').waitFor();
    expect(await scope.textContent()).toContain('Đơn vị hành chính theo danh mục ngày 31/12/2022');
    await indicators
      .locator('tbody tr', { hasText: 'Lập hồ sơ đề nghị cai nghiện bắt buộc' })
      .locator('button.link-button')
      .click();
    const breakdown = page.getByTestId('dashboard-breakdown');
    await breakdown.getByText('Quận Ba Đình').waitFor();
    // Hà Nội's 30 districts of 2022.
    expect(await breakdown.locator('tbody tr').count()).toBe(childrenIn2022('01'));
    expect(childrenIn2022('01')).toBe(30);
    await breakdown.locator('tbody tr', { hasText: 'Quận Ba Đình' }).locator('button.link-button').click();
    await page.getByRole('heading', { name: 'Lập hồ sơ đề nghị cai nghiện bắt buộc: các đơn vị của Quận Ba Đình' }).waitFor();
    await breakdown.getByText('Phường Trúc Bạch').waitFor();
    // Quận Ba Đình's wards of 2022 (13, Nguyễn Trung Trực having gone into Quán Thánh in 2019).
    expect(await breakdown.locator('tbody tr').count()).toBe(childrenIn2022('001'));
    await shot(page, 'dashboard-2022-district');
    await breakdown.locator('tbody tr', { hasText: 'Phường Trúc Bạch' }).locator('button.link-button').click();
    await page.getByRole('heading', { name: /Phường Trúc Bạch: danh sách chi tiết/ }).waitFor();
    await page.getByTestId('dashboard-records').or(page.getByText('Không có dữ liệu')).first().waitFor();
    // Back to the district from the trail.
    await page.getByRole('navigation', { name: 'Vị trí trong báo cáo' }).getByRole('button', { name: 'Quận Ba Đình' }).click();
    await breakdown.getByText('Phường Trúc Bạch').waitFor();
  });
});

describe('dashboard CSV', () => {
  it('writes every number as the screen shows it: shares as "45,5 %" in Vietnamese, "45.5%" in English', async () => {
    const indicators = await openDashboard('giamsat.hanoi');
    const plan = page.getByLabel('Kế hoạch', { exact: true });
    await plan.selectOption((await plan.locator('option', { hasText: '2026' }).first().getAttribute('value')) ?? '');
    await page.getByTestId('dashboard-scope').getByText('Năm 2026').waitFor();
    await indicators.locator('tbody tr').first().waitFor();
    const screen = await tableTexts(indicators);
    const csv = await downloadedCsv(page.getByRole('button', { name: 'Xuất CSV' }));
    expect(csv[0]).toEqual(['Tên', 'Mã đơn vị', 'Chỉ tiêu', 'Kết quả', 'Tỷ lệ đạt']);
    expect(csv.slice(1).map(([name, , target, actual, ratio]) => [name, target, actual, ratio])).toEqual(screen);
    const cells = csv.slice(1).flatMap((row) => row.slice(2));
    expect(cells.some((c) => /^\d+(,\d)? %$/.test(c))).toBe(true);
    // No raw share (0.4545…) and no English decimal point in the Vietnamese file.
    expect(cells.filter((c) => /^0\.\d/.test(c) || /\d\.\d+%/.test(c))).toEqual([]);

    await page.getByRole('button', { name: /English/ }).click();
    await indicators.getByText('Compulsory-rehab dossiers compiled').waitFor();
    const english = await tableTexts(indicators);
    const csvEn = await downloadedCsv(page.getByRole('button', { name: 'Export CSV' }));
    expect(csvEn[0]).toEqual(['Name', 'Unit code', 'Target', 'Result', 'Achieved']);
    expect(csvEn.slice(1).map(([name, , target, actual, ratio]) => [name, target, actual, ratio])).toEqual(english);
    const cellsEn = csvEn.slice(1).flatMap((row) => row.slice(2));
    expect(cellsEn.some((c) => /^\d+(\.\d)?%$/.test(c))).toBe(true);
    expect(cellsEn.filter((c) => c.endsWith(' %'))).toEqual([]);
    await page.getByTestId('dashboard-scope').getByText('Unit: Thành phố Hà Nội (01) · Period: Year 2026').waitFor();
    await shot(page, 'dashboard-english-scope');
  });
});
