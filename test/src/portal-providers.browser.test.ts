import { apiCall, dmy, isoDate, logIn, portalSuite, shot } from './portal-support';

/**
 * The provincial police's register of voluntary community-rehab providers: a provider is
 * registered only when it meets every condition, then published, and from then on offered to
 * the communes; a provider withdrawn is offered no more.
 */
const suite = portalSuite();

const USABLE = 'query($on: Date) { serviceProviders(unitCode: "00004", usableOn: $on) { name } }';

describe('community-rehab providers', () => {
  it('the provincial police register a provider meeting the conditions, publish it, and the communes may use it', async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    await page.getByRole('button', { name: 'Đăng ký đơn vị cung cấp dịch vụ' }).click();
    const form = page.getByTestId('form-provider-register');
    await form.getByLabel('Tên đơn vị').fill('Điểm cai nghiện cộng đồng Hoàn Kiếm');
    await form.getByLabel('Số đăng ký').fill('77/2026/ĐK-CNCĐ-CAHN');
    await form.getByLabel('Ngày đăng ký').fill(dmy(isoDate(-2)));
    await form.getByLabel('Địa điểm, cơ sở vật chất').check();
    await form.getByLabel('Người có chuyên môn y tế').check();
    await form.getByRole('button', { name: 'Lưu' }).click();
    // Not every condition: refused beside the conditions, nothing registered.
    const conditions = form.locator('.form-field', { hasText: 'Điều kiện đã đáp ứng' });
    await conditions.locator('.form-field__error').waitFor();
    expect(await conditions.locator('.form-field__error').textContent()).toContain('Chưa đủ điều kiện đăng ký');
    await form.getByLabel('Người làm công tác tư vấn').check();
    await form.getByLabel('Nội quy, quy trình').check();
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    const list = page.getByTestId('worklist-providers');
    const row = list.getByRole('row', { name: /Điểm cai nghiện cộng đồng Hoàn Kiếm/ });
    await row.getByText('Chưa công bố').waitFor();
    const before = await apiCall<{ serviceProviders: { name: string }[] }>(suite.portal, 'giamsat.hanoi', USABLE, {
      on: isoDate(0),
    });
    expect(before.serviceProviders.map((p) => p.name)).not.toContain('Điểm cai nghiện cộng đồng Hoàn Kiếm');

    await row.getByRole('button', { name: 'Công bố' }).click();
    const publish = page.getByTestId('form-provider-publish');
    await publish.getByLabel('Ngày công bố').fill(dmy(isoDate(-1)));
    await publish.getByRole('button', { name: 'Lưu' }).click();
    // Published: the row says so, and its publish step (with its form) is gone.
    await list
      .getByRole('row', { name: /Điểm cai nghiện cộng đồng Hoàn Kiếm/ })
      .getByText(`Đã công bố ngày ${dmy(isoDate(-1))}`)
      .waitFor();
    await shot(page, 'provider-published');
    const after = await apiCall<{ serviceProviders: { name: string }[] }>(suite.portal, 'giamsat.hanoi', USABLE, {
      on: isoDate(0),
    });
    expect(after.serviceProviders.map((p) => p.name)).toContain('Điểm cai nghiện cộng đồng Hoàn Kiếm');
  });
});
