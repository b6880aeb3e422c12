import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { personAt } from './fixtures';
import { portalSuite, logIn, openPersonByName, SCREENSHOTS, shot } from './portal-support';

/**
 * Printing a person's record: the button opens the browser's print dialog; printed (here as
 * PDF, as an officer saves it), the record shows what the officer sees under a header naming
 * who printed it and that it is confidential, without the portal's navigation and actions.
 */
const suite = portalSuite();
let page: Page;

describe("printing a person's record", () => {
  it('prints to PDF what the officer sees, with who printed it, without navigation or actions', async () => {
    const patient = personAt('SUBSTITUTION');
    page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await openPersonByName(page, patient.fullName);
    await page.locator('[data-testid="panel-health"][aria-busy="false"]').waitFor();

    // The button asks the browser to print (the dialog itself is the browser's).
    await page.evaluate('window.print = () => { window.__printed = (window.__printed || 0) + 1; }');
    await page.getByRole('button', { name: 'In hồ sơ' }).click();
    expect(await page.evaluate('window.__printed')).toBe(1);

    await page.emulateMedia({ media: 'print' });
    const header = page.getByTestId('print-header');
    expect(await header.isVisible()).toBe(true);
    expect(await header.textContent()).toContain('Trần Quốc Khánh');
    expect(await header.textContent()).toContain('không sao chép');
    for (const hidden of ['.main-nav', '.officer-bar', '.print-toolbar', '[data-testid="person-actions"]']) {
      expect({ hidden, visible: await page.locator(hidden).first().isVisible() }).toEqual({ hidden, visible: false });
    }
    expect(await page.getByTestId('panel-police').isVisible()).toBe(true);
    expect(await page.getByTestId('panel-health').isVisible()).toBe(true);
    await shot(page, 'print-person-record');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(SCREENSHOTS, 'person-record.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);

    await page.emulateMedia({ media: 'screen' });
    expect(await header.isVisible()).toBe(false);
  });
});

describe("a person's access log", () => {
  it('is shown to a supervisor on request, naming who read the record in each agency; an officer is not offered it', async () => {
    const patient = personAt('SUBSTITUTION');
    page = await suite.open();
    // A ward officer of the patient's province reads the record first.
    await logIn(page, suite.portal, 'congan.hanoi');
    await openPersonByName(page, patient.fullName);
    await page.locator('[data-testid="panel-health"][aria-busy="false"]').waitFor();
    expect(await page.getByRole('button', { name: 'Xem nhật ký truy cập hồ sơ' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, suite.portal, 'giamsat.hanoi');
    await openPersonByName(page, patient.fullName);
    await page.getByRole('button', { name: 'Xem nhật ký truy cập hồ sơ' }).click();
    const log = page.getByTestId('access-log');
    await log.locator('tbody tr').first().waitFor();
    const rows = await log.locator('tbody tr').allTextContents();
    expect(rows.some((r) => r.includes('congan.hanoi') && r.includes('Công an') && r.includes('Xem'))).toBe(true);
    expect(rows.some((r) => r.includes('congan.hanoi') && r.includes('Y tế'))).toBe(true);
    await shot(page, 'person-access-log');
  });
});
