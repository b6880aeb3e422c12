import { apiCall, dmy, isoDate, logIn, openPersonById, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * Trích xuất: the city's investigation police ask a facility for one of its residents from the
 * person's page; the facility finds the request on its worklist (counted in the navigation),
 * hands the resident over and records the return; the police are told in their inbox.
 */
const suite = portalSuite();

interface Episode {
  id: string;
  status: string;
  facility: { code: string; name: string } | null;
  extractions: { status: string }[];
}

/** A resident now at CSCN1 with no extraction under way. */
async function resident(): Promise<{ id: string; fullName: string; episodeId: string }> {
  for (const p of population.filter((x) => x.rehab?.facilityCode === 'CSCN1' && x.rehab.status === 'ADMITTED').reverse()) {
    const { person } = await apiCall<{ person: { rehabEpisodes: Episode[] | null } | null }>(
      suite.portal,
      'congan.hanoi',
      'query($id: ID!) { person(id: $id) { rehabEpisodes { id status facility { code name } extractions { status } } } }',
      { id: p.id },
    );
    const open = (person?.rehabEpisodes ?? []).find(
      (e) => e.status === 'ADMITTED' && e.facility?.code === 'CSCN1' && e.extractions.every((x) => x.status === 'RETURNED'),
    );
    if (open) return { id: p.id, fullName: p.fullName, episodeId: open.id };
  }
  throw new Error('no resident of CSCN1 without an extraction under way');
}

describe('trích xuất', () => {
  it('the police ask from the person page; the facility hands over and records the return; the police are told', async () => {
    const subject = await resident();
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await openPersonById(page, suite.portal, subject);
    await page.getByRole('button', { name: 'Đề nghị trích xuất học viên' }).click();
    const form = page.getByTestId('form-extraction-request');
    await form.getByLabel('Cơ quan đề nghị').fill('Cơ quan Cảnh sát điều tra Công an thành phố Hà Nội');
    await form.getByLabel('Số văn bản đề nghị').fill('215/CV-PC04');
    await form.getByLabel('Mục đích trích xuất').fill('lấy lời khai phục vụ điều tra');
    await form.getByLabel('Ngày dự kiến trả về cơ sở').fill(dmy(isoDate(-2)));
    await form.getByLabel('Ngày đề nghị').fill(dmy(isoDate(-1)));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    // The expected return before the request is refused beside its field.
    const due = form.locator('.form-field', { has: page.getByLabel('Ngày dự kiến trả về cơ sở') });
    await due.locator('.form-field__error').waitFor();
    await form.getByLabel('Ngày dự kiến trả về cơ sở').fill(dmy(isoDate(5)));
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    const panel = page.getByTestId('panel-labor');
    await panel.getByText('Chờ bàn giao').waitFor();
    expect(await panel.textContent()).toContain('215/CV-PC04');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    // The facility: on the worklist, counted in the navigation.
    await logIn(page, suite.portal, 'cscn1');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: /^Việc cần làm/ }).click();
    const row = page.getByTestId('worklist-extractions').getByRole('row', { name: new RegExp(subject.fullName) });
    await row.waitFor();
    await row.getByRole('button', { name: 'Bàn giao người được trích xuất' }).click();
    const handOver = page.getByTestId('form-extraction-hand-over');
    await handOver.getByLabel('Ngày bàn giao').fill(dmy(isoDate(0)));
    await handOver.getByRole('button', { name: 'Lưu' }).click();
    await handOver.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await handOver.getByText('Đã lưu thành công').waitFor();
    await shot(page, 'extraction-handed-over');
    await openPersonById(page, suite.portal, subject);
    await page.getByTestId('panel-labor').getByText('Đang trích xuất').waitFor();
    await page.getByRole('button', { name: 'Ghi nhận trả về cơ sở' }).click();
    const back = page.getByTestId('form-extraction-return');
    await back.getByLabel('Ngày trả về').fill(dmy(isoDate(0)));
    await back.getByRole('button', { name: 'Lưu' }).click();
    await back.getByText('Đã lưu thành công').waitFor();
    await page.getByTestId('panel-labor').getByText('Đã trả về cơ sở').waitFor();
    await page.getByTestId('timeline').locator('li', { hasText: 'Trở lại cơ sở cai nghiện sau trích xuất' }).waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    // The police were told of the hand-over and of the return.
    await logIn(page, suite.portal, 'congan.hanoi');
    await page.getByRole('link', { name: /^Thông báo/ }).click();
    const inbox = page.getByTestId('inbox');
    await inbox
      .getByRole('row', { name: new RegExp(subject.fullName) })
      .filter({ hasText: 'Cơ sở cai nghiện đã bàn giao người được trích xuất' })
      .waitFor();
    await inbox
      .getByRole('row', { name: new RegExp(subject.fullName) })
      .filter({ hasText: 'Người được trích xuất đã trở lại cơ sở cai nghiện' })
      .waitFor();
    const { rehabEpisode } = await apiCall<{
      rehabEpisode: { status: string; extractions: { status: string; returnedOn: string }[] };
    }>(suite.portal, 'congan.hanoi', 'query($id: ID!) { rehabEpisode(id: $id) { status extractions { status returnedOn } } }', {
      id: subject.episodeId,
    });
    expect(rehabEpisode.status).toBe('ADMITTED');
    expect(rehabEpisode.extractions[0]).toEqual({ status: 'RETURNED', returnedOn: isoDate(0) });
  });
});
