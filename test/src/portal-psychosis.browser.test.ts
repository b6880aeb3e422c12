import { addCommuneAccount, dmy, isoDate, logIn, openPersonById, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * A city health worker finds a ward resident psychotic from synthetic drugs ("ngáo đá"): the
 * classification and care are recorded (inpatient care names its facility), the health panel
 * and the timeline show them, the ward police are told of the risk to others without the
 * clinical details, and the health worker ends the care when the person recovers.
 */
const suite = portalSuite();

/** A Hà Nội ward resident the demo never determined (so no seeded psychosis), recorded in today's ward. */
const subject = [...population]
  .reverse()
  .find(
    (p) =>
      p.home.unitPath.startsWith('01.') &&
      p.currentResidence.unitPath === p.home.unitPath &&
      !p.determination &&
      !p.substitution &&
      p.home.unitCode !== '00004',
  );

describe('psychosis from synthetic drugs', () => {
  it('the health worker classifies it and opens its care; the ward police are told of the risk; the care ends', async () => {
    if (!subject) throw new Error('no demo ward resident without a determination');
    const page = await suite.open();
    await logIn(page, suite.portal, 'yte.hanoi');
    await openPersonById(page, suite.portal, subject);
    await page.getByRole('button', { name: 'Ghi nhận loạn thần do sử dụng ma túy tổng hợp' }).click();
    const form = page.getByTestId('form-psychosis');
    // Stimulants are ticked: psychosis from synthetic drugs.
    expect(await form.getByLabel('Nhóm chất kích thích (ATS)').isChecked()).toBe(true);
    await form.getByLabel('Ngày xác định').fill(dmy(isoDate(-3)));
    await form.getByLabel('Mức độ').selectOption('SEVERE');
    await form.getByLabel('Nguy cơ gây nguy hiểm cho người khác').selectOption('true');
    await form.getByLabel('Hình thức quản lý, điều trị').selectOption('INPATIENT_PSYCHIATRIC');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    // Inpatient care without its facility is refused beside the field; nothing is recorded.
    const facility = form.locator('.form-field', { has: page.getByLabel('Cơ sở tâm thần điều trị nội trú') });
    await facility.locator('.form-field__error').waitFor();
    expect(await facility.locator('.form-field__error').textContent()).toContain('ghi tên cơ sở tâm thần');
    await form.getByLabel('Cơ sở tâm thần điều trị nội trú').fill('Bệnh viện Tâm thần Hà Nội');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    const section = page.getByTestId('panel-health').getByRole('region', { name: 'Loạn thần do sử dụng ma túy tổng hợp' });
    await section.getByText('Nặng — Có nguy cơ gây nguy hiểm cho người khác').waitFor();
    expect(await section.textContent()).toContain('Điều trị nội trú tại cơ sở tâm thần (Bệnh viện Tâm thần Hà Nội)');
    expect(await section.textContent()).toContain('Đang quản lý, điều trị');
    await page
      .getByTestId('timeline')
      .locator('li', { hasText: 'Xác định loạn thần do sử dụng ma túy tổng hợp' })
      .filter({ hasText: dmy(isoDate(-3)) })
      .waitFor();
    await shot(page, 'psychosis-recorded');

    // The care ends: the step replaces the record form.
    await page.getByRole('button', { name: 'Kết thúc quản lý loạn thần' }).click();
    const end = page.getByTestId('form-psychosis-end');
    await end.getByLabel('Ngày kết thúc').fill(dmy(isoDate(0)));
    await end.getByLabel('Lý do kết thúc').selectOption('RECOVERED');
    await end.getByRole('button', { name: 'Lưu' }).click();
    await end.getByText('Đã lưu thành công').waitFor();
    await section.getByText('Đã kết thúc quản lý').waitFor();
    expect(await section.textContent()).toContain(`${dmy(isoDate(0))} (Hết biểu hiện loạn thần)`);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    // The ward police read the risk in their inbox, and nothing clinical on the person.
    const police = await addCommuneAccount(suite.portal, 'police_officer', subject.home.unitCode);
    await logIn(page, suite.portal, police);
    await page.getByRole('link', { name: /^Thông báo/ }).click();
    await page
      .getByTestId('inbox')
      .getByRole('row', { name: new RegExp(subject.fullName) })
      .filter({ hasText: 'Người loạn thần do sử dụng ma túy có nguy cơ gây nguy hiểm' })
      .waitFor();
    const api = suite.portal.api;
    const read = await api.graphql(
      await api.login('congan.hanoi'),
      'query($id: ID!) { person(id: $id) { drugInducedPsychoses { severity } } }',
      {
        id: subject.id,
      },
    );
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
