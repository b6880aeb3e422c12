import type { Page } from 'playwright-core';
import { portalSuite, logIn, openPersonByName, shot } from './portal-support';

/**
 * A move between communes in the portal: the ward police record it on the person's page
 * (the receiving commune chosen, never typed), the record goes to the new commune, and the
 * receiving ward's police acknowledge it from their worklist.
 */
const suite = portalSuite();
let page: Page;

interface Mover {
  id: string;
  fullName: string;
}

/** The n-th person of Phường Ba Đình in the registry's order. */
async function someoneOfBaDinh(n: number): Promise<Mover> {
  const token = await suite.portal.api.login('congan.phuongbadinh');
  const found = await suite.portal.api.graphql<{ persons: { nodes: Mover[] } }>(
    token,
    '{ persons(first: 5) { nodes { id fullName } } }',
  );
  const person = found.data?.persons.nodes[n];
  if (!person) throw new Error(`no person ${n} in Phường Ba Đình: ${JSON.stringify(found)}`);
  return person;
}

describe('a change of residence', () => {
  it('recorded by the ward police and acknowledged by the receiving ward from its worklist', async () => {
    const mover = await someoneOfBaDinh(2);
    page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await openPersonByName(page, mover.fullName);
    await page.getByRole('button', { name: 'Ghi nhận chuyển nơi ở' }).click();
    const form = page.getByTestId('form-residence-change');
    // The province is the officer's; the commune is chosen, not typed, and nothing is pre-chosen.
    expect(await form.getByLabel(/^Xã, phường chuyển đến/).inputValue()).toBe('');
    await form.getByLabel(/^Xã, phường chuyển đến/).selectOption({ label: 'Phường Ngọc Hà' });
    await form.getByLabel(/^Địa chỉ nơi ở mới/).fill('Số 8 phố Đội Cấn');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const question = form.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain('Phường Ngọc Hà');
    expect(await question.textContent()).toContain(mover.fullName);
    await shot(page, 'residence-change-confirm');
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    // The record now belongs to Phường Ngọc Hà: this ward's officer is told so, not shown "not found".
    await page.getByText('không thuộc phạm vi đơn vị của bạn').first().waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, suite.portal, 'congan.phuongngocha');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const row = page.getByTestId('worklist-transfers').locator('tr', { hasText: mover.fullName });
    await row.waitFor();
    expect(await row.textContent()).toContain('Phường Ba Đình');
    await shot(page, 'residence-change-worklist');
    await row.getByRole('button', { name: 'Xác nhận đã tiếp nhận' }).click();
    await row.getByRole('button', { name: 'Lưu' }).click();
    await row.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await row.waitFor({ state: 'detached' });

    const token = await suite.portal.api.login('congan.phuongngocha');
    const person = await suite.portal.api.graphql<{
      person: { currentResidence: { unit: { code: string } }; transferNotices: { acknowledgedBy: string | null }[] };
    }>(token, 'query($id: ID!) { person(id: $id) { currentResidence { unit { code } } transferNotices { acknowledgedBy } } }', {
      id: mover.id,
    });
    expect(person.errors).toBeUndefined();
    expect(person.data?.person.currentResidence.unit.code).toBe('00008');
    expect(person.data?.person.transferNotices[0]?.acknowledgedBy).toBe('congan.phuongngocha');
  });

  it('is not offered to a commune official, who does not record moves', async () => {
    const someone = await someoneOfBaDinh(0);
    page = await suite.open();
    await logIn(page, suite.portal, 'ubnd.phuongbadinh');
    await openPersonByName(page, someone.fullName);
    await page.getByTestId('person-actions').waitFor();
    expect(await page.getByRole('button', { name: 'Ghi nhận chuyển nơi ở' }).count()).toBe(0);
  });
});

describe("correcting a person's identity", () => {
  it('sends only what changed; a colleague’s change meanwhile is a conflict that keeps what was typed', async () => {
    const someone = await someoneOfBaDinh(1);
    page = await suite.open();
    await logIn(page, suite.portal, 'ubnd.phuongbadinh');
    await openPersonByName(page, someone.fullName);
    await page.getByRole('button', { name: 'Sửa thông tin nhân thân' }).click();
    const form = page.getByTestId('form-edit-person');
    expect(await form.getByLabel(/^Họ và tên/).inputValue()).toBe(someone.fullName);
    await form.getByLabel(/^Tên gọi khác/).fill('Tí, Tèo');

    // Meanwhile the ward police correct the address line: the record's version moves on.
    const police = await suite.portal.api.login('congan.phuongbadinh');
    const current = await suite.portal.api.graphql<{ person: { version: number } }>(
      police,
      'query($id: ID!) { person(id: $id) { version } }',
      {
        id: someone.id,
      },
    );
    const moved = await suite.portal.api.graphql(
      police,
      'mutation($id: ID!, $v: Int!) { updatePerson(id: $id, expectedVersion: $v, input: { currentAddressLine: "Số 2 phố Sửa" }) { version } }',
      { id: someone.id, v: current.data?.person.version },
    );
    expect(moved.errors).toBeUndefined();

    await form.getByRole('button', { name: 'Lưu' }).click();
    const conflict = form.getByTestId('conflict-notice');
    await conflict.waitFor();
    await shot(page, 'edit-person-conflict');
    await conflict.getByRole('button', { name: 'Tải lại dữ liệu mới' }).click();
    // The notice goes once the newer record has loaded; saving is held until then.
    await conflict.waitFor({ state: 'detached' });
    expect(await form.getByLabel(/^Tên gọi khác/).inputValue()).toBe('Tí, Tèo');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    const saved = await suite.portal.api.graphql<{ person: { otherNames: string[]; currentResidence: { addressLine: string } } }>(
      police,
      'query($id: ID!) { person(id: $id) { otherNames currentResidence { addressLine } } }',
      { id: someone.id },
    );
    // The other names changed; the colleague's address stayed (it was not sent back).
    expect(saved.data?.person).toEqual({ otherNames: ['Tí', 'Tèo'], currentResidence: { addressLine: 'Số 2 phố Sửa' } });
  });
});
