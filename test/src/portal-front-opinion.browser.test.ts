import { apiCall, dmy, isoDate, logIn, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * The ward's Fatherland Front committee finds a compulsory dossier its police sent to the
 * regional court, gives its opinion from the worklist (reasons required to disagree, the
 * step confirmed), and the court clerk reads it beside the dossier awaiting decision; the
 * ward police are told in their inbox and read it on the person's timeline.
 */
const suite = portalSuite();

const WARD = '00004';
const COURT = 'TAKV-HN01';
const PENDING = ['DRAFTED', 'SUBMITTED', 'RETURNED_FOR_CORRECTION', 'FORWARDED_TO_COURT', 'POSTPONED', 'APPROVED'];
const REASONS = 'Gia đình cam kết quản lý tại nhà; đề nghị cho cai nghiện tự nguyện tại cộng đồng';

/** A person living in the ward with no dossier in progress, and a dossier the ward police send to the court for them. */
async function sentDossier(): Promise<{ id: string; fullName: string }> {
  const candidates = population.filter((p) => p.currentResidence.unitCode === WARD && p.home.unitCode === WARD);
  for (const p of candidates) {
    const { person } = await apiCall<{ person: { compulsoryRehabDossiers: { status: string }[] | null } }>(
      suite.portal,
      'congan.phuongbadinh',
      'query($id: ID!) { person(id: $id) { compulsoryRehabDossiers { status } } }',
      { id: p.id },
    );
    if ((person.compulsoryRehabDossiers ?? []).some((d) => PENDING.includes(d.status))) continue;
    const { draftCompulsoryRehabDossier: d } = await apiCall<{ draftCompulsoryRehabDossier: { id: string; version: number } }>(
      suite.portal,
      'congan.phuongbadinh',
      `mutation($input: DraftDossierInput!) { draftCompulsoryRehabDossier(input: $input) { id version } }`,
      {
        input: {
          personId: p.id,
          residenceUnitCode: WARD,
          startedOn: isoDate(-5),
          ground: 'NOT_REGISTERED',
          subjectFullName: p.fullName,
          subjectDateOfBirth: p.dateOfBirth,
        },
      },
    );
    await apiCall(
      suite.portal,
      'congan.phuongbadinh',
      `mutation($id: ID!, $v: Int!, $on: Date!, $court: ID!) {
        submitCompulsoryRehabDossier(id: $id, expectedVersion: $v, submittedOn: $on, courtUnitCode: $court) { id } }`,
      { id: d.id, v: d.version, on: isoDate(-3), court: COURT },
    );
    return { id: p.id, fullName: p.fullName };
  }
  throw new Error(`no person of ${WARD} without a dossier in progress`);
}

describe("the Fatherland Front's opinion on a compulsory dossier", () => {
  it('the committee gives its opinion from the worklist; the court and the ward police read it', async () => {
    const subject = await sentDossier();
    const page = await suite.open();
    await logIn(page, suite.portal, 'mttq.phuongbadinh');
    // The committee reads the dossiers put to it: no registry search, no inbox.
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: /^Việc cần làm/ }).waitFor();
    expect(await nav.getByRole('link', { name: /^Tìm kiếm/ }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: /^Thông báo/ }).count()).toBe(0);
    await nav.getByRole('link', { name: /^Việc cần làm/ }).click();

    const awaiting = page.getByTestId('worklist-front-awaiting');
    const row = awaiting.getByRole('row', { name: new RegExp(subject.fullName) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Không đăng ký cai nghiện tự nguyện');
    expect(await row.textContent()).toContain(dmy(isoDate(-3)));
    // The row names the person as the dossier records them: it opens no Person-360 page.
    expect(await row.getByRole('link', { name: subject.fullName }).count()).toBe(0);
    await shot(page, 'front-opinion-worklist');

    await row.getByRole('button', { name: 'Ghi ý kiến của Mặt trận' }).click();
    const form = page.getByTestId('form-front-opinion');
    await form.getByLabel('Ý kiến của Mặt trận').selectOption('DISAGREE');
    // Disagreeing without reasons is refused beside the field, after the confirmation, and nothing is recorded.
    await form.getByRole('button', { name: 'Lưu' }).click();
    const confirm = form.getByTestId('confirm-notice');
    expect(await confirm.textContent()).toContain(`“Không nhất trí” của Mặt trận về hồ sơ của ${subject.fullName}`);
    await confirm.getByRole('button', { name: 'Xác nhận' }).click();
    const reasonsField = form.locator('.form-field', { has: page.getByLabel('Lý do, đề xuất') });
    await reasonsField.locator('.form-field__error').waitFor();
    expect(await reasonsField.locator('.form-field__error').textContent()).toContain('phải ghi rõ lý do');
    await shot(page, 'front-opinion-reasons-required');

    await form.getByLabel('Lý do, đề xuất').fill(REASONS);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    const answered = page.getByTestId('worklist-front-answered').getByRole('row', { name: new RegExp(subject.fullName) });
    await answered.waitFor();
    expect(await answered.textContent()).toContain('Không nhất trí');
    expect(await answered.textContent()).toContain(REASONS);
    await row.waitFor({ state: 'detached' });
    await shot(page, 'front-opinion-answered');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    // The regional court reads the opinion beside the dossier it is to decide.
    await logIn(page, suite.portal, 'toaan.kv1');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^Việc cần làm/ })
      .click();
    const courtRow = page.getByTestId('worklist-court').getByRole('row', { name: new RegExp(subject.fullName) });
    await courtRow.waitFor();
    expect(await courtRow.textContent()).toContain(`Không nhất trí (${dmy(isoDate())}): ${REASONS}`);
    await shot(page, 'front-opinion-court');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    // The ward police are told, and the person's timeline has it.
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await page.getByRole('link', { name: /^Thông báo/ }).click();
    const notice = page
      .getByTestId('inbox')
      .getByRole('row', { name: new RegExp(subject.fullName) })
      .filter({ hasText: 'Mặt trận Tổ quốc đã cho ý kiến về hồ sơ đề nghị cai nghiện bắt buộc' });
    await notice.waitFor();
    await notice.getByRole('link', { name: subject.fullName }).click();
    await page.getByTestId('timeline').locator('li', { hasText: 'Mặt trận Tổ quốc không nhất trí với hồ sơ đề nghị' }).waitFor();
  });
});
