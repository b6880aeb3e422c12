import type { Page } from 'playwright-core';
import { logIn, openPage, openPersonByName, shot, startPortal, stopPortal, type Portal } from './portal-support';
import { seedIdentity } from '@rehab/gateway';
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
  await page?.close();
  expect(problems ?? []).toEqual([]);
});

async function open(): Promise<Page> {
  ({ page, problems } = await openPage(portal));
  return page;
}

/** A date in Hà Nội (the pages run in Asia/Ho_Chi_Minh, as the servers judge "today"). */
function isoDate(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

const dmy = (iso: string): string => iso.split('-').reverse().join('/');

/** A person living in commune 00101 (Phường Ba Đình 1), the demo commune accounts' unit. */
const subject = population.find((p) => p.currentResidence.unitCode === '00101')!;

/** A person of Ba Đình whose earlier drug-user management was superseded by rehab (none open). */
const detected = population.find((p) => p.currentResidence.unitCode.startsWith('001') && p.rehab !== null
  && p.rehab.admittedOn >= p.detectedOn && p.id !== subject.id)!;

describe('actions of each agency', () => {
  it('police: records a detection; a future date is refused beside its field, then the timeline shows it', async () => {
    await open();
    await logIn(page, portal, 'congan.badinh');
    await openPersonByName(page, detected.fullName);
    await page.getByRole('button', { name: 'Ghi nhận phát hiện sử dụng ma túy' }).click();
    const form = page.getByTestId('form-detection');
    await form.getByLabel('Ngày phát hiện').fill(isoDate(10));
    await form.getByLabel('Cách phát hiện').selectOption('CAUGHT_USING');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const fieldError = form.locator('.form-field', { has: page.getByLabel('Ngày phát hiện') }).locator('.form-field__error');
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toContain('sau ngày hôm nay');
    expect(await form.getByLabel('Ngày phát hiện').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'action-police-field-error');
    await form.getByLabel('Ngày phát hiện').fill(isoDate(0));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    const timeline = page.getByTestId('timeline');
    await timeline.locator('li', { hasText: 'Phát hiện sử dụng trái phép chất ma túy' }).filter({ hasText: dmy(isoDate(0)) }).first().waitFor();
    await shot(page, 'action-police-saved');

    // The police also ask health for an addiction determination.
    await page.getByRole('button', { name: 'Đề nghị xác định tình trạng nghiện' }).click();
    const request = page.getByTestId('form-request-determination');
    await request.getByLabel('Lý do').fill('Phát hiện sử dụng trái phép chất ma túy, đề nghị xác định tình trạng nghiện');
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
    await enrol.getByLabel('Mã cơ sở điều trị').fill('MMT001');
    await enrol.getByRole('button', { name: 'Lưu' }).click();
    await enrol.getByText('Đã lưu thành công').waitFor();
    await health.getByText('Đang điều trị').waitFor();
    await page.getByTestId('timeline').locator('li', { hasText: 'Bắt đầu điều trị thay thế' }).first().waitFor();
  });

  it('volunteers: the commune assigns a volunteer, who then logs a visit from the worklist', async () => {
    const volunteerToken = await portal.system.login('tnv.xa00101');
    const me = await portal.system.graphql<{ myVolunteerWorklist: { volunteer: { fullName: string } } }>(volunteerToken,
      '{ myVolunteerWorklist { volunteer { fullName } } }');
    const volunteerName = me.data!.myVolunteerWorklist.volunteer.fullName;

    await open();
    await logIn(page, portal, 'ubnd.xa00101');
    await openPersonByName(page, subject.fullName);
    await page.getByRole('button', { name: 'Phân công tình nguyện viên' }).click();
    const form = page.getByTestId('form-assign');
    const option = await form.getByLabel('Người hỗ trợ').locator('option', { hasText: volunteerName }).getAttribute('value');
    await form.getByLabel('Người hỗ trợ').selectOption(option!);
    await form.getByLabel('Điện thoại').fill('0912345678');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    await page.getByTestId('panel-volunteers').getByText(volunteerName).waitFor();
    await shot(page, 'action-volunteers-assigned');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'tnv.xa00101');
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

  it('labour-welfare: the commune opens and submits a dossier; the district returns it after an edit conflict, nothing typed lost', async () => {
    await open();
    await logIn(page, portal, 'ubnd.xa00101');
    await openPersonByName(page, subject.fullName);
    await page.getByRole('button', { name: 'Lập hồ sơ đề nghị cai nghiện bắt buộc' }).click();
    const draft = page.getByTestId('form-draft-dossier');
    await draft.getByLabel('Căn cứ đề nghị').selectOption('NOT_REGISTERED');
    await draft.getByRole('button', { name: 'Lưu' }).click();
    await draft.getByText('Đã lưu thành công').waitFor();
    const dossier = page.locator('.record-actions', { hasText: 'Đang lập' });
    await dossier.getByRole('button', { name: 'Gửi hồ sơ lên Phòng Lao động' }).click();
    await dossier.getByTestId('form-submit-dossier').getByRole('button', { name: 'Lưu' }).click();
    // Submitted: the commune has no further action on it; the timeline records the step.
    await page.getByTestId('timeline').locator('li', { hasText: 'Gửi hồ sơ lên Phòng Lao động' }).waitFor();
    await dossier.waitFor({ state: 'detached' });
    await shot(page, 'action-labor-submitted');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'laodong.badinh');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const row = page.getByTestId('worklist-dossiers').locator('tr', { hasText: subject.fullName });
    await row.getByRole('button', { name: 'Trả hồ sơ để bổ sung' }).click();
    const form = row.getByTestId('form-return-dossier');
    const reason = 'Thiếu văn bản xác định tình trạng nghiện của cơ sở y tế';
    await form.getByLabel('Nội dung cần bổ sung').fill(reason);

    // Meanwhile a colleague records an interim measure: the dossier's version moves on.
    const token = await portal.system.login('laodong.badinh');
    const list = await portal.system.graphql<{ dossiersAwaitingReview: { id: string; version: number; subjectFullName: string }[] }>(token,
      '{ dossiersAwaitingReview(unitCode: "001") { id version subjectFullName } }');
    const current = list.data!.dossiersAwaitingReview.find((d) => d.subjectFullName === subject.fullName)!;
    const interim = await portal.system.graphql(token, `mutation($id: ID!, $v: Int!, $since: Date!) {
      setInterimMeasure(id: $id, expectedVersion: $v, input: { measure: FAMILY_MANAGEMENT, since: $since }) { version } }`,
    { id: current.id, v: current.version, since: isoDate(0) });
    expect(interim.errors).toBeUndefined();

    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('conflict-notice').waitFor();
    expect(await form.getByTestId('conflict-notice').textContent()).toContain('người khác cập nhật');
    expect(await form.getByLabel('Nội dung cần bổ sung').inputValue()).toBe(reason);
    await shot(page, 'action-labor-conflict');
    await form.getByRole('button', { name: 'Tải lại dữ liệu mới' }).click();
    await form.getByTestId('conflict-notice').waitFor({ state: 'detached' });
    expect(await form.getByLabel('Nội dung cần bổ sung').inputValue()).toBe(reason);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await row.waitFor({ state: 'detached' });
    const after = await portal.system.graphql<{ compulsoryRehabDossier: { status: string; correctionReason: string } }>(token,
      'query($id: ID!) { compulsoryRehabDossier(id: $id) { status correctionReason } }', { id: current.id });
    expect(after.data!.compulsoryRehabDossier).toEqual({ status: 'RETURNED_FOR_CORRECTION', correctionReason: reason });
  });

  it('court: the district forwards the corrected dossier; the clerk records the decision, a term outside the law refused beside its field', async () => {
    const commune = await portal.system.login('ubnd.xa00101');
    const found = await portal.system.graphql<{ person: { compulsoryRehabDossiers: { id: string; version: number; status: string }[] } }>(commune,
      'query($id: ID!) { person(id: $id) { compulsoryRehabDossiers { id version status } } }', { id: subject.id });
    const dossier = found.data!.person.compulsoryRehabDossiers.find((d) => d.status === 'RETURNED_FOR_CORRECTION')!;
    const resubmitted = await portal.system.graphql(commune, 'mutation($id: ID!, $v: Int!) { submitCompulsoryRehabDossier(id: $id, expectedVersion: $v) { status } }',
      { id: dossier.id, v: dossier.version });
    expect(resubmitted.errors).toBeUndefined();

    await open();
    await logIn(page, portal, 'laodong.badinh');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const row = page.getByTestId('worklist-dossiers').locator('tr', { hasText: subject.fullName });
    await row.getByRole('button', { name: 'Chuyển hồ sơ sang Tòa án' }).click();
    await row.getByTestId('form-forward').getByRole('button', { name: 'Lưu' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'toaan.badinh');
    // The clerk works for the court, not for labour.
    expect(await page.locator('.officer-bar').textContent()).toContain('Tòa án nhân dân');
    await openPersonByName(page, subject.fullName);
    const record = page.locator('.record-actions', { hasText: 'Đã chuyển Tòa án' });
    await record.getByRole('button', { name: 'Ghi nhận quyết định của Tòa án' }).click();
    const form = record.getByTestId('form-decide');
    const hint = await form.locator('.form-field', { has: page.getByLabel('Thời hạn (tháng)') }).locator('.form-field__hint').textContent();
    const [, max] = /từ (\d+) đến (\d+) tháng/.exec(hint ?? '') ?? [];
    expect(max).toBeDefined();
    await form.getByLabel('Quyết định', { exact: true }).selectOption('APPROVED');
    await form.getByLabel('Số quyết định').fill('15/2026/QĐ-TA');
    await form.getByLabel('Thời hạn (tháng)').fill(String(Number(max) + 12));
    await form.getByLabel('Mã cơ sở cai nghiện').fill('CSCN1');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const termError = form.locator('.form-field', { has: page.getByLabel('Thời hạn (tháng)') }).locator('.form-field__error');
    await termError.waitFor();
    await shot(page, 'action-court-term-error');
    await form.getByLabel('Thời hạn (tháng)').fill(max!);
    await form.getByRole('button', { name: 'Lưu' }).click();
    // Decided: the clerk has nothing more to do on it; the timeline shows the decision (the admission test relies on it).
    await page.getByTestId('timeline').getByText('Tòa án ra quyết định').waitFor();
    await record.waitFor({ state: 'detached' });
    await shot(page, 'action-court-decided');
  });

  it('facility: admits the person the court sent, from the intake worklist', async () => {
    await open();
    await logIn(page, portal, 'cscn1');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const row = page.getByTestId('worklist-admissions').locator('tr', { hasText: subject.fullName });
    await row.getByRole('button', { name: 'Tiếp nhận vào cơ sở' }).click();
    const form = row.getByTestId('form-admit');
    expect(await form.getByLabel('Mã cơ sở cai nghiện').inputValue()).toBe('CSCN1');
    await shot(page, 'action-facility-admission');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await row.waitFor({ state: 'detached' });
    const token = await portal.system.login('laodong.badinh');
    const episodes = await portal.system.graphql<{ person: { rehabEpisodes: { kind: string; status: string; facility: { code: string } }[] } }>(token,
      'query($id: ID!) { person(id: $id) { rehabEpisodes { kind status facility { code } } } }', { id: subject.id });
    expect(episodes.data!.person.rehabEpisodes).toContainEqual({ kind: 'COMPULSORY', status: 'ADMITTED', facility: { code: 'CSCN1' } });
  });

  it('facility: grants leave from the worklist (a due date before the start refused beside it), records the return, an escape and the return after it', async () => {
    const resident = population.find((p) => p.rehab?.status === 'ADMITTED' && p.rehab.facilityCode === 'CSCN1' && p.rehab.kind === 'COMPULSORY')!;
    await open();
    await logIn(page, portal, 'cscn1');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.getByLabel('Tháng dự kiến hoàn thành (để trống: tháng này)').fill(resident.rehab!.plannedEndOn.slice(0, 7));
    const row = page.getByTestId('worklist-episodes-due').locator('tr', { hasText: resident.fullName });
    await row.getByRole('button', { name: 'Cho về phép' }).click();
    const form = row.getByTestId('form-grant-leave');
    await form.getByLabel('Lý do về phép').selectOption('FUNERAL');
    await form.getByLabel('Ngày phải trở lại').fill(isoDate(-1));
    await form.getByRole('button', { name: 'Lưu' }).click();
    const dueError = form.locator('.form-field', { has: page.getByLabel('Ngày phải trở lại') }).locator('.form-field__error');
    await dueError.waitFor();
    expect(await dueError.textContent()).toContain('ngày bắt đầu phép');
    await form.getByLabel('Ngày phải trở lại').fill(isoDate(3));
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

  it('facility: completes a resident\'s rehab from the worklist; the commune\'s post-rehab case opens', async () => {
    // The second compulsory resident of CSCN1 (the first is the leave test's).
    const resident = population.filter((p) => p.rehab?.status === 'ADMITTED' && p.rehab.facilityCode === 'CSCN1' && p.rehab.kind === 'COMPULSORY')[1]!;
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
    const seen = await portal.system.graphql<{ person: { rehabEpisodes: { status: string; certificateNumber: string | null }[]; postRehabCases: { status: string }[] } }>(token,
      'query($id: ID!) { person(id: $id) { rehabEpisodes { status certificateNumber } postRehabCases { status } } }', { id: resident.id });
    expect(seen.data!.person.rehabEpisodes).toContainEqual({ status: 'COMPLETED', certificateNumber: 'GCN-215/2026/CSCN1' });
    expect(seen.data!.person.postRehabCases).toContainEqual({ status: 'AWAITING_DECISION' });
  });

  it('commune: the chairman decides a drug-user management, the police record a check-in, the chairman ends it (the law\'s period explained beside the date)', async () => {
    // A person of 00101 detected today by the commune police (set up through the API; the detection form is tested above).
    const police = { system: portal.system, token: await portal.system.login('congan.xa00101') };
    const managed = await registerPerson(police, 'Phan Văn Trình Diện', '1991-03-04');
    await call(police, `mutation($p: ID!, $d: Date!) { recordDrugUseDetection(personId: $p, input: { detectedOn: $d, method: CAUGHT_USING,
      substances: [STIMULANTS] }) { id } }`, { p: managed.id, d: isoDate(0) });
    const records = () => page.locator('.record-actions', { hasText: 'Quản lý người sử dụng ma túy' });

    await open();
    await logIn(page, portal, 'ubnd.xa00101');
    await openPersonByName(page, 'Phan Văn Trình Diện');
    const pending = records().filter({ hasText: 'Chờ quyết định quản lý' });
    await pending.getByRole('button', { name: 'Quyết định quản lý người sử dụng ma túy' }).click();
    const decide = pending.getByTestId('form-decide-management');
    await decide.getByLabel('Số quyết định').fill('21/QĐ-UBND');
    await decide.getByRole('button', { name: 'Lưu' }).click();
    await records().filter({ hasText: 'Đang quản lý' }).first().waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'congan.xa00101');
    await openPersonByName(page, 'Phan Văn Trình Diện');
    const active = records().filter({ hasText: 'Đang quản lý' });
    await active.getByRole('button', { name: 'Ghi nhận trình diện' }).click();
    const checkIn = active.getByTestId('form-check-in');
    await checkIn.getByLabel('Ghi chú').fill('Trình diện đúng hẹn, có việc làm ổn định');
    await checkIn.getByRole('button', { name: 'Lưu' }).click();
    await checkIn.getByText('Đã lưu thành công').waitFor();
    await shot(page, 'action-police-check-in');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, portal, 'ubnd.xa00101');
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
    const seen = await call<{ person: { drugUserManagements: { status: string; decisionNumber: string | null; endReason: string | null; checkIns: { note: string }[] }[] } }>(police,
      'query($id: ID!) { person(id: $id) { drugUserManagements { status decisionNumber endReason checkIns { note } } } }', { id: managed.id });
    expect(seen.person.drugUserManagements).toEqual([{ status: 'ENDED', decisionNumber: '21/QĐ-UBND', endReason: 'DECISION_REVOKED',
      checkIns: [{ note: 'Trình diện đúng hẹn, có việc làm ổn định' }] }]);
  });

  it('commune: the chairman decides post-rehab management of the resident who just completed rehab', async () => {
    const resident = population.filter((p) => p.rehab?.status === 'ADMITTED' && p.rehab.facilityCode === 'CSCN1' && p.rehab.kind === 'COMPULSORY')[1]!;
    const commune = resident.currentResidence.unitCode;
    await seedIdentity(portal.system.dbs.identity, [{ username: `ubnd.test${commune}`, displayName: 'Chủ tịch UBND xã (kiểm thử)', agency: 'police',
      role: 'commune_official', unitCode: commune }]);
    await open();
    await logIn(page, portal, `ubnd.test${commune}`);
    await openPersonByName(page, resident.fullName);
    const record = page.locator('.record-actions', { hasText: 'Quản lý sau cai nghiện' }).filter({ hasText: 'Chờ quyết định' });
    await record.getByRole('button', { name: 'Quyết định quản lý sau cai nghiện' }).click();
    const form = record.getByTestId('form-decide-post-rehab');
    await form.getByLabel('Số quyết định').fill('88/QĐ-UBND');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.locator('.record-actions', { hasText: 'Quản lý sau cai nghiện' }).filter({ hasText: 'Đang quản lý' }).first().waitFor();
    await shot(page, 'action-commune-post-rehab-decided');
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
