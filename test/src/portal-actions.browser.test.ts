import type { Page } from 'playwright-core';
import { addDays, RESPONSIBILITIES, units } from '@rehab/shared-schema';
import {
  accountUnit,
  addCommuneAccount,
  dmy,
  isoDate,
  logIn,
  openPage,
  openPersonByName,
  shot,
  startPortal,
  stopPortal,
  type Portal,
} from './portal-support';
import { population } from './fixtures';
import { call, registerPerson } from './legal-path-support';

/** One main action per agency through the portal's forms, with server validation and an edit conflict. */
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

/** The ward of the demo ward accounts (Phường Ba Đình), the province's police and the regional court the ward's dossiers go to. */
const ward = accountUnit('congan.phuongbadinh');
const court = accountUnit('toaan.kv1');

/** A person whose registry record is in the ward (today's unit). */
const subject = population.find((p) => p.currentResidence.unitPath === ward.path)!;

/** A person of Hà Nội recorded in today's units whose earlier drug-user management was superseded by rehab (none open). */
const detected = population.find(
  (p) =>
    p.currentResidence.unitPath === p.home.unitPath &&
    p.home.unitPath.startsWith(`${accountUnit('congan.hanoi').path}.`) &&
    p.rehab !== null &&
    p.rehab.admittedOn >= p.detectedOn &&
    p.id !== subject.id,
)!;

/** The person's dossier in progress, through the API. */
async function pendingDossier(token: string, personId: string): Promise<{ id: string; version: number; status: string }> {
  const found = await portal.api.graphql<{
    person: { compulsoryRehabDossiers: { id: string; version: number; status: string }[] };
  }>(token, 'query($id: ID!) { person(id: $id) { compulsoryRehabDossiers { id version status } } }', { id: personId });
  const pending = found.data!.person.compulsoryRehabDossiers.filter((d) =>
    ['DRAFTED', 'FORWARDED_TO_COURT', 'APPROVED'].includes(d.status),
  );
  expect(pending).toHaveLength(1);
  return pending[0]!;
}

