import { dmy, isoDate, logIn, openPersonByName, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * A clinic's health worker records a patient's HIV and hepatitis results with the ARV status a
 * positive HIV result needs, each rule explained beside its field; police, who read the
 * treatment, are never shown (nor sent) the results.
 */
const suite = portalSuite();
const patient = population.find((p) => p.substitution?.clinicCode === 'MMT001' && p.substitution.phase === 'MAINTENANCE')!;

async function infectionOf(): Promise<Record<string, unknown> | null> {
  const token = await suite.portal.api.login('yte.mmt001');
  const found = await suite.portal.api.graphql<{ person: { infectionStatus: Record<string, unknown> | null } }>(
    token,
    'query($id: ID!) { person(id: $id) { infectionStatus { hiv hepatitisB hepatitisC testedOn arv arvStartedOn } } }',
    { id: patient.id },
  );
  if (!found.data) throw new Error(JSON.stringify(found.errors));
  return found.data.person.infectionStatus;
}

describe('HIV, hepatitis and ARV', () => {
  it('a clinic worker records a positive HIV result with its ARV status; a missing status or start date is explained beside it', async () => {
    expect(patient).toBeDefined();
    const page = await suite.open();
    await logIn(page, suite.portal, 'yte.mmt001');
    await openPersonByName(page, patient.fullName);
    const section = page.getByTestId('panel-health').getByRole('region', { name: 'Xét nghiệm HIV, viêm gan' });
    await section.waitFor();

    const actions = page.getByTestId('person-actions');
    await actions.getByRole('button', { name: 'Ghi kết quả xét nghiệm HIV, viêm gan' }).click();
    const form = actions.getByTestId('form-infection');
    const errorBeside = (name: string) =>
      form.locator('.form-field', { has: page.locator(`[name="${name}"]`) }).locator('.form-field__error');
    await form.getByLabel(/^HIV/).selectOption('POSITIVE');
    await form.getByLabel('Viêm gan B').selectOption('NEGATIVE');
    await form.getByLabel('Viêm gan C').selectOption('POSITIVE');
    await form.getByRole('button', { name: 'Lưu' }).click();
    expect(await errorBeside('arv').textContent()).toContain('HIV dương tính: cần ghi tình trạng điều trị ARV');
    await form.getByLabel('Điều trị ARV', { exact: true }).selectOption('ON_ARV');
    await form.getByRole('button', { name: 'Lưu' }).click();
    expect(await errorBeside('arvStartedOn').textContent()).toContain('Cần ngày bắt đầu điều trị ARV');
    await shot(page, 'infection-arv-start-required');
    const started = isoDate(-20);
    await form.getByLabel('Ngày bắt đầu điều trị ARV').fill(dmy(started));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await section.getByText(`Đang điều trị ARV từ ngày ${dmy(started)}`).waitFor();
    expect(await infectionOf()).toEqual({
      hiv: 'POSITIVE',
      hepatitisB: 'NEGATIVE',
      hepatitisC: 'POSITIVE',
      testedOn: isoDate(),
      arv: 'ON_ARV',
      arvStartedOn: started,
    });
    await shot(page, 'infection-arv-recorded');
  });

  it('police read the treatment but are neither shown nor sent the results', async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await openPersonByName(page, patient.fullName);
    await page.getByTestId('panel-health').getByText('Cơ sở điều trị Methadone Ba Đình').first().waitFor();
    expect(await page.getByTestId('panel-health').getByRole('region', { name: 'Xét nghiệm HIV, viêm gan' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ghi kết quả xét nghiệm HIV, viêm gan' }).count()).toBe(0);
    const answers = await page.evaluate(() => document.body.innerText);
    expect(answers).not.toContain('Điều trị ARV');
    const refused = await suite.portal.api.graphql(
      await suite.portal.api.login('congan.hanoi'),
      'query($id: ID!) { person(id: $id) { infectionStatus { hiv arv } } }',
      { id: patient.id },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
