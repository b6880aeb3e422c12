import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { InProcessSystem } from '@rehab/ops';
import { testDatabaseEnv } from '@rehab/server-kit';
import { REPO_ROOT } from '@rehab/shared-schema';
import { DEMO_PASSWORD } from '@rehab/gateway';
import { InProcessSystem as System } from '@rehab/ops';
import { launchBrowser } from './browser';
import { PERSONS, personAt } from './fixtures';

/** The built portal (web/dist) in real headless Chromium against the real gateway. */
const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'screenshots');
let system: InProcessSystem;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  system = await System.start({ env: testDatabaseEnv(), persons: PERSONS, dropOnStop: true, webDir: join(REPO_ROOT, 'web', 'dist') });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

beforeEach(async () => {
  consoleErrors.length = 0;
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
});

afterEach(async () => {
  await page.close();
});

async function logIn(username: string): Promise<void> {
  await page.goto(system.url);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

describe('portal skeleton', () => {
  it('shows a login error in Vietnamese for a wrong password', async () => {
    await page.goto(system.url);
    await page.getByLabel('Tên đăng nhập').fill('congan.hanoi');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'login-error.png') });
  });

  it('looks a person up and shows the Person-360 panels of all four agencies', async () => {
    await logIn('giamsat.hanoi');
    await page.getByText('Cán bộ giám sát').first().waitFor();
    const person = personAt('POST_REHAB');
    await page.getByLabel('Số định danh cá nhân').fill(person.identificationNumber);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('panel-police').getByText(person.fullName).waitFor();
    for (const panel of ['panel-police', 'panel-labor', 'panel-health', 'panel-volunteers']) {
      expect(await page.getByTestId(panel).isVisible()).toBe(true);
    }
    expect(await page.getByTestId('panel-labor').textContent()).toContain('Đã hoàn thành');
    await page.screenshot({ path: join(SCREENSHOTS, 'person-360.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it('rejects a malformed identification number before asking the server', async () => {
    await logIn('congan.hanoi');
    await page.getByLabel('Số định danh cá nhân').fill('12345');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Số định danh cá nhân phải gồm đúng 12 chữ số').first().waitFor();
  });
});
