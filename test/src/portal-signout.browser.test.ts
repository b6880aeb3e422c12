import type { Page, Request } from 'playwright-core';
import { portalSuite, logIn, shot } from './portal-support';

/**
 * Signing out while the portal is still loading: the pages go first, so their queries stop
 * and nothing is reset under a query in flight (no page error), no request leaves after the
 * session is revoked, and the next officer at the computer starts from an empty cache.
 */
const suite = portalSuite();
let page: Page;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('signing out', () => {
  it('with queries still in flight: no page error, nothing sent after the logout, the next officer starts afresh', async () => {
    page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    // Every GraphQL answer from now on takes a second and a half, so the worklist is still loading at sign-out.
    await page.route('**/graphql', async (route) => {
      await sleep(1_500);
      await route.continue().catch(() => undefined);
    });
    const sent: { kind: 'graphql' | 'logout'; request: Request }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql')) sent.push({ kind: 'graphql', request });
      if (request.url().endsWith('/auth/logout')) sent.push({ kind: 'logout', request });
    });
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.getByText('Đang tải…').first().waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').waitFor();
    const logoutAt = sent.findIndex((s) => s.kind === 'logout');
    expect(logoutAt).toBeGreaterThan(0);
    expect(sent.slice(logoutAt + 1).map((s) => s.kind)).toEqual([]);
    // The answers still on their way when the pages went arrive to nobody: still no error.
    await sleep(2_000);
    await shot(page, 'signout-in-flight');

    // The ward's chairman signs in on the same page: his worklist comes from the server, not from the police officer's cache.
    await page.unroute('**/graphql');
    const afterSignIn = sent.length;
    await logIn(page, suite.portal, 'ubnd.phuongbadinh');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    expect(sent.slice(afterSignIn).filter((s) => s.kind === 'graphql').length).toBeGreaterThan(0);
    expect(await page.getByText('Lê Minh Tuấn').count()).toBe(0);
  });
});
