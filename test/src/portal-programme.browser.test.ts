import { apiCall, indicatorActual, dmy, isoDate, logIn, portalSuite, shot } from './portal-support';

/**
 * Programme work. Communication against drugs: the ward's Fatherland Front committee records a
 * forum on its worklist page (a wrong count refused beside its field), corrects it, and the
 * analyst's indicator counts it; the ward's police see it listed, held by the Front, and cannot
 * edit it. Training: the provincial police record a course with its participants by group.
 */
const suite = portalSuite();

const FINDINGS = 'Thiếu cán bộ trực đêm tại khu nam';
const COURSE = 'Tập huấn nghiệp vụ quản lý sau cai nghiện cho công an xã, phường';
const TITLE = 'Diễn đàn “Thanh niên Ba Đình nói không với ma túy”';
const LIST = 'query { communicationActivities(unitCode: "00004") { title agency audience kind } }';
/** An indicator's actual for a unit this year, as the analyst reads it. */
const actual = (code: string, unit: string): Promise<number> => indicatorActual(suite.portal, 'phantich.hanoi', code, unit);

describe('programme work: communication and training', () => {
  it('the Front records a forum, corrects its audience, and the police of the ward see it', async () => {
    const before = await actual('COMMUNICATION_AUDIENCE', '00004');
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
    expect(await actual('COMMUNICATION_AUDIENCE', '00004')).toBe(before + 180);
  });

  it('the provincial police record a training course by group of participants, and correct it', async () => {
    const before = await actual('OFFICERS_TRAINED', '01');
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    await page.getByRole('button', { name: 'Ghi lớp tập huấn' }).click();
    const form = page.getByTestId('form-training-record');
    await form.getByLabel('Tên lớp').fill(COURSE);
    await form.getByLabel('Ngày khai giảng').fill(dmy(isoDate(-3)));
    await form.getByLabel('Ngày bế giảng').fill(dmy(isoDate(-4)));
    await form.getByLabel('Số người dự: Công an').fill('60');
    await form.getByLabel('Số người dự: Cán bộ UBND xã, phường').fill('25');
    await form.getByRole('button', { name: 'Lưu' }).click();
    // Ended before it started: refused beside the end.
    const end = form.locator('.form-field', { has: page.getByLabel('Ngày bế giảng') });
    await end.locator('.form-field__error').waitFor();
    await form.getByLabel('Ngày bế giảng').fill(dmy(isoDate(-2)));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    const list = page.getByTestId('worklist-training');
    const row = list.getByRole('row', { name: new RegExp(COURSE) });
    await row.getByText('Công an: 60; Cán bộ UBND xã, phường: 25').waitFor();
    await row.getByRole('button', { name: 'Sửa lớp tập huấn' }).click();
    const edit = page.getByTestId('form-training-edit');
    expect(await edit.getByLabel('Số người dự: Công an').inputValue()).toBe('60');
    await edit.getByLabel('Số người dự: Y tế').fill('5');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.getByText('Đã lưu thành công').waitFor();
    await list
      .getByRole('row', { name: new RegExp(COURSE) })
      .getByText('Công an: 60; Cán bộ UBND xã, phường: 25; Y tế: 5')
      .waitFor();
    await shot(page, 'training-recorded');
    expect(await actual('OFFICERS_TRAINED', '01')).toBe(before + 90);
  });

  it('the provincial police record an inspection with violations, then that they were put right', async () => {
    const before = await actual('INSPECTIONS', '01');
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    await page.getByRole('button', { name: 'Ghi kết quả thanh tra, kiểm tra' }).click();
    const form = page.getByTestId('form-inspection-record');
    await form.getByLabel('Nơi được thanh tra, kiểm tra').selectOption('CSCN3');
    await form.getByLabel('Hình thức').selectOption('UNANNOUNCED');
    await form.getByLabel('Kết luận').fill(FINDINGS);
    await form.getByLabel('Số vi phạm').fill('2');
    await form.getByRole('button', { name: 'Lưu' }).click();
    // Violations need a date to put them right by: refused beside it.
    const due = form.locator('.form-field', { has: page.getByLabel('Hạn khắc phục') });
    await due.locator('.form-field__error').waitFor();
    await form.getByLabel('Hạn khắc phục').fill(dmy(isoDate(30)));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    const list = page.getByTestId('worklist-inspections');
    const row = () => list.getByRole('row', { name: new RegExp(FINDINGS) });
    await row()
      .getByText(`Đang khắc phục, hạn ${dmy(isoDate(30))}`)
      .waitFor();
    await row().getByRole('button', { name: 'Ghi nhận đã khắc phục' }).click();
    const resolve = page.getByTestId('form-inspection-resolve');
    await resolve.getByLabel('Kết quả khắc phục').fill('Đã bố trí đủ cán bộ trực đêm');
    await resolve.getByRole('button', { name: 'Lưu' }).click();
    // Put right: the row says so and offers the step no more.
    await row().getByRole('cell', { name: 'Đã khắc phục', exact: true }).waitFor();
    expect(await row().getByRole('button', { name: 'Ghi nhận đã khắc phục' }).count()).toBe(0);
    await shot(page, 'inspection-resolved');
    expect(await actual('INSPECTIONS', '01')).toBe(before + 1);
  });
});
