import { addCommuneAccount, apiCall, dmy, isoDate, logIn, openPersonById, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * A person under post-rehab management tests positive: the commune chairman records the use
 * (not a relapse into addiction) from the person's page; the management goes on, the labour
 * panel and the timeline show the use, and the commune police are told in their inbox.
 */
const suite = portalSuite();

interface Case {
  id: string;
  status: string;
  residenceUnit: { code: string };
  decisionOn: string | null;
  endsOn: string | null;
  drugUses: { usedOn: string; evidence: string }[];
}

/** A demo person under management whose period runs past today, with no use recorded yet. */
async function managedPerson(): Promise<{ id: string; fullName: string; unitCode: string; caseId: string }> {
  const today = isoDate();
  const candidates = population.filter(
    (p) => p.postRehab && !p.postRehab.completed && !p.postRehab.relapsedOn && p.postRehab.endsOn > today,
  );
  for (const p of candidates) {
    const { person } = await apiCall<{ person: { postRehabCases: Case[] | null } | null }>(
      suite.portal,
      'congan.hanoi',
      'query($id: ID!) { person(id: $id) { postRehabCases { id status residenceUnit { code } decisionOn endsOn drugUses { usedOn evidence } } } }',
      { id: p.id },
    );
    // People of Lào Cai are outside the Hà Nội police's scope (null).
    const open = (person?.postRehabCases ?? []).find(
      (c) => c.status === 'UNDER_MANAGEMENT' && c.drugUses.length === 0 && (c.decisionOn ?? today) < isoDate(-2),
    );
    if (open) return { id: p.id, fullName: p.fullName, unitCode: open.residenceUnit.code, caseId: open.id };
  }
  throw new Error('no demo person under post-rehab management without a recorded use');
}

describe('drug use during post-rehab management', () => {
  it('the commune records a use from the person page; the management goes on and the use is on the record', async () => {
    const subject = await managedPerson();
    const chairman = await addCommuneAccount(suite.portal, 'commune_official', subject.unitCode);
    const page = await suite.open();
    await logIn(page, suite.portal, chairman);
    await openPersonById(page, suite.portal, subject);

    const record = page
      .locator('.record-actions', { hasText: 'Quản lý sau cai nghiện (' })
      .filter({ hasText: 'Đang quản lý' })
      .first();
    await record.getByRole('button', { name: 'Ghi nhận sử dụng ma túy (chưa tái nghiện)' }).click();
    const form = record.getByTestId('form-post-rehab-drug-use');
    // The form says what the step is, and how it differs from a relapse into addiction.
    expect(await form.textContent()).toContain('Tái nghiện (nghiện trở lại) ghi ở bước');
    // How it was found is chosen, never assumed.
    expect(await form.getByLabel('Căn cứ phát hiện').inputValue()).toBe('');
    await form.getByLabel('Ngày sử dụng').fill(isoDate(-1));
    await form.getByLabel('Căn cứ phát hiện').selectOption('POSITIVE_TEST');
    await form.getByLabel('Ghi chú').fill('Test nhanh nước tiểu dương tính');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    await form.getByRole('button', { name: 'Đóng' }).click();

    // Still under management, with the use on the labour panel and on the timeline.
    const panel = page.getByTestId('panel-labor').getByRole('region', { name: 'Quản lý sau cai nghiện' });
    await panel.getByText(`${dmy(isoDate(-1))} (Xét nghiệm dương tính)`).waitFor();
    expect(await panel.textContent()).toContain('Đang quản lý');
    await page
      .getByTestId('timeline')
      .locator('li', { hasText: 'Sử dụng ma túy trong thời gian quản lý sau cai nghiện' })
      .waitFor();
    await shot(page, 'post-rehab-drug-use-recorded');

    // Recording the same day again is refused beside the date: it is already on the record.
    await record.getByRole('button', { name: 'Ghi nhận sử dụng ma túy (chưa tái nghiện)' }).click();
    const again = record.getByTestId('form-post-rehab-drug-use');
    await again.getByLabel('Ngày sử dụng').fill(isoDate(-1));
    await again.getByLabel('Căn cứ phát hiện').selectOption('CAUGHT_USING');
    await again.getByRole('button', { name: 'Lưu' }).click();
    const dayField = again.locator('.form-field', { has: page.getByLabel('Ngày sử dụng') });
    await dayField.locator('.form-field__error').waitFor();
    expect(await dayField.locator('.form-field__error').textContent()).toContain(
      'Đã ghi nhận việc sử dụng ma túy của người này trong ngày đó',
    );
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    // The commune police are told.
    const police = await addCommuneAccount(suite.portal, 'police_officer', subject.unitCode);
    await logIn(page, suite.portal, police);
    await page.getByRole('link', { name: /^Thông báo/ }).click();
    await page
      .getByTestId('inbox')
      .getByRole('row', { name: new RegExp(subject.fullName) })
      .filter({ hasText: 'Sử dụng ma túy trong thời gian quản lý sau cai nghiện (chưa tái nghiện)' })
      .waitFor();

    const { postRehabCase } = await apiCall<{ postRehabCase: Case }>(
      suite.portal,
      'congan.hanoi',
      'query($id: ID!) { postRehabCase(id: $id) { id status residenceUnit { code } decisionOn endsOn drugUses { usedOn evidence } } }',
      { id: subject.caseId },
    );
    expect(postRehabCase).toMatchObject({
      status: 'UNDER_MANAGEMENT',
      drugUses: [{ usedOn: isoDate(-1), evidence: 'POSITIVE_TEST' }],
    });
  });
});
