import type { Page } from 'playwright-core';
import { apiCall, dmy, isoDate, logIn, portalSuite, shot } from './portal-support';
import { registrationInput } from './registration-input';
import { eventually } from './start-support';

/**
 * The notifications inbox: a move into the ward reaches its police's inbox, counted in the
 * navigation; opened, marked read one by one or all at once, and hidden by "unread only".
 */
const suite = portalSuite();
let page: Page;

interface Someone {
  id: string;
  fullName: string;
  version: number;
}

let serial = 820_000;

/** A person registered in Phường Ba Đình who then moves to Phường Ngọc Hà. */
async function moveToNgocHa(fullName: string): Promise<Someone> {
  serial += 1;
  const input = registrationInput(fullName, serial, '1991-04-04');
  const { registerPerson: person } = await apiCall<{ registerPerson: Someone }>(
    suite.portal,
    'congan.phuongbadinh',
    'mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id fullName version } }',
    { i: input },
  );
  await apiCall(
    suite.portal,
    'congan.phuongbadinh',
    `mutation($p: ID!, $v: Int!, $on: Date!) { recordResidenceChange(personId: $p, expectedVersion: $v, toUnitCode: "00008",
      addressLine: "Số 3 phố Đội Cấn", movedOn: $on) { id } }`,
    { p: person.id, v: person.version, on: isoDate(-1) },
  );
  return person;
}

const navCount = (p: Page) => p.locator('a[href="#/inbox"] .nav-count');

