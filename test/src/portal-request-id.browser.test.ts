import type { Page } from 'playwright-core';
import { logIn, openPage, openPersonByName, shot, startPortal, stopPortal, type Portal } from './portal-support';
import { personAt } from './fixtures';

/** An officer sees the request id under an unexpected failure, the one the gateway logged and sent in x-request-id. */
let portal: Portal;
let page: Page;
let problems: string[];

beforeAll(async () => {
  portal = await startPortal();
});

afterAll(async () => {
  await stopPortal(portal);
});

it('shows the request id of an agency that does not answer, in Vietnamese and in English', async () => {
  ({ page, problems } = await openPage(portal));
  const requestIds: string[] = [];
  page.on('response', (response) => {
    const id = response.headers()['x-request-id'];
    if (response.url().endsWith('/graphql') && id) requestIds.push(id);
  });
  await logIn(page, portal, 'giamsat.hanoi');
  await portal.system.stopSubgraph('health');
  await openPersonByName(page, personAt('SUBSTITUTION').fullName);
  const panel = page.getByTestId('panel-health');
  await panel.getByText('Dữ liệu Y tế tạm thời không khả dụng').waitFor();
  const line = panel.getByText(/^Mã yêu cầu \(báo cho bộ phận kỹ thuật\): /);
  await line.waitFor();
  const shown = (await line.textContent())?.split(': ')[1];
  expect(shown).toMatch(/^[0-9a-f-]{36}$/);
  expect(requestIds).toContain(shown);
  await shot(page, 'person-360-request-id');

  await page.getByRole('button', { name: /English/ }).click();
  await panel.getByText(`Request id (give it to technical support): ${shown}`).waitFor();
  await page.close();
  expect(problems).toEqual([]);
});
