import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { portalSuite, logIn, shot, withoutDiacritics } from './portal-support';

/**
 * A worklist the officer can work from: sorted by any column (dates as dates), filtered by
 * any text shown (diacritics optional), the choice remembered across a reload, and exported
 * as CSV exactly as shown.
 */
const suite = portalSuite();
let page: Page;

/** Parses the portal's CSV (BOM, CRLF, quoted cells). */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
        .map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'))
        .slice(0, -1),
    );
}

async function columnTexts(list: Locator, column: number): Promise<string[]> {
  return list.locator(`tbody tr td:nth-child(${column + 1})`).allTextContents();
}

const asDate = (text: string): string => text.split('/').reverse().join('-');

describe('a worklist', () => {
  it('sorts, filters, remembers the choice across a reload and exports what it shows', async () => {
    page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const list = page.getByTestId('worklist-managements-ending');
    await list.locator('tbody tr').first().waitFor();
    const total = await list.locator('tbody tr').count();
    expect(total).toBeGreaterThan(2);

    // By name, A to Z in Vietnamese order, then Z to A.
    const name = list.getByRole('columnheader', { name: /Họ và tên/ });
    await name.getByRole('button').click();
    expect(await name.getAttribute('aria-sort')).toBe('ascending');
    const names = await columnTexts(list, 0);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi', { sensitivity: 'base' })));
    await name.getByRole('button').click();
    expect(await name.getAttribute('aria-sort')).toBe('descending');
    expect(await columnTexts(list, 0)).toEqual([...names].reverse());

    // By a date column: as dates, not as dd/mm/yyyy text.
    const detected = list.getByRole('columnheader', { name: /Ngày phát hiện/ });
    await detected.getByRole('button').click();
    const dates = (await columnTexts(list, 1)).map(asDate);
    expect(dates).toEqual([...dates].sort());

    // Filtered by part of a name typed without diacritics.
    const someone = names[0] ?? '';
    const part = withoutDiacritics(someone).split(' ').slice(-1)[0] ?? '';
    await list.getByLabel('Lọc danh sách').fill(part.toLowerCase());
    const kept = await columnTexts(list, 0);
    expect(kept).toContain(someone);
    expect(kept.every((n) => withoutDiacritics(n).toLowerCase().includes(part.toLowerCase()))).toBe(true);
    expect(await list.locator('.panel__title').textContent()).toContain(`(${kept.length}/${total})`);
    await shot(page, 'worklist-sorted-filtered');
    const before = await columnTexts(list, 0);

    // Remembered for this officer across a reload.
    await page.reload();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await list.locator('tbody tr').first().waitFor();
    expect(await list.getByLabel('Lọc danh sách').inputValue()).toBe(part.toLowerCase());
    expect(await list.getByRole('columnheader', { name: /Ngày phát hiện/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(await columnTexts(list, 0)).toEqual(before);

    // CSV of what is shown, as shown (dates dd/mm/yyyy).
    const download = page.waitForEvent('download');
    await list.getByRole('button', { name: 'Xuất CSV' }).click();
    const csv = parseCsv(readFileSync(await (await download).path(), 'utf8'));
    const headers = await list.locator('thead th').allTextContents();
    expect(csv[0]).toEqual(headers.slice(0, csv[0]?.length).map((h) => h.replace(/[▲▼↕]/g, '').trim()));
    expect(csv.slice(1).map((row) => row[0])).toEqual(await columnTexts(list, 0));
    expect(csv.slice(1).every((row) => /^\d{2}\/\d{2}\/\d{4}$/.test(row[1] ?? ''))).toBe(true);

    // The same as an Excel workbook: a real .xlsx, every cell the text on screen.
    const xlsxDownload = page.waitForEvent('download');
    await list.getByRole('button', { name: 'Xuất Excel' }).click();
    const file = await (await xlsxDownload).path();
    expect(readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const cells: string[][] = [];
    sheet?.eachRow((row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      cells.push(values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))));
    });
    expect(cells).toEqual(csv);
    expect(sheet?.name).toBe('Quản lý người sử dụng ma túy sắp hết thời hạn'.slice(0, 31));
  });
});

describe('search results', () => {
  it('export as CSV and Excel the page of results as shown', async () => {
    page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await page.getByLabel('Họ và tên').fill('nguyen');
    await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
    const results = page.getByTestId('search-results');
    await results.locator('tbody tr').first().waitFor();
    const screen = await results
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent.trim())));
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất CSV' }).click();
    const csv = parseCsv(readFileSync(await (await download).path(), 'utf8'));
    expect(csv[0]).toEqual(['Họ và tên', 'Số định danh cá nhân', 'Ngày sinh', 'Nơi ở hiện tại']);
    expect(csv.slice(1).map((row) => row.slice(0, 3))).toEqual(screen.map((row) => row.slice(0, 3)));

    const xlsxDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất Excel' }).click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await xlsxDownload).path());
    const names: string[] = [];
    workbook.worksheets[0]?.eachRow((row, n) => {
      if (n > 1) names.push(row.getCell(1).text);
    });
    expect(names).toEqual(screen.map((row) => row[0]));
  });
});