describe('the notifications inbox', () => {
  it('shows the receiving ward’s police a move in, counted in the navigation, and marks it read', async () => {
    const first = await moveToNgocHa('Đinh Văn Chuyển Một');
    const second = await moveToNgocHa('Đinh Văn Chuyển Hai');
    page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongngocha');
    await navCount(page).waitFor();
    const before = Number(await navCount(page).locator('[aria-hidden="true"]').textContent());
    expect(before).toBeGreaterThanOrEqual(2);
    expect(await navCount(page).locator('.visually-hidden').textContent()).toBe(`${before} thông báo chưa đọc`);

    await page.getByRole('link', { name: /^Thông báo/ }).click();
    const inbox = page.getByTestId('inbox');
    const row = (who: Someone) => inbox.locator('tr', { hasText: who.fullName });
    await row(first).waitFor();
    expect(await row(first).textContent()).toContain('Chuyển đến cư trú tại đơn vị: cần tiếp nhận');
    expect(await row(first).textContent()).toContain('Chưa đọc');
    expect(await row(first).textContent()).toContain('Công an');
    expect(await row(first).textContent()).toContain(dmy(isoDate(-1)));
    await shot(page, 'inbox-unread');

    await row(first).getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await page.getByTestId('inbox-done').getByText('Đã đánh dấu 1 thông báo là đã đọc.').waitFor();
    await row(first).getByText('Đã đọc', { exact: true }).waitFor();
    await page.waitForFunction(
      (expected) =>
        (document.querySelector('a[href="#/inbox"] .nav-count [aria-hidden="true"]')?.textContent ?? '0') === String(expected),
      before - 1,
    );

    await page.getByLabel('Chỉ hiện thông báo chưa đọc').check();
    await row(second).waitFor();
    await row(first).waitFor({ state: 'detached' });
    await shot(page, 'inbox-unread-only');

    // Opening the person from the inbox marks it read and leads to the record.
    await row(second).getByRole('link', { name: second.fullName }).click();
    await page.getByTestId('panel-police').getByText(second.fullName).first().waitFor();
    await page.locator('.person360 [aria-busy="true"]').first().waitFor({ state: 'detached' });
    await page.waitForFunction(
      (expected) =>
        (document.querySelector('a[href="#/inbox"] .nav-count [aria-hidden="true"]')?.textContent ?? '0') === String(expected),
      before - 2,
    );
    const read = await apiCall<{ policeNotifications: { nodes: { read: boolean; person: { id: string } }[] } }>(
      suite.portal,
      'congan.phuongngocha',
      '{ policeNotifications(first: 200) { nodes { read person { id } } } }',
    );
    expect(read.policeNotifications.nodes.filter((n) => n.person.id === second.id).map((n) => n.read)).toEqual([true]);
  });

  it('shows a notice that arrives while the inbox is open within a minute, without leaving the page', async () => {
    page = await suite.open();
    // The page's timers run on a clock the test moves on: the minute passes at once.
    await page.clock.install();
    await logIn(page, suite.portal, 'congan.phuongngocha');
    await page.getByRole('link', { name: /^Thông báo/ }).click();
    const inbox = page.getByTestId('inbox');
    await inbox.locator('table, .state--empty').first().waitFor();
    // Every agency's inbox has answered.
    await page.waitForLoadState('networkidle');
    const mover = await moveToNgocHa('Đinh Văn Chuyển Bốn');
    // Delivered to the police's inbox (the outbox sends it after the move is saved)…
    await eventually('the notice of the move in the police inbox', async () => {
      const { policeNotifications } = await apiCall<{ policeNotifications: { nodes: { person: { id: string } }[] } }>(
        suite.portal,
        'congan.phuongngocha',
        '{ policeNotifications(first: 200) { nodes { person { id } } } }',
      );
      return policeNotifications.nodes.some((n) => n.person.id === mover.id) ? true : undefined;
    });
    // …but not yet on the open page, until its next look.
    const row = inbox.locator('tr', { hasText: mover.fullName });
    expect(await row.count()).toBe(0);
    await page.clock.fastForward(60_000);
    await row.waitFor();
    expect(await row.textContent()).toContain('Chưa đọc');
  });

  it('counts in the navigation what waits on the worklist, and counts again after the officer acts', async () => {
    const mover = await moveToNgocHa('Đinh Văn Chuyển Ba');
    const waiting = async (): Promise<{ total: number; transferId: string; version: number }> => {
      const d = await apiCall<{
        transfers: { totalCount: number; nodes: { id: string; version: number; person: { id: string } }[] };
        completions: { totalCount: number };
        searches: { totalCount: number };
      }>(
        suite.portal,
        'congan.phuongngocha',
        `{ transfers: transferNoticesAwaitingAcknowledgement(first: 200) { totalCount nodes { id version person { id } } }
           completions: rehabCompletionNotices(acknowledged: false, first: 1) { totalCount }
           searches: absconderSearches(status: OPEN, first: 1) { totalCount } }`,
      );
      const notice = d.transfers.nodes.find((n) => n.person.id === mover.id);
      if (!notice) throw new Error('the move is not on the receiving ward’s list');
      return {
        total: d.transfers.totalCount + d.completions.totalCount + d.searches.totalCount,
        transferId: notice.id,
        version: notice.version,
      };
    };
    const before = await waiting();
    page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongngocha');
    const worklistLink = page.getByRole('link', { name: /^Việc cần làm/ });
    await worklistLink.locator('.nav-count').waitFor();
    expect(await worklistLink.locator('.visually-hidden').textContent()).toBe(`${before.total} việc đang chờ xử lý`);
    await shot(page, 'nav-counts');

    await apiCall(
      suite.portal,
      'congan.phuongngocha',
      'mutation($id: ID!, $v: Int!) { acknowledgeTransferNotice(id: $id, expectedVersion: $v) { id } }',
      { id: before.transferId, v: before.version },
    );
    // Changing page counts again.
    await page.getByRole('link', { name: /^Thông báo/ }).click();
    await page.waitForFunction(
      (expected) =>
        (document.querySelector('a[href="#/worklist"] .nav-count [aria-hidden="true"]')?.textContent ?? '0') === String(expected),
      before.total - 1,
    );
  });

  it('counts a clinic’s patients missing doses three days or more, as its worklist shows them', async () => {
    const missed = await apiCall<{ missedDoseStreaks: unknown[] }>(
      suite.portal,
      'yte.mmt001',
      '{ missedDoseStreaks(clinicCode: "MMT001", minDays: 3) { personId } }',
    );
    // The demo data gives the clinic patients missing doses (otherwise this test would prove nothing).
    expect(missed.missedDoseStreaks.length).toBeGreaterThan(0);
    page = await suite.open();
    await logIn(page, suite.portal, 'yte.mmt001');
    const badge = page.locator('a[href="#/worklist"] .nav-count');
    await badge.waitFor();
    expect(await badge.locator('.visually-hidden').textContent()).toBe(`${missed.missedDoseStreaks.length} việc đang chờ xử lý`);
  });

  it('is not in an analyst’s navigation (no person is named to them), and shows the commune left nothing', async () => {
    page = await suite.open();
    await logIn(page, suite.portal, 'phantich.hanoi');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').first().waitFor();
    expect(await page.getByRole('link', { name: /^Thông báo/ }).count()).toBe(0);
    const left = await apiCall<{ policeNotifications: { nodes: { topic: string }[] } }>(
      suite.portal,
      'congan.phuongbadinh',
      '{ policeNotifications(first: 200) { nodes { topic } } }',
    );
    expect(left.policeNotifications.nodes.filter((n) => n.topic === 'residence.transfer')).toEqual([]);
  });
});
