import { addCommuneAccount, apiCall, dmy, isoDate, logIn, openPersonById, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * Rehab at home done by people: the commune registers a person of its ward for voluntary
 * rehab at home with a registered provider; the rehab waits on the commune's worklist until
 * the individual plan is drawn up; the plan names the family caregiver (required at home),
 * the supporters and the phases, and the labour panel and the timeline show it.
 */
const suite = portalSuite();

interface Episode {
  id: string;
  kind: string;
  status: string;
  phase: string;
  communitySetting: string | null;
  communityRehabPlan: {
    revision: number;
    caregiver: { fullName: string; relationship: string } | null;
    supporters: { fullName: string; role: string }[];
    phases: { phase: string; startsOn: string }[];
  } | null;
}

/** A Hà Nội person with no rehab, recorded in today's ward (the last such, away from other suites' people). */
const subject = [...population]
  .reverse()
  .find(
    (p) =>
      !p.rehab &&
      !p.postRehab &&
      p.stage === 'MANAGED' &&
      p.home.unitPath.startsWith('01.') &&
      p.currentResidence.unitPath === p.home.unitPath,
  );

describe('voluntary rehab at home, with its individual plan', () => {
  it('the commune registers it, finds it on its worklist, draws up the plan, and reads it on the person page', async () => {
    if (!subject) throw new Error('no demo person without a rehab in a Hà Nội ward');
    const chairman = await addCommuneAccount(suite.portal, 'commune_official', subject.home.unitCode);
    const page = await suite.open();
    await logIn(page, suite.portal, chairman);
    await openPersonById(page, suite.portal, subject);

    // Registration: a provider registered to serve the ward, at home, started two days ago.
    await page.getByRole('button', { name: 'Đăng ký cai nghiện tự nguyện tại gia đình, cộng đồng' }).click();
    const register = page.getByTestId('form-register-community');
    const provider = register.getByLabel('Đơn vị cung cấp dịch vụ cai nghiện');
    await provider.locator('option:not([value=""])').first().waitFor({ state: 'attached' });
    const providerId = await provider.locator('option:not([value=""])').first().getAttribute('value');
    await provider.selectOption(providerId ?? '');
    await register.getByLabel('Nơi cai nghiện').selectOption('HOME');
    await register.getByLabel('Ngày bắt đầu').fill(isoDate(-2));
    await register.getByLabel('Thời hạn (tháng)').fill('24');
    await register.getByRole('button', { name: 'Lưu' }).click();
    await register.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await register.getByText('Đã lưu thành công').waitFor();

    const panel = page.getByTestId('panel-labor');
    await panel.getByText('Chưa lập kế hoạch cai nghiện cá nhân').waitFor();
    expect(await panel.textContent()).toContain('Tiếp nhận, phân loại');

    // The rehab waits on the commune's worklist.
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    const worklist = page.getByTestId('worklist-community-plan');
    await worklist.getByRole('row', { name: new RegExp(subject.fullName) }).waitFor();
    await openPersonById(page, suite.portal, subject);

    // The plan: at home a family caregiver is required; the server says so and nothing is saved.
    const record = page.locator('.record-actions', { hasText: `Đợt cai nghiện từ ngày ${dmy(isoDate(-2))}` });
    await record.getByRole('button', { name: 'Lập kế hoạch cai nghiện cá nhân' }).click();
    const form = page.getByTestId('form-community-plan');
    expect(await form.getByLabel('Giai đoạn “Tiếp nhận, phân loại”: ngày bắt đầu').inputValue()).toBe(dmy(isoDate(-2)));
    await form.getByLabel('Người hỗ trợ 1: họ tên').fill('Đỗ Văn Thắng');
    await form.getByLabel('Người hỗ trợ 1: là').selectOption('COMMUNE_POLICE');
    await form.getByLabel('Người hỗ trợ 1: cơ quan, tổ chức').fill('Công an phường');
    await form.getByLabel('Người hỗ trợ 2: họ tên').fill('Vũ Thị Mai');
    await form.getByLabel('Người hỗ trợ 2: là').selectOption('MASS_ORGANISATION');
    // A fifth supporter: every row the rule allows is on the form.
    await form.getByLabel('Người hỗ trợ 5: họ tên').fill('Lê Văn Hòa');
    await form.getByLabel('Người hỗ trợ 5: là').selectOption('VILLAGE_HEAD');
    const phases: [string, string, string][] = [
      ['Tiếp nhận, phân loại', isoDate(-2), 'Đánh giá, phân loại'],
      ['Điều trị cắt cơn, giải độc', isoDate(-1), 'Cắt cơn tại trạm y tế phường'],
      ['Giáo dục, tư vấn, phục hồi hành vi, nhân cách', isoDate(20), 'Tư vấn hằng tuần'],
      ['Chuẩn bị tái hòa nhập cộng đồng', isoDate(400), 'Giới thiệu việc làm'],
    ];
    for (const [phase, startsOn, activities] of phases) {
      await form.getByLabel(`Giai đoạn “${phase}”: ngày bắt đầu`).fill(startsOn);
      await form.getByLabel(`Giai đoạn “${phase}”: nội dung`).fill(activities);
    }
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByRole('alert').getByText('Cai nghiện tại gia đình cần có người trong gia đình trực tiếp chăm sóc').waitFor();
    await form.getByLabel('Họ tên người chăm sóc').fill('Nguyễn Thị Lan');
    await form.getByLabel('Quan hệ với người cai nghiện').selectOption('PARENT');
    await form.getByLabel('Số điện thoại', { exact: true }).fill('0912345678');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();

    // The panel shows the plan; the timeline has it.
    await panel.getByText('Lần lập 1').waitFor();
    expect(await panel.getByTestId('community-supporters').textContent()).toContain(
      'Đỗ Văn Thắng, Công an xã, phường, Công an phường',
    );
    expect(await panel.getByTestId('community-supporters').textContent()).toContain('Lê Văn Hòa');
    expect(await panel.textContent()).toContain('Nguyễn Thị Lan, Cha, mẹ, 0912345678');
    expect(await panel.getByTestId('community-phases').locator('li').allTextContents()).toEqual(
      phases.map(([phase, startsOn, activities]) => `${dmy(startsOn)}: ${phase} — ${activities}`),
    );
    await page.getByTestId('timeline').locator('li', { hasText: 'Lập kế hoạch cai nghiện cá nhân' }).waitFor();
    await shot(page, 'community-rehab-plan');

    // No longer waiting for a plan.
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    await page.getByTestId('worklist-community-plan').waitFor();
    expect(await page.getByTestId('worklist-community-plan').textContent()).not.toContain(subject.fullName);

    const { person } = await apiCall<{ person: { rehabEpisodes: Episode[] } }>(
      suite.portal,
      'congan.hanoi',
      `query($id: ID!) { person(id: $id) { rehabEpisodes { id kind status phase communitySetting
        communityRehabPlan { revision caregiver { fullName relationship } supporters { fullName role } phases { phase startsOn } } } } }`,
      { id: subject.id },
    );
    expect(person.rehabEpisodes[0]).toMatchObject({
      kind: 'VOLUNTARY_COMMUNITY',
      status: 'ADMITTED',
      phase: 'INTAKE_CLASSIFICATION',
      communitySetting: 'HOME',
      communityRehabPlan: {
        revision: 1,
        caregiver: { fullName: 'Nguyễn Thị Lan', relationship: 'PARENT' },
        supporters: [
          { fullName: 'Đỗ Văn Thắng', role: 'COMMUNE_POLICE' },
          { fullName: 'Vũ Thị Mai', role: 'MASS_ORGANISATION' },
          { fullName: 'Lê Văn Hòa', role: 'VILLAGE_HEAD' },
        ],
      },
    });
  });
});
