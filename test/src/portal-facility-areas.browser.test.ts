import { apiCall, logIn, openPersonById, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * A facility's areas: the facility's worklist page shows each area's residents against its
 * places; the staff move a resident to another area from the person's page, and the counts
 * follow.
 */
const suite = portalSuite();

interface Area {
  id: string;
  name: string;
  occupancy: number;
}

const AREAS = 'query { facility(code: "CSCN1") { residentsWithoutArea areas { id name occupancy } } }';

describe('areas of a facility', () => {
  it('shows the areas on the worklist page, and the staff move a resident to another area', async () => {
    const subject = population.find(
      (p) =>
        p.rehab?.facilityCode === 'CSCN1' && p.rehab.status === 'ADMITTED' && p.sex === 'MALE' && p.dateOfBirth < '2000-01-01',
    );
    if (!subject) throw new Error('no adult resident of CSCN1');
    const before = (await apiCall<{ facility: { areas: Area[] } }>(suite.portal, 'cscn1', AREAS)).facility.areas;
    const men = before.find((a) => a.name === 'Khu nam');
    const women = before.find((a) => a.name === 'Khu nữ');
    if (!men || !women) throw new Error('CSCN1 has no men’s and women’s areas');
    const page = await suite.open();
    await logIn(page, suite.portal, 'cscn1');
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    const table = page.getByTestId('facility-areas');
    await table.getByRole('row', { name: new RegExp(`^Khu nam Nam ${men.occupancy}`) }).waitFor();

    await openPersonById(page, suite.portal, subject);
    const panel = page.getByTestId('panel-labor');
    await panel.getByText('Khu nam').waitFor();
    await page.getByRole('button', { name: 'Xếp khu' }).click();
    const form = page.getByTestId('form-place-in-area');
    // The current area is not offered; the other shows its residents and places.
    const options = await form.getByRole('combobox', { name: 'Khu' }).locator('option:not([value=""])').allTextContents();
    expect(options).toEqual([expect.stringMatching(/^Khu nữ \(Nữ\): \d+\/\d+$/)]);
    await form.getByRole('combobox', { name: 'Khu' }).selectOption(women.id);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    await panel.getByText('Khu nữ').waitFor();
    await shot(page, 'facility-area-placed');

    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    await table.getByRole('row', { name: new RegExp(`^Khu nữ Nữ ${women.occupancy + 1}`) }).waitFor();
    await table.getByRole('row', { name: new RegExp(`^Khu nam Nam ${men.occupancy - 1}`) }).waitFor();
  });

  it('the staff add an area (adults only at a facility not admitting minors) and change its places', async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'cscn1');
    await page.getByRole('link', { name: /^Việc cần làm/ }).click();
    const table = page.getByTestId('facility-areas');
    await table.getByRole('button', { name: 'Thêm khu' }).click();
    const add = page.getByTestId('form-area-add');
    const kinds = await add.getByRole('combobox', { name: 'Loại khu' }).locator('option:not([value=""])').allTextContents();
    expect(kinds).toEqual(['Nam', 'Nữ']);
    await add.getByLabel('Tên khu').fill('Khu cắt cơn nam');
    await add.getByRole('combobox', { name: 'Loại khu' }).selectOption('MEN');
    await add.getByLabel('Số chỗ').fill('40');
    await add.getByRole('button', { name: 'Lưu' }).click();
    await add.getByText('Đã lưu thành công').waitFor();
    const row = table.getByRole('row', { name: /^Khu cắt cơn nam Nam 0 40/ });
    await row.waitFor();

    await row.getByRole('button', { name: 'Sửa tên, số chỗ' }).click();
    const edit = page.getByTestId('form-area-edit');
    await edit.getByLabel('Số chỗ').fill('-5');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    const places = edit.locator('.form-field', { has: page.getByLabel('Số chỗ') });
    await places.locator('.form-field__error').waitFor();
    await edit.getByLabel('Số chỗ').fill('60');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.getByText('Đã lưu thành công').waitFor();
    await table.getByRole('row', { name: /^Khu cắt cơn nam Nam 0 60/ }).waitFor();
    const after = (await apiCall<{ facility: { areas: Area[] } }>(suite.portal, 'cscn1', AREAS)).facility.areas;
    expect(after.map((a) => a.name)).toContain('Khu cắt cơn nam');
  });
});
