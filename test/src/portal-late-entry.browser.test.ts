import { dmy, isoDate, logIn, openPersonByName, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * A ward's police asked on paper for an addiction determination weeks ago and the clinic
 * examined the person then: the police enter the request with its paper date (a late entry,
 * with the reason), and the physician enters the examination with its real date; the
 * timeline shows both on their own days, the request marked as entered late.
 */
const suite = portalSuite();

const PAPER_DAY = isoDate(-40);
const EXAMINED_ON = isoDate(-37);

/** A person of Phường Ba Đình the demo never asked a determination for. */
const subject = population.find(
  (p) => p.currentResidence.unitCode === '00004' && p.home.unitCode === '00004' && !p.determination && !p.rehab,
)!;

describe('a paper determination entered late', () => {
  it('the police enter the paper request with its day and reason; the physician enters the examination with its real day', async () => {
    expect(subject).toBeDefined();
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await openPersonByName(page, subject.fullName);
    await page.getByRole('button', { name: 'Đề nghị xác định tình trạng nghiện' }).click();
    const request = page.getByTestId('form-request-determination');
    // The form names where the city's people can be examined.
    await request
      .getByText(/Cơ sở y tế đủ điều kiện xác định tình trạng nghiện của tỉnh, thành phố: .*Cơ sở điều trị Methadone Ba Đình/)
      .waitFor();
    await request.getByLabel(/^Lý do\s*\*?$/).fill('Phát hiện sử dụng trái phép chất ma túy (biên bản giấy)');
    await request.getByLabel('Ngày đề nghị').fill(dmy(PAPER_DAY));
    // An earlier day without the reason it is entered late is refused beside that field.
    await request.getByRole('button', { name: 'Gửi' }).click();
    const reasonField = request.locator('.form-field', { has: page.getByLabel('Lý do nhập muộn') });
    await reasonField.locator('.form-field__error').waitFor();
    expect(await reasonField.locator('.form-field__error').textContent()).toContain('phải ghi lý do nhập muộn');
    await shot(page, 'late-entry-reason-required');
    await request.getByLabel('Lý do nhập muộn').fill('Hồ sơ giấy lập trước khi phường được cấp tài khoản');
    await request.getByRole('button', { name: 'Gửi' }).click();
    await request.getByText('Đã lưu thành công').waitFor();
    await page
      .getByTestId('timeline')
      .locator('li', { hasText: 'Đề nghị xác định tình trạng nghiện (nhập muộn từ hồ sơ giấy)' })
      .filter({ hasText: dmy(PAPER_DAY) })
      .waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, suite.portal, 'yte.hanoi');
    await openPersonByName(page, subject.fullName);
    // The examination is offered on the request of its paper day.
    await page.getByRole('button', { name: `Ghi nhận kết quả khám xác định (đề nghị ngày ${dmy(PAPER_DAY)})` }).click();
    const form = page.getByTestId('form-examination');
    await form.getByLabel('Ngày khám').fill(dmy(EXAMINED_ON));
    await form.getByLabel('Số văn bản').fill('11/KQ-XĐTTN (giấy)');
    await form.getByLabel('Nhóm chất').selectOption('STIMULANTS');
    for (const criterion of ['Thèm muốn mạnh mẽ', 'Mất kiểm soát', 'Hội chứng cai']) await form.getByLabel(criterion).check();
    await form.getByLabel('Thời gian biểu hiện').selectOption('TOGETHER_AT_LEAST_ONE_MONTH');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    await page
      .getByTestId('timeline')
      .locator('li', { hasText: 'Kết luận xác định tình trạng nghiện' })
      .filter({ hasText: dmy(EXAMINED_ON) })
      .waitFor();
    await shot(page, 'late-entry-examined');
  });
});
