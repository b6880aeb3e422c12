import { apiCall, dmy, isoDate, logIn, portalSuite, shot } from './portal-support';

/**
 * Communication against drugs: the ward's Fatherland Front committee records a forum on its
 * worklist page (a wrong count refused beside its field), corrects it, and the analyst's
 * indicator counts it; the ward's police see it listed, held by the Front, and cannot edit it.
 */
const suite = portalSuite();

const TITLE = 'Diễn đàn “Thanh niên Ba Đình nói không với ma túy”';
const LIST = 'query { communicationActivities(unitCode: "00004") { title agency audience kind } }';
const AUDIENCE = `query($plan: ID!, $year: Int!) { indicators(plan: $plan, unit: "00004", period: { kind: YEAR, year: $year },
  indicatorCodes: ["COMMUNICATION_AUDIENCE"]) { actual } }`;

/** The ward's people reached this year, as the analyst's indicator counts them. */
async function reached(): Promise<number> {
  const year = Number(isoDate(0).slice(0, 4));
  const { plans } = await apiCall<{ plans: { id: string }[] }>(
    suite.portal,
    'phantich.hanoi',
    'query($y: Int) { plans(year: $y) { id } }',
    {
      y: year,
    },
  );
  const plan = plans[0]?.id;
  if (!plan) throw new Error(`no plan of ${year}`);
  const { indicators } = await apiCall<{ indicators: { actual: number }[] }>(suite.portal, 'phantich.hanoi', AUDIENCE, {
    plan,
    year,
  });
  return indicators[0]?.actual ?? Number.NaN;
}

describe('communication activities', () => {
  it('the Front records a forum, corrects its audience, and the police of the ward see it', async () => {
    const before = await reached();
    const page = await suite.open();
    await logIn(page, suite.portal, 'mttq.phuongbadinh');
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    await page.getByRole('button', { name: 'Ghi hoạt động tuyên truyền' }).click();
    const form = page.getByTestId('form-communication-record');
    await form.getByLabel('Hình thức').selectOption('FORUM');
    await form.getByLabel('Tên hoạt động').fill(TITLE);
    await form.getByLabel('Ngày tổ chức').fill(dmy(isoDate(-1)));
    await form.getByLabel('Số người tham dự, nghe').fill('-3');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const audience = form.locator('.form-field', { has: page.getByLabel('Số người tham dự, nghe') });
    await audience.locator('.form-field__error').waitFor();
    await form.getByLabel('Số người tham dự, nghe').fill('150');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    const list = page.getByTestId('worklist-communication');
    const row = list.getByRole('row', { name: new RegExp(TITLE) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Mặt trận / Đoàn thể');
    await row.getByRole('button', { name: 'Sửa' }).click();
    const edit = page.getByTestId('form-communication-edit');
    await edit.getByLabel('Số người tham dự, nghe').fill('180');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.getByText('Đã lưu thành công').waitFor();
    await list.getByRole('row', { name: new RegExp(`${TITLE}.*180`) }).waitFor();
    await shot(page, 'communication-recorded');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    const policeRow = page.getByTestId('worklist-communication').getByRole('row', { name: new RegExp(TITLE) });
    await policeRow.waitFor();
    expect(await policeRow.getByRole('button', { name: 'Sửa' }).count()).toBe(0);

    const stored = await apiCall<{ communicationActivities: { title: string; agency: string; audience: number }[] }>(
      suite.portal,
      'phantich.hanoi',
      LIST,
    );
    expect(stored.communicationActivities.find((a) => a.title === TITLE)).toMatchObject({ agency: 'volunteers', audience: 180 });
    expect(await reached()).toBe(before + 180);
  });
});
