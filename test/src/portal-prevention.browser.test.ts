import { apiCall, indicatorActual, dmy, isoDate, logIn, openPersonById, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * The rest of the programme work, each recorded by the officers who do it on their worklist page:
 * the ward Front's list of people at risk and the services they were given; the ward police's
 * hotspots and the city police's recognition of a drug-free ward; a complaint the ward receives
 * and settles; a budget line of the city's labour department and its spending. Each moves its
 * indicator (read by the steering committee's supervisor: an analyst's small counts are suppressed).
 */
const suite = portalSuite();

/** An indicator's actual for a unit this year, as the supervisor reads it. */
const actual = (code: string, unit: string): Promise<number> => indicatorActual(suite.portal, 'giamsat.hanoi', code, unit);

/** Opens the worklist page as `username`. */
async function worklistOf(username: string) {
  const page = await suite.open();
  await logIn(page, suite.portal, username);
  await page.getByRole('link', { name: /^Việc cần làm/ }).click();
  return page;
}

const fieldOf = (form: ReturnType<Awaited<ReturnType<typeof worklistOf>>['getByTestId']>, label: string) =>
  form.locator('.form-field', { has: form.page().getByLabel(label) });

describe('programme work: prevention, complaints and budgets', () => {
  it("the ward's Front lists a young person at risk, refuses an impossible year of birth, and records counselling", async () => {
    const before = await actual('PEOPLE_AT_RISK', '00004');
    const page = await worklistOf('mttq.phuongbadinh');
    await page.getByRole('button', { name: 'Thêm người có nguy cơ' }).click();
    const form = page.getByTestId('form-at-risk-record');
    await form.getByLabel('Họ tên').fill('Hoàng Minh Tuấn');
    await form.getByLabel('Năm sinh').fill('2030');
    await form.getByLabel('Nhóm nguy cơ').selectOption('YOUTH_AT_RISK');
    await form.getByLabel('Ngày vào danh sách').fill(dmy(isoDate(-10)));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await fieldOf(form, 'Năm sinh').locator('.form-field__error').waitFor();
    await form.getByLabel('Năm sinh').fill('2008');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    const list = page.getByTestId('worklist-at-risk');
    const row = () => list.getByRole('row', { name: /Hoàng Minh Tuấn/ });
    await row().getByText('Chưa có', { exact: true }).waitFor();
    expect(await row().textContent()).toContain('Thanh, thiếu niên nguy cơ cao');
    await row().getByRole('button', { name: 'Ghi dịch vụ phòng ngừa' }).click();
    const serve = page.getByTestId('form-at-risk-serve');
    await serve.getByLabel('Dịch vụ').selectOption('COUNSELLING');
    await serve.getByLabel('Ngày cung cấp').fill(dmy(isoDate(-2)));
    await serve.getByRole('button', { name: 'Lưu' }).click();
    await row()
      .getByText(`Tư vấn (${dmy(isoDate(-2))})`)
      .waitFor();
    await shot(page, 'people-at-risk');
    expect(await actual('PEOPLE_AT_RISK', '00004')).toBe(before + 1);
  });

  it("the ward's police link a person on record to the ward's list of people at risk, and give them legal aid", async () => {
    // A person of Phường Ba Đình on record; "Chu Văn Nam" is on the demo's list of the ward, not yet linked.
    const subject = population.find(
      (p) => p.home.unitCode === '00004' && p.currentResidence.unitPath === p.home.unitPath && p.stage === 'MANAGED',
    );
    if (!subject) throw new Error('no demo person managed in Phường Ba Đình');
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await openPersonById(page, suite.portal, subject);
    await page.getByRole('button', { name: 'Liên kết với danh sách người có nguy cơ' }).click();
    const link = page.getByTestId('form-person-at-risk-link');
    const entry = link.getByLabel('Người trong danh sách người có nguy cơ của xã, phường');
    await entry.locator('option', { hasText: 'Chu Văn Nam' }).waitFor({ state: 'attached' });
    await entry.selectOption({ label: (await entry.locator('option', { hasText: 'Chu Văn Nam' }).textContent()) ?? '' });
    await link.getByRole('button', { name: 'Lưu' }).click();
    await link.getByText('Đã lưu thành công').waitFor();
    await page.getByRole('button', { name: 'Ghi dịch vụ phòng ngừa' }).click();
    const serve = page.getByTestId('form-person-prevention-service');
    await serve.getByLabel('Dịch vụ').selectOption('LEGAL_AID');
    await serve.getByRole('button', { name: 'Lưu' }).click();
    await serve.getByText('Đã lưu thành công').waitFor();
    // The volunteers panel shows the list entry and the service, once saved.
    const shown = page.getByTestId('panel-volunteers').getByTestId('person-prevention');
    const service = shown.getByRole('listitem').filter({ hasText: 'Trợ giúp pháp lý' });
    await service.waitFor();
    expect(await service.textContent()).toContain(dmy(isoDate(0)));
    expect(await service.textContent()).toContain('Công an');
    expect(await shown.textContent()).toContain('Trong danh sách người có nguy cơ');
    await shot(page, 'person-prevention');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    // The city's labour officer reads the person but not their prevention: not asked for, nothing shown.
    await logIn(page, suite.portal, 'laodong.hanoi');
    await openPersonById(page, suite.portal, subject);
    await page.locator('[data-testid="panel-volunteers"][aria-busy="false"]').waitFor();
    expect(await page.getByTestId('person-prevention').count()).toBe(0);
    expect(await page.getByTestId('panel-volunteers').textContent()).not.toContain('Không có quyền xem');
    const { person } = await apiCall<{
      person: { preventionListEntry: { fullName: string } | null; preventionServices: { kind: string; providedOn: string }[] };
    }>(
      suite.portal,
      'congan.phuongbadinh',
      'query($id: ID!) { person(id: $id) { preventionListEntry { fullName } preventionServices { kind providedOn } } }',
      { id: subject.id },
    );
    expect(person.preventionListEntry?.fullName).toBe('Chu Văn Nam');
    expect(person.preventionServices[0]).toEqual({ kind: 'LEGAL_AID', providedOn: isoDate(0) });
  });

  it('the ward police record a hotspot and clear it; the city police recognise the ward drug-free', async () => {
    const page = await worklistOf('congan.phuongbadinh');
    await page.getByRole('button', { name: 'Ghi địa bàn trọng điểm' }).click();
    const form = page.getByTestId('form-hotspot-record');
    await form.getByLabel('Vị trí, tình hình').fill('Bãi đất trống cuối ngõ 12, tụ tập về đêm');
    await form.getByLabel('Ngày xác định').fill(dmy(isoDate(-30)));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    const hotspots = page.getByTestId('worklist-hotspots');
    const row = () => hotspots.getByRole('row', { name: /Bãi đất trống cuối ngõ 12/ });
    await row().waitFor();
    const during = await actual('DRUG_HOTSPOTS', '00004');
    await row().getByRole('button', { name: 'Ghi nhận đã xóa bỏ' }).click();
    const clear = page.getByTestId('form-hotspot-clear');
    await clear.getByLabel('Ngày xóa bỏ').fill(dmy(isoDate(-31)));
    await clear.getByLabel('Kết quả xóa bỏ').fill('Đã giải tỏa, lắp đèn chiếu sáng');
    await clear.getByRole('button', { name: 'Lưu' }).click();
    // Cleared before it was identified: refused beside the date.
    await fieldOf(clear, 'Ngày xóa bỏ').locator('.form-field__error').waitFor();
    await clear.getByLabel('Ngày xóa bỏ').fill(dmy(isoDate(0)));
    await clear.getByRole('button', { name: 'Lưu' }).click();
    await hotspots.getByRole('row', { name: /Bãi đất trống cuối ngõ 12/ }).waitFor({ state: 'detached' });
    expect(await actual('DRUG_HOTSPOTS', '00004')).toBe(during - 1);
    // The ward's police have no form for recognitions: the province decides them.
    expect(await page.getByRole('button', { name: 'Ghi quyết định công nhận xã, phường không ma túy' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await logIn(page, suite.portal, 'congan.hanoi');
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    const city = page;
    const before = await actual('DRUG_FREE_COMMUNES', '01');
    await city.getByRole('button', { name: 'Ghi quyết định công nhận xã, phường không ma túy' }).click();
    const recognise = city.getByTestId('form-drug-free-record');
    await recognise.getByLabel('Xã, phường').selectOption('00004');
    await recognise.getByLabel('Ngày công nhận').fill(dmy(isoDate(-1)));
    await recognise.getByLabel('Số quyết định').fill('2468/QĐ-UBND');
    await recognise.getByRole('button', { name: 'Lưu' }).click();
    await recognise.getByText('Đã lưu thành công').waitFor();
    const recognised = city.getByTestId('worklist-drug-free').getByRole('row', { name: /2468\/QĐ-UBND/ });
    await recognised.getByText('Đang có hiệu lực').waitFor();
    expect(await recognised.textContent()).toContain('Phường Ba Đình');
    await shot(city, 'drug-free-communes');
    expect(await actual('DRUG_FREE_COMMUNES', '01')).toBe(before + 1);
  });

  it('the ward receives a denunciation with its time limit and settles it', async () => {
    const before = await actual('COMPLAINTS_RECEIVED', '00004');
    const page = await worklistOf('ubnd.phuongbadinh');
    await page.getByRole('button', { name: 'Ghi đơn khiếu nại, tố cáo' }).click();
    const form = page.getByTestId('form-complaint-record');
    await form.getByLabel('Loại đơn').selectOption('DENUNCIATION');
    await form.getByLabel('Nội dung liên quan').selectOption('CONDUCT');
    await form.getByLabel('Ngày nhận đơn').fill(dmy(isoDate(-5)));
    await form.getByLabel('Hạn giải quyết').fill(dmy(isoDate(120)));
    await form.getByLabel('Tóm tắt nội dung đơn').fill('Tố cáo cán bộ gây khó khăn khi xác nhận hồ sơ');
    await form.getByLabel('Họ tên người khiếu nại, tố cáo').fill('Lương Thị Hằng');
    await form.getByRole('button', { name: 'Lưu' }).click();
    // Beyond the longest time limit the laws allow: refused beside it.
    await fieldOf(form, 'Hạn giải quyết').locator('.form-field__error').waitFor();
    await form.getByLabel('Hạn giải quyết').fill(dmy(isoDate(25)));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    const list = page.getByTestId('worklist-complaints');
    const row = () => list.getByRole('row', { name: /Lương Thị Hằng/ });
    await row()
      .getByText(`Đang giải quyết, hạn ${dmy(isoDate(25))}`)
      .waitFor();
    await row().getByRole('button', { name: 'Ghi kết quả giải quyết' }).click();
    const resolve = page.getByTestId('form-complaint-resolve');
    await resolve.getByLabel('Kết luận').selectOption('PARTLY_UPHELD');
    await resolve.getByLabel('Nội dung giải quyết').fill('Kiểm điểm cán bộ, hướng dẫn lại thủ tục');
    await resolve.getByRole('button', { name: 'Lưu' }).click();
    await row().getByText('Đã giải quyết: Đúng một phần').waitFor();
    expect(await row().getByRole('button', { name: 'Ghi kết quả giải quyết' }).count()).toBe(0);
    await shot(page, 'complaint-settled');
    expect(await actual('COMPLAINTS_RECEIVED', '00004')).toBe(before + 1);
  });

  it("the city's labour department records a budget line and spends within it", async () => {
    const before = await actual('BUDGET_SPENT', '01');
    const page = await worklistOf('laodong.hanoi');
    await page.getByRole('button', { name: 'Ghi dòng kinh phí' }).click();
    const form = page.getByTestId('form-budget-record');
    await form.getByLabel('Nguồn kinh phí').selectOption('PROVINCE');
    await form.getByLabel('Hoạt động').selectOption('PREVENTION');
    await form.getByLabel('Kinh phí được giao (triệu đồng)').fill('500');
    await form.getByLabel('Ngày giao').fill(dmy(isoDate(-20)));
    await form.getByLabel('Ghi chú').fill('Phòng ngừa cho nhóm nguy cơ cao');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    const list = page.getByTestId('worklist-budget');
    const row = () => list.getByRole('row', { name: /Phòng ngừa.*Ngân sách tỉnh.*Lao động/ });
    await row().waitFor();
    await row().getByRole('button', { name: 'Ghi khoản chi' }).click();
    const spend = page.getByTestId('form-budget-spend');
    await spend.getByLabel('Ngày chi').fill(dmy(isoDate(-1)));
    await spend.getByLabel('Số tiền (triệu đồng)').fill('600');
    await spend.getByRole('button', { name: 'Lưu' }).click();
    // Beyond the allocation: refused beside the amount.
    await fieldOf(spend, 'Số tiền (triệu đồng)').getByText('Vượt kinh phí được giao: còn 500 triệu đồng').waitFor();
    await spend.getByLabel('Số tiền (triệu đồng)').fill('200');
    await spend.getByRole('button', { name: 'Lưu' }).click();
    await list.getByRole('row', { name: /Phòng ngừa.*500.*200.*300/ }).waitFor();
    await shot(page, 'budget-spent');
    expect(await actual('BUDGET_SPENT', '01')).toBe(before + 200);
  });
});
