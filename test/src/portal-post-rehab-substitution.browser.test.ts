import { addCommuneAccount, dmy, isoDate, logIn, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * A clinic stops a patient's methadone treatment; the residence commune's chairman finds the
 * post-rehab case it opened in the worklist (with its basis) and in the inbox, and decides the
 * management from the person's page, as after a completed rehab.
 */
const suite = portalSuite();

/** A patient of MMT001 in treatment, with no rehab and no post-rehab case in the demo, living in the commune of their record. */
const patient = population.find(
  (p) =>
    p.substitution?.clinicCode === 'MMT001' &&
    ['INDUCTION', 'DOSE_ADJUSTMENT', 'MAINTENANCE'].includes(p.substitution.phase) &&
    !p.rehab &&
    !p.postRehab &&
    p.currentResidence.unitPath === p.home.unitPath,
)!;

interface Case {
  basis: string;
  status: string;
  decisionNumber: string | null;
  substitutionTreatmentId: string | null;
}

async function api<T>(username: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await suite.portal.api.graphql<T>(await suite.portal.api.login(username), query, variables);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const casesOf = async (): Promise<Case[]> =>
  (
    await api<{ person: { postRehabCases: Case[] } }>(
      'congan.hanoi',
      'query($id: ID!) { person(id: $id) { postRehabCases { basis status decisionNumber substitutionTreatmentId } } }',
      { id: patient.id },
    )
  ).person.postRehabCases;

describe('post-rehab management after substitution treatment', () => {
  it('the commune chairman finds the case a stopped treatment opened, with its basis, and decides it', async () => {
    expect(patient).toBeDefined();
    expect(await casesOf()).toEqual([]);
    const { person } = await api<{ person: { substitutionTreatment: { id: string; version: number } } }>(
      'yte.hanoi',
      'query($id: ID!) { person(id: $id) { substitutionTreatment { id version } } }',
      { id: patient.id },
    );
    const treatmentId = person.substitutionTreatment.id;
    await api(
      'yte.mmt001',
      `mutation($t: ID!, $v: Int, $on: Date!) { terminateTreatment(treatmentId: $t, expectedVersion: $v, reason: VOLUNTARY,
        note: "Người bệnh làm đơn xin ngừng điều trị", on: $on) { id } }`,
      { t: treatmentId, v: person.substitutionTreatment.version, on: isoDate() },
    );

    const chairman = await addCommuneAccount(suite.portal, 'commune_official', patient.home.unitCode);
    const page = await suite.open();
    await logIn(page, suite.portal, chairman);
    // The notice travels through the outbox: the worklist is opened again until the case is there.
    const awaiting = page.getByTestId('worklist-post-rehab-awaiting');
    const row = awaiting.getByRole('row', { name: new RegExp(patient.fullName) });
    for (let i = 0; i < 30 && (await row.count()) === 0; i++) {
      await page.getByRole('link', { name: /^Thông báo/ }).click();
      await page.getByRole('link', { name: 'Việc cần làm' }).click();
      await awaiting.waitFor();
      await page.waitForTimeout(500);
    }
    await row.waitFor();
    expect(await row.textContent()).toContain('Sau ngừng điều trị thay thế');
    expect(await row.textContent()).toContain(dmy(isoDate()));
    await shot(page, 'post-rehab-after-substitution-worklist');

    // The inbox says why it is there.
    await page.getByRole('link', { name: /^Thông báo/ }).click();
    await page
      .getByTestId('inbox')
      .getByRole('row', { name: new RegExp(patient.fullName) })
      .filter({ hasText: 'Ngừng điều trị thay thế: chờ quyết định quản lý sau cai' })
      .waitFor();

    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await row.getByRole('link', { name: patient.fullName }).click();
    const record = page
      .locator('.record-actions', { hasText: 'Quản lý sau cai nghiện (sau ngừng điều trị thay thế' })
      .filter({ hasText: 'Chờ quyết định' });
    await record.getByRole('button', { name: 'Quyết định quản lý sau cai nghiện' }).click();
    const form = record.getByTestId('form-decide-post-rehab');
    await form.getByLabel('Số quyết định').fill('21/QĐ-UBND');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page
      .locator('.record-actions', { hasText: 'Quản lý sau cai nghiện (sau ngừng điều trị thay thế' })
      .filter({ hasText: 'Đang quản lý' })
      .first()
      .waitFor();
    // The labour panel shows the case beside the treatment that stopped.
    await page
      .getByTestId('panel-labor')
      .getByRole('region', { name: 'Quản lý sau cai nghiện' })
      .getByText('Đang quản lý')
      .waitFor();
    expect(await page.getByTestId('panel-labor').textContent()).toContain('Sau ngừng điều trị thay thế');
    // The timeline has the treatment's stop and the case's opening and decision.
    const timeline = page.getByTestId('timeline');
    for (const text of [
      'Ngừng điều trị thay thế',
      'Mở quản lý sau cai nghiện (sau ngừng điều trị thay thế)',
      'Quyết định quản lý sau cai nghiện — 21/QĐ-UBND',
    ])
      await timeline.locator('li', { hasText: text }).first().waitFor();
    await shot(page, 'post-rehab-after-substitution-decided');
    expect(await casesOf()).toEqual([
      {
        basis: 'AFTER_SUBSTITUTION',
        status: 'UNDER_MANAGEMENT',
        decisionNumber: '21/QĐ-UBND',
        substitutionTreatmentId: treatmentId,
      },
    ]);
  });
});
