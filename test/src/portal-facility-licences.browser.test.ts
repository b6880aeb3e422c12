import { apiCall, dmy, isoDate, logIn, portalSuite, shot } from './portal-support';

/**
 * The provincial police's register of private facilities: the demo's private facility holds a
 * licence granted by the labour department in 2022; the police renew it, revoke it, and grant
 * it a new one. A renewal to an earlier end is refused beside its field.
 */
const suite = portalSuite();

const LICENCES = 'query { facility(code: "CSCNTN1") { licenceState licences { licenceNumber status validUntil } } }';

describe('private facilities and their licences', () => {
  it('the provincial police renew, revoke and grant a licence from the register', async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    const list = page.getByTestId('worklist-licences');
    const row = () => list.getByRole('row', { name: /ngoài công lập Hà Nội/ });
    await row()
      .getByText(/Số 01\/2022\/GP-SLĐTBXH/)
      .waitFor();

    await row().getByRole('button', { name: 'Gia hạn giấy phép' }).click();
    const renew = page.getByTestId('form-licence-renew');
    await renew.getByLabel('Hiệu lực mới đến ngày').fill(dmy(isoDate(-1)));
    await renew.getByRole('button', { name: 'Lưu' }).click();
    const until = renew.locator('.form-field', { has: page.getByLabel('Hiệu lực mới đến ngày') });
    await until.locator('.form-field__error').waitFor();
    expect(await until.locator('.form-field__error').textContent()).toContain('Ngày hết hạn phải sau ngày');
    await renew.getByLabel('Hiệu lực mới đến ngày').fill('14/03/2032');
    await renew.getByRole('button', { name: 'Lưu' }).click();
    await renew.getByText('Đã lưu thành công').waitFor();
    await row().getByText('Đã gia hạn 1 lần').waitFor();
    expect(await row().textContent()).toContain('hiệu lực đến 14/03/2032');

    await row().getByRole('button', { name: 'Thu hồi giấy phép' }).click();
    const revoke = page.getByTestId('form-licence-revoke');
    await revoke.getByLabel('Lý do thu hồi').fill('Không bảo đảm điều kiện về nhân sự y tế');
    await revoke.getByRole('button', { name: 'Lưu' }).click();
    await revoke.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    // Revoked: the row says so and offers a new grant instead (the revocation's form goes with its step).
    await row().getByText('Đã bị thu hồi').waitFor();

    await row().getByRole('button', { name: 'Cấp giấy phép hoạt động' }).click();
    const grant = page.getByTestId('form-licence-grant');
    await grant.getByLabel('Số giấy phép').fill('15/2026/GP-CAHN');
    await grant.getByLabel('Hiệu lực đến ngày').fill(dmy(isoDate(5 * 365)));
    await grant.getByRole('button', { name: 'Lưu' }).click();
    await grant.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await row().getByText('Còn hiệu lực').waitFor();
    await shot(page, 'facility-licence-granted');

    const after = await apiCall<{ facility: { licenceState: string; licences: { licenceNumber: string; status: string }[] } }>(
      suite.portal,
      'giamsat.hanoi',
      LICENCES,
    );
    expect(after.facility.licenceState).toBe('IN_FORCE');
    expect(after.facility.licences.map((l) => [l.licenceNumber, l.status])).toEqual([
      ['15/2026/GP-CAHN', 'IN_FORCE'],
      ['01/2022/GP-SLĐTBXH', 'REVOKED'],
    ]);
  });
});