describe('actions of each agency', () => {
  it('police: records a detection; a future date is refused beside its field, then the timeline shows it', async () => {
    await open();
    await logIn(page, portal, 'congan.hanoi');
    await openPersonByName(page, detected.fullName);
    await page.getByRole('button', { name: 'Ghi nhận phát hiện sử dụng ma túy' }).click();
    const form = page.getByTestId('form-detection');
    // Dates are shown and typed dd/mm/yyyy whatever the browser's language; a date not of the calendar is refused before sending.
    expect(await form.getByLabel('Ngày phát hiện').inputValue()).toBe(dmy(isoDate(0)));
    expect(await form.getByLabel('Ngày phát hiện').getAttribute('placeholder')).toBe('dd/mm/yyyy');
    await form.getByLabel('Ngày phát hiện').fill('31/02/2026');
    await form.getByLabel('Cách phát hiện').selectOption('CAUGHT_USING');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const dateError = form.locator('.form-field', { has: page.getByLabel('Ngày phát hiện') }).locator('.form-field__error');
    expect(await dateError.textContent()).toContain('ngày/tháng/năm');
    await form.getByLabel('Ngày phát hiện').fill(dmy(isoDate(10)));
    await form.getByLabel('Cách phát hiện').selectOption('CAUGHT_USING');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const fieldError = form.locator('.form-field', { has: page.getByLabel('Ngày phát hiện') }).locator('.form-field__error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('sau ngày hôm nay');
    expect(await form.getByLabel('Ngày phát hiện').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'action-police-field-error');
    await form.getByLabel('Ngày phát hiện').fill(dmy(isoDate(0)));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline
      .locator('li', { hasText: 'Phát hiện sử dụng trái phép chất ma túy' })
      .filter({ hasText: dmy(isoDate(0)) })
      .first()
      .waitFor();
    await shot(page, 'action-police-saved');

    // The police also ask health for an addiction determination.
    await page.getByRole('button', { name: 'Đề nghị xác định tình trạng nghiện' }).click();
    const request = page.getByTestId('form-request-determination');
    await request.getByLabel(/^Lý do\s*\*?$/).fill('Phát hiện sử dụng trái phép chất ma túy, đề nghị xác định tình trạng nghiện');
    await request.getByRole('button', { name: 'Gửi' }).click();
    await request.getByText('Đã lưu thành công').waitFor();
    await timeline.locator('li', { hasText: 'Đề nghị xác định tình trạng nghiện' }).first().waitFor();
  });

  it('health: records the examination requested by the police (conclusion derived), then enrols the person in methadone treatment', async () => {
    await open();
    await logIn(page, portal, 'yte.hanoi');
    await openPersonByName(page, detected.fullName);
    await page.getByRole('button', { name: /^Ghi nhận kết quả khám xác định/ }).click();
    const form = page.getByTestId('form-examination');
    await form.getByLabel('Số văn bản').fill('27/2026/XĐ-YT');
    await form.getByLabel('Nhóm chất').selectOption('OPIOIDS');
    for (const criterion of ['Thèm muốn mạnh mẽ', 'Mất kiểm soát', 'Hội chứng cai']) await form.getByLabel(criterion).check();
    await form.getByLabel('Thời gian biểu hiện').selectOption('TOGETHER_AT_LEAST_ONE_MONTH');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    const health = page.getByTestId('panel-health');
    await health.getByText('27/2026/XĐ-YT').waitFor();
    expect(await health.textContent()).toContain('Nghiện');
    await page.getByTestId('timeline').locator('li', { hasText: 'Kết luận xác định tình trạng nghiện' }).first().waitFor();
    await shot(page, 'action-health-examination');

    // Addicted to opioids: the person can now be enrolled in methadone treatment at a clinic.
    await page.getByRole('button', { name: 'Tiếp nhận điều trị thay thế' }).click();
    const enrol = page.getByTestId('form-enroll');
    // Clinics are chosen by name, the city's first; none is chosen for a city-wide officer.
    const clinic = enrol.getByLabel('Cơ sở điều trị');
    expect(await clinic.inputValue()).toBe('');
    const offered = await clinic.locator('option:not([disabled])').allTextContents();
    expect(offered.indexOf('Cơ sở điều trị Methadone Ba Đình')).toBeGreaterThanOrEqual(0);
    expect(offered.indexOf('Cơ sở điều trị Methadone Ba Đình')).toBeLessThan(offered.indexOf('Cơ sở điều trị Methadone Lào Cai'));
    await clinic.selectOption({ label: 'Cơ sở điều trị Methadone Ba Đình' });
    await enrol.getByRole('button', { name: 'Lưu' }).click();
    await enrol.getByText('Đã lưu thành công').waitFor();
    await health.getByText('Đang điều trị').waitFor();
    await page.getByTestId('timeline').locator('li', { hasText: 'Bắt đầu điều trị thay thế' }).first().waitFor();
  });

  it('volunteers: the commune assigns a volunteer, who then logs a visit from the worklist', async () => {
    const volunteerToken = await portal.system.login('tnv.phuongbadinh');
    const me = await portal.api.graphql<{ myVolunteerWorklist: { volunteer: { fullName: string } } }>(
      volunteerToken,
      '{ myVolunteerWorklist { volunteer { fullName } } }',
    );
    const volunteerName = me.data!.myVolunteerWorklist.volunteer.fullName;

    await open();
    await logIn(page, portal, 'ubnd.phuongbadinh');
    await openPersonByName(page, subject.fullName);
    await page.getByRole('button', { name: 'Phân công tình nguyện viên' }).click();
    const form = page.getByTestId('form-assign');
    const option = await form.getByLabel('Người hỗ trợ').locator('option', { hasText: volunteerName }).getAttribute('value');
    await form.getByLabel('Người hỗ trợ').selectOption(option);
    await form.getByLabel('Điện thoại').fill('0912345678');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    await page.getByTestId('panel-volunteers').getByText(volunteerName).waitFor();
    await shot(page, 'action-volunteers-assigned');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'tnv.phuongbadinh');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const row = page.getByTestId('worklist-volunteer').locator('tr', { hasText: subject.fullName });
    await row.waitFor();
    await row.getByRole('button', { name: 'Ghi nhận hoạt động hỗ trợ' }).click();
    const visit = page.getByTestId('form-log-visit');
    await visit.getByLabel('Hình thức hỗ trợ').selectOption('COUNSELLING');
    await visit.getByLabel('Ghi chú').fill('Tư vấn cho gia đình, người được hỗ trợ đã có việc làm');
    await visit.getByRole('button', { name: 'Lưu' }).click();
    await row.getByText(dmy(isoDate(0))).waitFor();
    await shot(page, 'action-volunteers-visit');
  });

  it('dossier: the commune chair is no longer offered it; the ward police draft it and send it to a regional court (the court required, an edit conflict loses nothing)', async () => {
    await open();
    // Since 1 March 2025 the head of commune police compiles and sends the dossier: the chair sees who does.
    await logIn(page, portal, 'ubnd.phuongbadinh');
    await openPersonByName(page, subject.fullName);
    await page.getByTestId('person-actions').waitFor();
    const who = page.getByTestId('who-compiles-dossiers');
    await who.waitFor();
    expect(await who.textContent()).toContain('Trưởng Công an cấp xã');
    expect(await page.getByRole('button', { name: 'Lập hồ sơ đề nghị cai nghiện bắt buộc' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'congan.phuongbadinh');
    await openPersonByName(page, subject.fullName);
    await page.getByRole('button', { name: 'Lập hồ sơ đề nghị cai nghiện bắt buộc' }).click();
    const draft = page.getByTestId('form-draft-dossier');
    // No legal ground is pre-selected: saving without one is refused beside the field, and nothing is sent.
    expect(await draft.getByLabel('Căn cứ đề nghị').inputValue()).toBe('');
    await draft.getByRole('button', { name: 'Lưu' }).click();
    const groundField = draft.locator('.form-field', { has: page.getByLabel('Căn cứ đề nghị') });
    expect(await groundField.locator('.form-field__error').textContent()).toContain('Chưa chọn');
    await draft.getByLabel('Căn cứ đề nghị').selectOption('NOT_REGISTERED');
    await draft.getByRole('button', { name: 'Lưu' }).click();
    // The legal step says what it will do and waits for confirmation.
    const question = draft.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain(subject.fullName);
    await shot(page, 'action-dossier-draft-confirm');
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    const dossier = page.locator('.record-actions', { hasText: 'Đang lập' });
    await dossier.waitFor();
    // One dossier in progress at a time: opening another is no longer offered.
    expect(await page.getByRole('button', { name: 'Lập hồ sơ đề nghị cai nghiện bắt buộc' }).count()).toBe(0);

    await dossier.getByRole('button', { name: 'Gửi hồ sơ đến Tòa án' }).click();
    const send = dossier.getByTestId('form-submit-dossier');
    const courtField = send.locator('.form-field', { has: page.getByLabel('Tòa án nhận hồ sơ') });
    // No court is pre-selected; sending without one is refused beside the field, naming the province's courts.
    expect(await send.getByLabel('Tòa án nhận hồ sơ').inputValue()).toBe('');
    await send.getByRole('button', { name: 'Lưu' }).click();
    await courtField.locator('.form-field__error').waitFor();
    expect(await courtField.locator('.form-field__error').textContent()).toContain(court.name);
    expect(await send.getByLabel('Tòa án nhận hồ sơ').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'action-dossier-court-required');
    await send.getByLabel('Tòa án nhận hồ sơ').selectOption(court.code);

    // Meanwhile a colleague sets the interim measure: the dossier's version moves on.
    const token = await portal.system.login('congan.phuongbadinh');
    const current = await pendingDossier(token, subject.id);
    const interim = await portal.api.graphql(
      token,
      `mutation($id: ID!, $v: Int!, $since: Date!) {
      setInterimMeasure(id: $id, expectedVersion: $v, input: { measure: FAMILY_MANAGEMENT, since: $since }) { version } }`,
      { id: current.id, v: current.version, since: isoDate(0) },
    );
    expect(interim.errors).toBeUndefined();

    // A legal step says what it will do and waits for confirmation.
    await send.getByRole('button', { name: 'Lưu' }).click();
    const confirm = send.getByTestId('confirm-notice');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`Gửi hồ sơ đến ${court.name}?`);
    await shot(page, 'action-dossier-confirm');
    await confirm.getByRole('button', { name: 'Xác nhận' }).click();
    await send.getByTestId('conflict-notice').waitFor();
    expect(await send.getByTestId('conflict-notice').textContent()).toContain('người khác cập nhật');
    expect(await send.getByLabel('Tòa án nhận hồ sơ').inputValue()).toBe(court.code);
    await shot(page, 'action-dossier-conflict');
    await send.getByRole('button', { name: 'Tải lại dữ liệu mới' }).click();
    await send.getByTestId('conflict-notice').waitFor({ state: 'detached' });
    expect(await send.getByLabel('Tòa án nhận hồ sơ').inputValue()).toBe(court.code);
    await send.getByRole('button', { name: 'Lưu' }).click();
    await send.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    // Sent straight to the court (no district review): the police have no further step; the timeline names the court.
    await page
      .getByTestId('timeline')
      .locator('li', { hasText: 'Chuyển hồ sơ sang Tòa án' })
      .filter({ hasText: court.name })
      .waitFor();
    await dossier.waitFor({ state: 'detached' });
    await shot(page, 'action-dossier-sent');
    const sent = await portal.api.graphql<{
      compulsoryRehabDossier: { status: string; court: { code: string } | null; interimMeasure: string | null };
    }>(token, 'query($id: ID!) { compulsoryRehabDossier(id: $id) { status court { code } interimMeasure } }', { id: current.id });
    expect(sent.data!.compulsoryRehabDossier).toEqual({
      status: 'FORWARDED_TO_COURT',
      court: { code: court.code },
      interimMeasure: 'FAMILY_MANAGEMENT',
    });
  });

  it("court: the regional court's clerk decides from the worklist of dossiers awaiting decision, a term outside the law refused beside its field", async () => {
    await open();
    await logIn(page, portal, 'toaan.kv1');
    // The clerk works for the court, not for labour.
    expect(await page.locator('.officer-bar').textContent()).toContain('Tòa án nhân dân');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const row = page.getByTestId('worklist-court').locator('tr', { hasText: subject.fullName });
    await row.waitFor();
    expect(await row.textContent()).toContain(court.name);
    await row.getByRole('button', { name: 'Ghi nhận quyết định của Tòa án' }).click();
    const form = row.getByTestId('form-decide');
    const hint = await form
      .locator('.form-field', { has: page.getByLabel('Thời hạn (tháng)') })
      .locator('.form-field__hint')
      .textContent();
    const [, max] = /từ (\d+) đến (\d+) tháng/.exec(hint ?? '') ?? [];
    expect(max).toBeDefined();
    expect(await form.getByLabel(/^Quyết định( \*)?$/).inputValue()).toBe('');
    await form.getByLabel(/^Quyết định( \*)?$/).selectOption('APPROVED');
    await form.getByLabel('Số quyết định').fill('15/2026/QĐ-TA');
    await form.getByLabel('Thời hạn (tháng)').fill(String(Number(max) + 12));
    // The province's facilities, each with the agency that runs it today (the provincial police).
    const facility = form.getByLabel('Cơ sở cai nghiện', { exact: true });
    const cscn1 = await facility.locator('option', { hasText: accountUnit('cscn1').name }).textContent();
    expect(cscn1).toContain('nay do Công an quản lý');
    await facility.selectOption('CSCN1');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    const termError = form.locator('.form-field', { has: page.getByLabel('Thời hạn (tháng)') }).locator('.form-field__error');
    await termError.waitFor();
    await shot(page, 'action-court-term-error');
    await form.getByLabel('Thời hạn (tháng)').fill(max!);
    await form.getByRole('button', { name: 'Lưu' }).click();
    expect(await form.getByTestId('confirm-notice').textContent()).toContain('15/2026/QĐ-TA');
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    // Decided: the dossier leaves the court's list.
    await row.waitFor({ state: 'detached' });
    await shot(page, 'action-court-decided');
    const token = await portal.system.login('toaan.kv1');
    const decided = await portal.api.graphql<{ dossiersAwaitingDecision: { id: string }[] }>(
      token,
      '{ dossiersAwaitingDecision { id } }',
    );
    expect(decided.errors).toBeUndefined();
    const police = await portal.system.login('congan.phuongbadinh');
    const dossier = await pendingDossier(police, subject.id);
    expect(dossier.status).toBe('APPROVED');
    expect(decided.data!.dossiersAwaitingDecision.map((d) => d.id)).not.toContain(dossier.id);
  });

  it('dossier of the past: sent to the district labour office before its review ended and never reviewed, listed read-only by the ended district, forwarded by the ward police to the regional court', async () => {
    // The last days of the district review, from the responsibility table (not a date written here).
    const reviewEnded = RESPONSIBILITIES.find((r) => r.step === 'DOSSIER_REVIEW')!.effectiveTo!;
    const police = { system: portal.api, token: await portal.system.login('congan.phuongbadinh') };
    const chair = { system: portal.api, token: await portal.system.login('ubnd.phuongbadinh') };
    const person = await registerPerson(police, 'Trần Văn Tồn Đọng', '1988-04-12');
    const drafted = await call<{ draftCompulsoryRehabDossier: { id: string } }>(
      police,
      `mutation($i: DraftDossierInput!) {
      draftCompulsoryRehabDossier(input: $i) { id } }`,
      {
        i: {
          personId: person.id,
          residenceUnitCode: ward.code,
          startedOn: addDays(reviewEnded, -20),
          ground: 'NOT_REGISTERED',
          subjectFullName: 'Trần Văn Tồn Đọng',
          subjectDateOfBirth: '1988-04-12',
        },
      },
    );
    const id = drafted.draftCompulsoryRehabDossier.id;
    await call(
      chair,
      'mutation($id: ID!, $on: Date!) { submitCompulsoryRehabDossier(id: $id, expectedVersion: 1, submittedOn: $on) { status } }',
      { id, on: addDays(reviewEnded, -10) },
    );

    await open();
    await logIn(page, portal, 'laodong.badinh');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const list = page.getByTestId('worklist-dossiers');
    const row = list.locator('tr', { hasText: 'Trần Văn Tồn Đọng' });
    await row.waitFor();
    expect(await list.locator('.worklist__note').textContent()).toContain('Chỉ xem');
    expect(await row.getByRole('button').count()).toBe(0);
    await shot(page, 'worklist-district-read-only');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'congan.phuongbadinh');
    await openPersonByName(page, 'Trần Văn Tồn Đọng');
    const record = page.locator('.record-actions', { hasText: 'Đã gửi Phòng Lao động' });
    await record.getByRole('button', { name: 'Chuyển hồ sơ sang Tòa án' }).click();
    const form = record.getByTestId('form-forward');
    await form.getByLabel('Tòa án nhận hồ sơ').selectOption(court.code);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await record.waitFor({ state: 'detached' });
    const forwarded = await call<{ compulsoryRehabDossier: { status: string; court: { code: string } | null } }>(
      police,
      'query($id: ID!) { compulsoryRehabDossier(id: $id) { status court { code } } }',
      { id },
    );
    expect(forwarded.compulsoryRehabDossier).toEqual({ status: 'FORWARDED_TO_COURT', court: { code: court.code } });
  });

  it('facility: admits the person the court sent, from the intake worklist', async () => {
    await open();
    await logIn(page, portal, 'cscn1');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const row = page.getByTestId('worklist-admissions').locator('tr', { hasText: subject.fullName });
    await row.getByRole('button', { name: 'Tiếp nhận vào cơ sở' }).click();
    const form = row.getByTestId('form-admit');
    // The facility is chosen from the province's facilities, the officer's own already chosen.
    expect(await form.getByLabel(/^Cơ sở cai nghiện( \*)?$/).inputValue()).toBe('CSCN1');
    await shot(page, 'action-facility-admission');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await row.waitFor({ state: 'detached' });
    const token = await portal.system.login('congan.phuongbadinh');
    const episodes = await portal.api.graphql<{
      person: { rehabEpisodes: { kind: string; status: string; facility: { code: string } }[] };
    }>(token, 'query($id: ID!) { person(id: $id) { rehabEpisodes { kind status facility { code } } } }', { id: subject.id });
    expect(episodes.data!.person.rehabEpisodes).toContainEqual({
      kind: 'COMPULSORY',
      status: 'ADMITTED',
      facility: { code: 'CSCN1' },
    });
  });

  it('facility: grants leave from the worklist (a due date before the start refused beside it), records the return, an escape and the return after it', async () => {
    const resident = population.find(
      (p) => p.rehab?.status === 'ADMITTED' && p.rehab.facilityCode === 'CSCN1' && p.rehab.kind === 'COMPULSORY',
    )!;
    await open();
    await logIn(page, portal, 'cscn1');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.getByLabel('Tháng dự kiến hoàn thành (để trống: tháng này)').fill(resident.rehab!.plannedEndOn.slice(0, 7));
    const row = page.getByTestId('worklist-episodes-due').locator('tr', { hasText: resident.fullName });
    await row.getByRole('button', { name: 'Cho về phép' }).click();
    const form = row.getByTestId('form-grant-leave');
    await form.getByLabel('Lý do về phép').selectOption('FUNERAL');
    await form.getByLabel('Ngày phải trở lại').fill(dmy(isoDate(-1)));
    await form.getByRole('button', { name: 'Lưu' }).click();
    const dueError = form.locator('.form-field', { has: page.getByLabel('Ngày phải trở lại') }).locator('.form-field__error');
    await dueError.waitFor();
    expect(await dueError.textContent()).toContain('ngày bắt đầu phép');
    await form.getByLabel('Ngày phải trở lại').fill(dmy(isoDate(3)));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await row.getByText('Đang nghỉ phép').waitFor();
    await shot(page, 'action-facility-leave');
    await row.getByRole('button', { name: 'Ghi nhận trở lại sau phép' }).click();
    await row.getByTestId('form-return-leave').getByRole('button', { name: 'Lưu' }).click();
    await row.getByText('Đang cai nghiện').waitFor();

    // An escape, then the return.
    await row.getByRole('button', { name: 'Ghi nhận bỏ trốn' }).click();
    await row.getByTestId('form-escape').getByLabel('Ghi chú').fill('Trốn khỏi khu lao động trị liệu');
    await row.getByTestId('form-escape').getByRole('button', { name: 'Lưu' }).click();
    // The resident moves from the list of those due to complete to the absconders', where the return is recorded.
    await row.waitFor({ state: 'detached' });
    const gone = page.getByTestId('worklist-absconded').locator('tr', { hasText: resident.fullName });
    await gone.getByText('Bỏ trốn', { exact: true }).waitFor();
    await shot(page, 'action-facility-absconded');
    await gone.getByRole('button', { name: 'Ghi nhận trở lại sau bỏ trốn' }).click();
    await gone.getByTestId('form-return-escape').getByRole('button', { name: 'Lưu' }).click();
    await gone.waitFor({ state: 'detached' });
    await row.getByText('Đang cai nghiện').waitFor();
  });

  it("facility: completes a resident's rehab from the worklist; the commune's post-rehab case opens", async () => {
    // The second compulsory resident of CSCN1 (the first is the leave test's).
    const resident = population.filter(
      (p) => p.rehab?.status === 'ADMITTED' && p.rehab.facilityCode === 'CSCN1' && p.rehab.kind === 'COMPULSORY',
    )[1]!;
    await open();
    await logIn(page, portal, 'cscn1');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.getByLabel('Tháng dự kiến hoàn thành (để trống: tháng này)').fill(resident.rehab!.plannedEndOn.slice(0, 7));
    const row = page.getByTestId('worklist-episodes-due').locator('tr', { hasText: resident.fullName });
    await row.getByRole('button', { name: 'Hoàn thành cai nghiện' }).click();
    const form = row.getByTestId('form-complete');
    await form.getByLabel('Số giấy chứng nhận').fill('GCN-215/2026/CSCN1');
    await shot(page, 'action-facility-complete');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await row.waitFor({ state: 'detached' });
    const token = await portal.system.login('laodong.hanoi');
    const seen = await portal.api.graphql<{
      person: { rehabEpisodes: { status: string; certificateNumber: string | null }[]; postRehabCases: { status: string }[] };
    }>(token, 'query($id: ID!) { person(id: $id) { rehabEpisodes { status certificateNumber } postRehabCases { status } } }', {
      id: resident.id,
    });
    expect(seen.data!.person.rehabEpisodes).toContainEqual({ status: 'COMPLETED', certificateNumber: 'GCN-215/2026/CSCN1' });
    expect(seen.data!.person.postRehabCases).toContainEqual({ status: 'AWAITING_DECISION' });
  });

  it("commune: the chairman decides a drug-user management, the police record a check-in, the chairman ends it (the law's period explained beside the date)", async () => {
    // A person of the ward detected today by the ward police (set up through the API; the detection form is tested above).
    const police = { system: portal.api, token: await portal.system.login('congan.phuongbadinh') };
    const managed = await registerPerson(police, 'Phan Văn Trình Diện', '1991-03-04');
    await call(
      police,
      `mutation($p: ID!, $d: Date!) { recordDrugUseDetection(personId: $p, input: { detectedOn: $d, method: CAUGHT_USING,
      substances: [STIMULANTS] }) { id } }`,
      { p: managed.id, d: isoDate(0) },
    );
    const records = () => page.locator('.record-actions', { hasText: 'Quản lý người sử dụng ma túy' });

    await open();
    await logIn(page, portal, 'ubnd.phuongbadinh');
    await openPersonByName(page, 'Phan Văn Trình Diện');
    const pending = records().filter({ hasText: 'Chờ quyết định quản lý' });
    await pending.getByRole('button', { name: 'Quyết định quản lý người sử dụng ma túy' }).click();
    const decide = pending.getByTestId('form-decide-management');
    await decide.getByLabel('Số quyết định').fill('21/QĐ-UBND');
    await decide.getByRole('button', { name: 'Lưu' }).click();
    await records().filter({ hasText: 'Đang quản lý' }).first().waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'congan.phuongbadinh');
    await openPersonByName(page, 'Phan Văn Trình Diện');
    const active = records().filter({ hasText: 'Đang quản lý' });
    await active.getByRole('button', { name: 'Ghi nhận trình diện' }).click();
    const checkIn = active.getByTestId('form-check-in');
    await checkIn.getByLabel('Ghi chú').fill('Trình diện đúng hẹn, có việc làm ổn định');
    await checkIn.getByRole('button', { name: 'Lưu' }).click();
    await checkIn.getByText('Đã lưu thành công').waitFor();
    await shot(page, 'action-police-check-in');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'ubnd.phuongbadinh');
    await openPersonByName(page, 'Phan Văn Trình Diện');
    const open2 = records().filter({ hasText: 'Đang quản lý' });
    await open2.getByRole('button', { name: 'Kết thúc quản lý' }).click();
    const end = open2.getByTestId('form-end-management');
    await end.getByLabel('Lý do kết thúc').selectOption('PERIOD_COMPLETED');
    await end.getByRole('button', { name: 'Lưu' }).click();
    // Before the period's end, "period completed" is refused beside the date.
    const dateError = end.locator('.form-field', { has: page.getByLabel('Ngày kết thúc') }).locator('.form-field__error');
    await dateError.waitFor();
    expect(await dateError.textContent()).toContain('Thời hạn quản lý đến ngày');
    await shot(page, 'action-commune-end-error');
    await end.getByLabel('Lý do kết thúc').selectOption('DECISION_REVOKED');
    await end.getByRole('button', { name: 'Lưu' }).click();
    // An ended management has no further step: its actions leave the page.
    await records().filter({ hasText: 'Đang quản lý' }).waitFor({ state: 'detached' });
    const seen = await call<{
      person: {
        drugUserManagements: {
          status: string;
          decisionNumber: string | null;
          endReason: string | null;
          checkIns: { note: string }[];
        }[];
      };
    }>(
      police,
      'query($id: ID!) { person(id: $id) { drugUserManagements { status decisionNumber endReason checkIns { note } } } }',
      { id: managed.id },
    );
    expect(seen.person.drugUserManagements).toEqual([
      {
        status: 'ENDED',
        decisionNumber: '21/QĐ-UBND',
        endReason: 'DECISION_REVOKED',
        checkIns: [{ note: 'Trình diện đúng hẹn, có việc làm ổn định' }],
      },
    ]);
  });

  it('commune: the chairman decides post-rehab management of the resident who just completed rehab', async () => {
    const resident = population.filter(
      (p) => p.rehab?.status === 'ADMITTED' && p.rehab.facilityCode === 'CSCN1' && p.rehab.kind === 'COMPULSORY',
    )[1]!;
    // The chairman of the commune the resident lives in today.
    const chairman = await addCommuneAccount(portal, 'commune_official', resident.home.unitCode);
    await open();
    await logIn(page, portal, chairman);
    await openPersonByName(page, resident.fullName);
    const record = page.locator('.record-actions', { hasText: 'Quản lý sau cai nghiện' }).filter({ hasText: 'Chờ quyết định' });
    await record.getByRole('button', { name: 'Quyết định quản lý sau cai nghiện' }).click();
    const form = record.getByTestId('form-decide-post-rehab');
    await form.getByLabel('Số quyết định').fill('88/QĐ-UBND');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page
      .locator('.record-actions', { hasText: 'Quản lý sau cai nghiện' })
      .filter({ hasText: 'Đang quản lý' })
      .first()
      .waitFor();
    await shot(page, 'action-commune-post-rehab-decided');
  });

  it("province: the provincial police assign a person of a split commune to the suggested new ward, who is then the ward police's", async () => {
    const province = accountUnit('congan.hanoi');
    // Recorded before the reform in a commune split between several new ones, and not yet assigned.
    const waiting = population.find(
      (p) => p.currentResidence.unitPath.startsWith(`${province.path}.`) && units().isSplit(p.currentResidence.unitPath),
    )!;
    const former = units().byUnitPath(waiting.currentResidence.unitPath)!;
    const home = units().byUnitPath(waiting.home.unitPath)!;
    const wardPolice = await addCommuneAccount(portal, 'police_officer', home.code);

    // Before: the new ward's police do not see the person.
    await open();
    await logIn(page, portal, wardPolice);
    await page.getByLabel('Số định danh cá nhân').fill(waiting.identificationNumber);
    await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
    await page.getByText('Không tìm thấy người phù hợp').waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    // The supervisor reads the worklist, without the action.
    await logIn(page, portal, 'giamsat.hanoi');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const read = page.getByTestId('worklist-reassignment').locator('tr', { hasText: waiting.identificationNumber });
    await read.waitFor();
    expect(await read.getByRole('button').count()).toBe(0);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'congan.hanoi');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const list = page.getByTestId('worklist-reassignment');
    const row = list.locator('tr', { hasText: waiting.identificationNumber });
    await row.waitFor();
    expect(await row.textContent()).toContain(former.name);
    expect(await row.textContent()).toContain(home.name);
    await row.getByRole('button', { name: 'Phân về xã, phường mới' }).click();
    const form = row.getByTestId('form-assign-unit');
    // The address's suggestion is pre-selected among the new communes that took part of the old one.
    const select = form.getByLabel('Xã, phường mới');
    expect(await select.inputValue()).toBe(home.code);
    expect(await select.locator('option').allTextContents()).toEqual(
      units()
        .successors(former)
        .map((l) => l.successor)
        .sort((x, y) => x.code.localeCompare(y.code))
        .map((u) => u.name),
    );
    await form.getByRole('button', { name: 'Lưu' }).click();
    const confirm = form.getByTestId('confirm-notice');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`Phân ${waiting.fullName} về ${home.name}?`);
    await shot(page, 'action-reassignment-confirm');
    await confirm.getByRole('button', { name: 'Xác nhận' }).click();
    const done = list.getByTestId('reassignment-done');
    await done.waitFor();
    expect(await done.textContent()).toBe(`Đã phân ${waiting.fullName} về ${home.name}`);
    await row.waitFor({ state: 'detached' });
    await shot(page, 'action-reassignment-done');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    // After: the person is the new ward's, under today's unit name.
    await logIn(page, portal, wardPolice);
    await openPersonByName(page, waiting.fullName);
    const residence = await page
      .getByTestId('panel-police')
      .locator('.field', { hasText: 'Nơi ở hiện tại' })
      .locator('dd')
      .textContent();
    // Today's unit: no note of an ended unit.
    expect(residence).toBe(`${waiting.currentResidence.addressLine}, ${home.name}`);
  });

  it('health: enters a clinic’s day of doses; a bad dose is named beside its row, nothing recorded until corrected', async () => {
    await open();
    await logIn(page, portal, 'yte.mmt001');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const form = page.getByTestId('form-dose-day');
    await form.waitFor();
    const rows = form.locator('tbody tr');
    const before = await rows.count();
    const first = rows.first();
    await first.getByRole('checkbox').check();
    await first.getByLabel(/Liều \(mg\)/).fill('0');
    await form.getByRole('button', { name: 'Ghi sổ 1 liều' }).click();
    await first.locator('.form-field__error').waitFor();
    expect(await first.locator('.form-field__error').textContent()).toContain('ngoài khoảng');
    expect(await form.getByText('Chưa liều nào được ghi').count()).toBe(1);
    await shot(page, 'action-health-row-error');
    await first.getByLabel(/Liều \(mg\)/).fill('60');
    await form.getByRole('button', { name: 'Ghi sổ 1 liều' }).click();
    // The dosed patient leaves the list of those still awaiting a dose that day.
    await rows.nth(before - 1).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(before - 1);
    await shot(page, 'action-health-doses');
  });
});
