import { dmy, isoDate, logIn, openPersonByName, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * A city health worker screens and assesses a ward resident's drug use: a high risk must be
 * referred on, the screening appears on the health panel and the timeline, and the city's
 * indicator of people screened and assessed counts the person.
 */
const suite = portalSuite();

/** A resident of Phường Ba Đình whom the demo never screened (no determination). */
const subject = population.find(
  (p) => p.currentResidence.unitCode === '00004' && p.home.unitCode === '00004' && !p.determination && !p.substitution,
)!;

describe('drug-use screening and assessment', () => {
  it('the health worker records a screening; a high risk needs a referral on; the panel and timeline show it', async () => {
    expect(subject).toBeDefined();
    const page = await suite.open();
    await logIn(page, suite.portal, 'yte.hanoi');
    await openPersonByName(page, subject.fullName);
    await page.getByRole('button', { name: 'Ghi kết quả sàng lọc, đánh giá mức độ sử dụng ma túy' }).click();
    const form = page.getByTestId('form-screening');
    await form.getByLabel('Ngày sàng lọc').fill(dmy(isoDate(-1)));
    await form.getByLabel('Công cụ sàng lọc').selectOption('ASSIST');
    await form.getByLabel('Mức độ nguy cơ').selectOption('HIGH');
    await form.getByLabel('Nhóm chất kích thích (ATS)').check();
    await form.getByLabel('Chuyển tiếp').selectOption('COUNSELLING');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const referral = form.locator('.form-field', { has: page.getByLabel('Chuyển tiếp') });
    await referral.locator('.form-field__error').waitFor();
    expect(await referral.locator('.form-field__error').textContent()).toContain('Nguy cơ cao');
    await shot(page, 'screening-high-risk-referral');
    await form.getByLabel('Chuyển tiếp').selectOption('ADDICTION_DETERMINATION');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    const section = page.getByTestId('panel-health').getByRole('region', { name: 'Sàng lọc, đánh giá mức độ sử dụng ma túy' });
    await section.getByText('Nguy cơ cao (ASSIST (WHO))').waitFor();
    expect(await section.textContent()).toContain('Đề nghị xác định tình trạng nghiện');
    expect(await section.textContent()).toContain(dmy(isoDate(-1)));
    await page
      .getByTestId('timeline')
      .locator('li', { hasText: 'Sàng lọc, đánh giá mức độ sử dụng ma túy' })
      .filter({ hasText: dmy(isoDate(-1)) })
      .waitFor();
    await shot(page, 'screening-recorded');
  });
});
