import type { Page } from 'playwright-core';
import { dmy, logIn, openPage, openPersonByName, shot, startPortal, stopPortal, type Portal } from './portal-support';
import { unitAt } from '@rehab/shared-schema';
import { outsiderOfBaDinh, population } from './fixtures';

/**
 * The care relation in the portal: a clinic's health worker and a facility's staff work from
 * lists that name the person, find their patients by name and open them (identity only).
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

async function open(): Promise<Page> {
  ({ page, problems } = await openPage(portal));
  return page;
}

describe('a clinic worker', () => {
  it("records a day of doses by the patients' names, then finds a patient by name and opens them", async () => {
    const patients = population.filter((p) => p.substitution?.clinicCode === 'MMT001');
    await open();
    await logIn(page, portal, 'yte.mmt001');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const form = page.getByTestId('form-dose-day');
    await form.waitFor();
    const rows = form.locator('tbody tr');
    const before = await rows.count();
    expect(before).toBeGreaterThan(0);
    // Each row names the patient (full name and date of birth), never just the medication.
    const heading = (await rows.first().locator('th').textContent()) ?? '';
    const patient = patients.find((p) => heading.includes(p.fullName));
    if (!patient) throw new Error(`the dose book's first row names no patient of MMT001: ${heading}`);
    expect(heading).toContain(dmy(patient.dateOfBirth));
    expect(await form.getByText('Methadone — ').count()).toBe(0);
    const row = rows.filter({ hasText: patient.fullName });
    await row.getByRole('checkbox', { name: new RegExp(patient.fullName) }).check();
    await row.getByLabel(/Liều \(mg\)/).fill('60');
    await shot(page, 'care-clinic-dose-book');
    await form.getByRole('button', { name: 'Ghi sổ 1 liều' }).click();
    // The dosed patient leaves the list of those still awaiting a dose that day.
    await row.waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(before - 1);

    // Name search finds the clinic's patient; the Person-360 shows the identity and the health panel.
    await openPersonByName(page, patient.fullName);
    const police = page.getByTestId('panel-police');
    await police.getByText(patient.identificationNumber).waitFor();
    // Identity only: the residence is not the clinic's to read.
    expect(await police.locator('.field', { hasText: 'Nơi ở hiện tại' }).locator('dd').textContent()).toContain(
      'Không có quyền xem',
    );
    await page.getByTestId('panel-health').getByText('Cơ sở điều trị Methadone Ba Đình').first().waitFor();
    await shot(page, 'care-clinic-person');
  });
});

describe('facility staff', () => {
  it('see their residents by name and open one', async () => {
    const resident = population.find((p) => p.rehab?.status === 'ADMITTED' && p.rehab.facilityCode === 'CSCN1');
    if (!resident) throw new Error('no resident of CSCN1 in the demo population');
    await open();
    await logIn(page, portal, 'cscn1');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.getByLabel('Tháng dự kiến hoàn thành (để trống: tháng này)').fill(resident.rehab!.plannedEndOn.slice(0, 7));
    // The name and date of birth come from the registry, through the facility's care relation.
    const row = page.getByTestId('worklist-episodes-due').locator('tr', { hasText: resident.fullName });
    await row.getByText(dmy(resident.dateOfBirth)).waitFor();
    await shot(page, 'care-facility-residents');
    await row.getByRole('link', { name: resident.fullName }).click();
    const police = page.getByTestId('panel-police');
    await police.getByText(resident.identificationNumber).waitFor();
    await police.getByText(resident.fullName).first().waitFor();
    // Facility staff have no person search: the way back is their worklist.
    expect(await page.getByRole('link', { name: '← Quay lại tìm kiếm' }).count()).toBe(0);
    await page.getByRole('link', { name: '← Trở về danh sách công việc' }).waitFor();
    await shot(page, 'care-facility-person');
  });
});

describe("a record outside the officer's unit", () => {
  it('is told apart from "not found", and opens after an audited break-the-glass request with a reason', async () => {
    const outsider = outsiderOfBaDinh;
    if (!outsider) throw new Error('no person of another ward in the demo population');
    const ward = unitAt(outsider.home.unitCode);
    await open();
    await logIn(page, portal, 'congan.phuongbadinh');
    await page.goto(`${portal.system.url}#/person/${outsider.id}`);
    await page.getByText('Hồ sơ này tồn tại nhưng không thuộc phạm vi đơn vị của bạn.').waitFor();
    await page.getByText(`Hồ sơ này thuộc ${ward?.name ?? ''}`, { exact: false }).waitFor();
    expect(await page.getByText(outsider.identificationNumber).count()).toBe(0);
    await page.getByRole('button', { name: 'Đề nghị truy cập khẩn cấp' }).click();
    const form = page.getByRole('form', { name: 'Truy cập khẩn cấp (phá kính)' });
    await form.getByLabel('Lý do (ít nhất 15 ký tự)').fill('Xác minh');
    await form.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await form.getByText('Hãy nêu lý do cụ thể, ít nhất 15 ký tự').waitFor();
    await form.getByLabel('Lý do (ít nhất 15 ký tự)').fill('Xác minh đối tượng bỏ trốn theo yêu cầu phối hợp của công an phường');
    await form.getByLabel('Thời hạn').selectOption('30');
    await shot(page, 'break-glass-request');
    await form.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await page.getByTestId('panel-police').getByText(outsider.identificationNumber).waitFor();
    await shot(page, 'break-glass-opened');
    await page.close();
    expect(problems).toEqual([]);

    // The province's supervisor finds the access awaiting review, notes it and marks it reviewed.
    await open();
    await logIn(page, portal, 'giamsat.hanoi');
    await page.getByRole('link', { name: 'Truy cập khẩn cấp' }).click();
    const awaiting = page.getByTestId('access-pending');
    const grant = awaiting.locator('li', { hasText: 'Xác minh đối tượng bỏ trốn theo yêu cầu phối hợp' });
    await grant.getByText(`congan.phuongbadinh → ${ward?.name ?? ''}`).waitFor();
    await grant.getByLabel('Ghi chú của cán bộ giám sát').fill('Đã đối chiếu với công văn phối hợp');
    await shot(page, 'break-glass-review');
    await grant.getByRole('button', { name: 'Xác nhận đã xem xét' }).click();
    const reviewed = page.getByTestId('access-reviewed').locator('li', { hasText: 'Xác minh đối tượng bỏ trốn' });
    await reviewed.getByText('Đã đối chiếu với công văn phối hợp', { exact: false }).waitFor();
    expect(await awaiting.locator('li', { hasText: 'Xác minh đối tượng bỏ trốn theo yêu cầu phối hợp' }).count()).toBe(0);
  });

  it('is not offered to an officer who has no supervisor page', async () => {
    await open();
    await logIn(page, portal, 'congan.phuongbadinh');
    await page.getByRole('link', { name: 'Việc cần làm' }).waitFor();
    expect(await page.getByRole('link', { name: 'Truy cập khẩn cấp' }).count()).toBe(0);
  });
});
