import type { Page } from 'playwright-core';
import { logIn, openPage, openPersonByName, shot, startPortal, stopPortal, type Portal } from './portal-support';

/**
 * A move between communes in the portal: the ward police record it on the person's page
 * (the receiving commune chosen, never typed), the record goes to the new commune, and the
 * receiving ward's police acknowledge it from their worklist.
 */
let portal: Portal;
let page: Page;
let problems: string[];

beforeAll(async () => {
  portal = await startPortal();
});

afterAll(async () => {
  await stopPortal(portal);
});

afterEach(async () => {
  await page.close();
  expect(problems).toEqual([]);
});

interface Mover {
  id: string;
  fullName: string;
}

/** The n-th person of Phường Ba Đình in the registry's order. */
async function someoneOfBaDinh(n: number): Promise<Mover> {
  const token = await portal.api.login('congan.phuongbadinh');
  const found = await portal.api.graphql<{ persons: { nodes: Mover[] } }>(
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
    ({ page, problems } = await openPage(portal));
    await logIn(page, portal, 'congan.phuongbadinh');
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

    await logIn(page, portal, 'congan.phuongngocha');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const row = page.getByTestId('worklist-transfers').locator('tr', { hasText: mover.fullName });
    await row.waitFor();
    expect(await row.textContent()).toContain('Phường Ba Đình');
    await shot(page, 'residence-change-worklist');
    await row.getByRole('button', { name: 'Xác nhận đã tiếp nhận' }).click();
    await row.getByRole('button', { name: 'Lưu' }).click();
    await row.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await row.waitFor({ state: 'detached' });

    const token = await portal.api.login('congan.phuongngocha');
    const person = await portal.api.graphql<{
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
    ({ page, problems } = await openPage(portal));
    await logIn(page, portal, 'ubnd.phuongbadinh');
    await openPersonByName(page, someone.fullName);
    await page.getByTestId('person-actions').waitFor();
    expect(await page.getByRole('button', { name: 'Ghi nhận chuyển nơi ở' }).count()).toBe(0);
  });
});
