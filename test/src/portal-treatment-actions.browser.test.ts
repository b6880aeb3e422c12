import { dmy, isoDate, logIn, openPersonByName, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * A clinic's health worker moves a patient's treatment to its next phase, transfers one patient
 * to another clinic (whose treatment the clinic then no longer reads) and ends another's treatment, each after
 * a confirmation that says what it will do. A police officer reads the treatment but has none of
 * these steps.
 */
const suite = portalSuite();
/** Patients of MMT001 still in treatment, before tapering (each test takes its own; the demo has two). */
const patients = population.filter(
  (p) =>
    p.substitution?.clinicCode === 'MMT001' && ['INDUCTION', 'DOSE_ADJUSTMENT', 'MAINTENANCE'].includes(p.substitution.phase),
);

interface Treatment {
  status: string;
  phase: string;
  clinic: { code: string };
  terminationReason: string | null;
}

async function treatmentOf(personId: string): Promise<Treatment> {
  const token = await suite.portal.api.login('yte.hanoi');
  const found = await suite.portal.api.graphql<{ person: { substitutionTreatment: Treatment } }>(
    token,
    'query($id: ID!) { person(id: $id) { substitutionTreatment { status phase clinic { code } terminationReason } } }',
    { id: personId },
  );
  if (!found.data) throw new Error(JSON.stringify(found.errors));
  return found.data.person.substitutionTreatment;
}

describe("a clinic's treatment steps", () => {
  it('moves a treatment to a later phase, then transfers it to another clinic chosen from a list', async () => {
    const patient = patients[0]!;
    const page = await suite.open();
    await logIn(page, suite.portal, 'yte.mmt001');
    await openPersonByName(page, patient.fullName);
    const actions = page.getByTestId('person-actions');
    await actions.getByRole('button', { name: 'Chuyển giai đoạn điều trị' }).click();
    const advance = actions.getByTestId('form-treatment-advance');
    // Only the phases after the current one are offered.
    const offered = await advance.getByLabel('Giai đoạn mới').locator('option').allTextContents();
    expect(offered).not.toContain('Dò liều');
    expect(offered).toContain('Giảm liều');
    await advance.getByLabel('Giai đoạn mới').selectOption({ label: 'Giảm liều' });
    await advance.getByRole('button', { name: 'Lưu' }).click();
    const question = advance.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain(`“Giảm liều” từ ngày ${dmy(isoDate())}`);
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('panel-health').getByText('Giảm liều').first().waitFor();
    expect((await treatmentOf(patient.id)).phase).toBe('TAPERING');

    await actions.getByRole('button', { name: 'Chuyển cơ sở điều trị' }).click();
    const transfer = actions.getByTestId('form-treatment-transfer');
    const clinics = await transfer.getByLabel('Cơ sở điều trị nhận').locator('option').allTextContents();
    expect(clinics).not.toContain('Cơ sở điều trị Methadone Ba Đình');
    await transfer.getByLabel('Cơ sở điều trị nhận').selectOption({ label: 'Cơ sở điều trị Methadone Hoàn Kiếm' });
    await transfer.getByRole('button', { name: 'Lưu' }).click();
    const moving = transfer.getByTestId('confirm-notice');
    expect(await moving.textContent()).toContain('từ Cơ sở điều trị Methadone Ba Đình sang Cơ sở điều trị Methadone Hoàn Kiếm');
    await shot(page, 'treatment-transfer-confirm');
    await moving.getByRole('button', { name: 'Xác nhận' }).click();
    // The treatment is the receiving clinic's now: this clinic no longer reads it nor acts on it
    // (the patient's identity stays readable to the end of the transfer day, the last day of its care).
    await actions.getByRole('group', { name: /^Điều trị thay thế —/ }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('panel-health').getByText('Methadone Ba Đình').count()).toBe(0);
    expect(await page.getByTestId('panel-health').getByText('Giảm liều').count()).toBe(0);
    expect((await treatmentOf(patient.id)).clinic.code).toBe('MMT002');
  });

  it('ends a treatment with a reason and details, both required beside their fields', async () => {
    const patient = patients[1]!;
    const page = await suite.open();
    await logIn(page, suite.portal, 'yte.mmt001');
    await openPersonByName(page, patient.fullName);
    const actions = page.getByTestId('person-actions');
    await actions.getByRole('button', { name: 'Chấm dứt điều trị' }).click();
    const form = actions.getByTestId('form-treatment-terminate');
    // No reason is chosen for the officer.
    expect(await form.getByLabel('Lý do chấm dứt').inputValue()).toBe('');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form
      .locator('.form-field', { has: page.getByLabel('Lý do chấm dứt') })
      .locator('.form-field__error')
      .waitFor();
    await form
      .locator('.form-field', { has: page.getByLabel('Nội dung (căn cứ, biên bản)') })
      .locator('.form-field__error')
      .waitFor();
    expect(await form.getByTestId('confirm-notice').count()).toBe(0);
    await form.getByLabel('Lý do chấm dứt').selectOption('VOLUNTARY');
    await form.getByLabel('Nội dung (căn cứ, biên bản)').fill('Người bệnh làm đơn xin ngừng điều trị');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const question = form.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain('vì “Tự nguyện ngừng điều trị”');
    await shot(page, 'treatment-terminate-confirm');
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('panel-health').getByText('Đã ngừng điều trị').first().waitFor();
    expect(await treatmentOf(patient.id)).toMatchObject({ status: 'STOPPED', terminationReason: 'VOLUNTARY' });
    // A stopped treatment has no further steps.
    await actions.getByRole('group', { name: /^Điều trị thay thế —/ }).waitFor({ state: 'detached' });
    // Enrolling again starts at the worker's own clinic, chosen from the list rather than typed.
    await actions.getByRole('button', { name: 'Tiếp nhận điều trị thay thế' }).click();
    expect(await actions.getByTestId('form-enroll').getByLabel('Cơ sở điều trị').inputValue()).toBe('MMT001');
  });

  it("are not offered to a police officer, who reads the treatment; the API refuses the police's attempt", async () => {
    const patient = population.find((p) => p.substitution?.clinicCode === 'MMT002' && p.substitution.phase === 'MAINTENANCE')!;
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await openPersonByName(page, patient.fullName);
    await page.getByTestId('panel-health').getByText('Cơ sở điều trị Methadone Hoàn Kiếm').first().waitFor();
    expect(await page.getByRole('group', { name: /^Điều trị thay thế —/ }).count()).toBe(0);
    const treatment = await suite.portal.api.graphql<{ person: { substitutionTreatment: { id: string; version: number } } }>(
      await suite.portal.api.login('yte.hanoi'),
      'query($id: ID!) { person(id: $id) { substitutionTreatment { id version } } }',
      { id: patient.id },
    );
    const attempt = await suite.portal.api.graphql(
      await suite.portal.api.login('congan.hanoi'),
      'mutation($id: ID!) { terminateTreatment(treatmentId: $id, reason: OTHER, note: "x", on: "2026-01-01") { id } }',
      { id: treatment.data?.person.substitutionTreatment.id },
    );
    expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await treatmentOf(patient.id)).status).toBe('ACTIVE');
  });
});
