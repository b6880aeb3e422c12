import type { Page } from 'playwright-core';
import { DESKTOP, TABLET, fitsWidth, inPage, logIn, openPersonByName, portalSuite, shot } from './portal-support';

/**
 * Every page an officer works from, with its forms open, fits a 1366×768 screen and an
 * 820×1180 tablet: nothing to scroll sideways and no text cut off by its box.
 */
const suite = portalSuite();
let page: Page;

/** Elements in the main area whose content is wider than their box and hidden or cut with an ellipsis. */
const CLIPPED = `[...document.querySelectorAll('main *')]
  // A text field scrolls its own text as the officer moves in it: it hides nothing.
  .filter((el) => !['INPUT', 'TEXTAREA'].includes(el.tagName))
  .filter((el) => {
    const style = getComputedStyle(el);
    const cuts = style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis';
    // Text kept for screen readers only is clipped on purpose.
    return cuts && el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1;
  })
  .map((el) => el.tagName + '.' + el.className + ': ' + (el.textContent || '').trim().slice(0, 60))`;

async function settled(): Promise<void> {
  await page.locator('main [aria-busy="true"]').first().waitFor({ state: 'detached' });
}

async function expectFits(name: string, viewport: { width: number; height: number }): Promise<void> {
  await settled();
  expect({ name, fits: await fitsWidth(page), clipped: await inPage<string[]>(page, CLIPPED) }).toEqual({
    name,
    fits: true,
    clipped: [],
  });
  await shot(page, `layout-${name}-${String(viewport.width)}x${String(viewport.height)}`);
}

/** Opens each page of the main navigation in turn and checks it. */
async function everyNavPage(account: string, viewport: { width: number; height: number }): Promise<void> {
  const nav = page.getByRole('navigation', { name: /Điều hướng chính|Main navigation/ });
  const labels = (await nav.getByRole('link').allTextContents()).map((label) => label.replace(/\s*\d.*$/, '').trim());
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) {
    // Analysts' GraphiQL is a tool of its own, checked in the portal's main test.
    if (label === 'Truy vấn phân tích') continue;
    await nav.getByRole('link', { name: new RegExp(`^${label}`) }).click();
    await expectFits(`${account}-${label.replace(/\s+/g, '-')}`, viewport);
  }
}

async function someoneOfBaDinh(): Promise<string> {
  const token = await suite.portal.api.login('congan.phuongbadinh');
  const found = await suite.portal.api.graphql<{ persons: { nodes: { fullName: string }[] } }>(
    token,
    '{ persons(first: 3) { nodes { fullName } } }',
  );
  const person = found.data?.persons.nodes[0];
  if (!person) throw new Error(`no person in Phường Ba Đình: ${JSON.stringify(found)}`);
  return person.fullName;
}

describe.each([
  ['tablet', TABLET],
  ['desktop', DESKTOP],
])('the layout on a %s', (_name, viewport) => {
  it("fits the ward police's pages, the registration form and a person's forms", async () => {
    page = await suite.open(viewport);
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await everyNavPage('congan', viewport);
    await openPersonByName(page, await someoneOfBaDinh());
    await page.getByRole('button', { name: 'Sửa thông tin nhân thân' }).click();
    await page.getByTestId('form-edit-person').waitFor();
    await page.getByRole('button', { name: 'Ghi nhận chuyển nơi ở' }).click();
    await page.getByTestId('form-residence-change').waitFor();
    await expectFits('congan-person-forms', viewport);
    await page.getByRole('link', { name: 'Tìm kiếm', exact: true }).click();
    await page.getByRole('button', { name: 'Đăng ký người mới' }).click();
    await page.getByTestId('form-register-person').waitFor();
    await expectFits('congan-register', viewport);
  });

  it.each(['toaan.kv1', 'cscn1', 'yte.mmt001', 'ubnd.phuongbadinh', 'laodong.hanoi', 'tnv.phuongbadinh', 'mttq.phuongbadinh'])(
    "fits every page of %s's navigation",
    async (account) => {
      page = await suite.open(viewport);
      await logIn(page, suite.portal, account);
      await everyNavPage(account, viewport);
    },
  );

  it("fits the supervisor's pages and a person's access log", async () => {
    page = await suite.open(viewport);
    await logIn(page, suite.portal, 'giamsat.hanoi');
    await everyNavPage('giamsat', viewport);
    await openPersonByName(page, await someoneOfBaDinh());
    await page.getByRole('button', { name: 'Xem nhật ký truy cập hồ sơ' }).click();
    await page.getByTestId('access-log').waitFor();
    await expectFits('giamsat-access-log', viewport);
  });
});
