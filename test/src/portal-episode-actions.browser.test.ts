import { dmy, isoDate, logIn, openPersonById, openPersonByName, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * A rehab facility's staff transfer a resident to another facility of the province, chosen from
 * a list, and end another resident's rehab early with the grounds written down, each after a
 * confirmation that says what it will do. The city's police read the episode but have neither
 * step, and the API refuses their attempt.
 */
const suite = portalSuite();
/** CSCN1's compulsory residents still in residence (the demo has several; each test takes its own). */
const residents = population.filter(
  (p) => p.rehab?.facilityCode === 'CSCN1' && p.rehab.kind === 'COMPULSORY' && p.rehab.status === 'ADMITTED',
);
const absconded = population.find((p) => p.rehab?.facilityCode === 'CSCN1' && p.rehab.status === 'ABSCONDED')!;

interface Episode {
  id: string;
  version: number;
  status: string;
  facility: { code: string } | null;
}

async function episodeOf(personId: string): Promise<Episode> {
  const token = await suite.portal.api.login('congan.hanoi');
  const found = await suite.portal.api.graphql<{ person: { rehabEpisodes: Episode[] } }>(
    token,
    'query($id: ID!) { person(id: $id) { rehabEpisodes { id version status facility { code } } } }',
    { id: personId },
  );
  const [episode] = found.data?.person.rehabEpisodes ?? [];
  if (!episode) throw new Error(JSON.stringify(found.errors));
  return episode;
}

describe("a rehab facility's transfer and early end of an episode", () => {
  it('transfers a resident to another facility of the province chosen from a list, then no longer manages them', async () => {
    const resident = residents[residents.length - 1]!;
    const page = await suite.open();
    await logIn(page, suite.portal, 'cscn1');
    // From the worklist of residents due to complete in the resident's month.
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.getByLabel('Tháng dự kiến hoàn thành (để trống: tháng này)').fill(resident.rehab!.plannedEndOn.slice(0, 7));
    await page.getByTestId('worklist-episodes-due').getByRole('link', { name: resident.fullName }).click();
    await page.locator('.person360 [aria-busy="true"]').first().waitFor({ state: 'detached' });
    const actions = page.getByTestId('person-actions');
    await actions.getByRole('button', { name: 'Chuyển cơ sở cai nghiện' }).click();
    const form = actions.getByTestId('form-episode-transfer');
    const receiving = form.getByLabel('Cơ sở nhận');
    // Nothing is chosen for the officer, and the resident's own facility is not offered.
    expect(await receiving.inputValue()).toBe('');
    const offered = await receiving.locator('option:not([disabled])').allTextContents();
    expect(offered.some((o) => o.startsWith('Cơ sở cai nghiện ma túy số 1 Hà Nội'))).toBe(false);
    expect(offered.some((o) => o.startsWith('Cơ sở cai nghiện ma túy tỉnh Lào Cai'))).toBe(false);
    const second = offered.find((o) => o.startsWith('Cơ sở cai nghiện ma túy số 2 Hà Nội'))!;
    await receiving.selectOption({ label: second });
    await form.getByRole('button', { name: 'Lưu' }).click();
    const question = form.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain(
      `${resident.fullName} từ Cơ sở cai nghiện ma túy số 1 Hà Nội sang Cơ sở cai nghiện ma túy số 2 Hà Nội từ ngày ${dmy(isoDate())}`,
    );
    await shot(page, 'episode-transfer-confirm');
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    await actions.getByRole('button', { name: 'Chuyển cơ sở cai nghiện' }).waitFor({ state: 'detached' });
    expect(await episodeOf(resident.id)).toMatchObject({ status: 'ADMITTED', facility: { code: 'CSCN2' } });
  });

  it('ends a rehab early only with its grounds written, said beside the field before any confirmation', async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'cscn1');
    await openPersonById(page, suite.portal, absconded);
    const actions = page.getByTestId('person-actions');
    await actions.getByRole('button', { name: 'Chấm dứt cai nghiện trước thời hạn' }).click();
    const form = actions.getByTestId('form-episode-terminate');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form
      .locator('.form-field', { has: page.getByLabel('Lý do chấm dứt (căn cứ, quyết định)') })
      .locator('.form-field__error')
      .waitFor();
    expect(await form.getByTestId('confirm-notice').count()).toBe(0);
    expect((await episodeOf(absconded.id)).status).toBe('ABSCONDED');
    await form.getByLabel('Lý do chấm dứt (căn cứ, quyết định)').fill('Quyết định đình chỉ thi hành của Tòa án');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const question = form.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain(
      `Chấm dứt cai nghiện của ${absconded.fullName} trước thời hạn từ ngày ${dmy(isoDate())}`,
    );
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('panel-labor').getByText('Đã chấm dứt').first().waitFor();
    expect((await episodeOf(absconded.id)).status).toBe('TERMINATED');
    expect(await actions.getByRole('button', { name: 'Chấm dứt cai nghiện trước thời hạn' }).count()).toBe(0);
  });

  it("are not offered to the city's police, who read the episode; the API refuses their attempt", async () => {
    const resident = residents[0]!;
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await openPersonByName(page, resident.fullName);
    await page.getByTestId('panel-labor').getByText('Cơ sở cai nghiện ma túy số 1 Hà Nội').first().waitFor();
    expect(await page.getByRole('button', { name: 'Chuyển cơ sở cai nghiện' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Chấm dứt cai nghiện trước thời hạn' }).count()).toBe(0);
    const episode = await episodeOf(resident.id);
    const attempt = await suite.portal.api.graphql(
      await suite.portal.api.login('congan.hanoi'),
      'mutation($id: ID!, $v: Int!) { terminateRehabEpisode(id: $id, expectedVersion: $v, terminatedOn: "2026-11-01", reason: "x") { id } }',
      { id: episode.id, v: episode.version },
    );
    expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await episodeOf(resident.id)).status).toBe('ADMITTED');
  });
});
