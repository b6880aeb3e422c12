import { makeIdentificationNumber } from '@rehab/shared-schema';
import { logIn, portalSuite, shot } from './portal-support';

/**
 * The province's police find two records of what looks like the same person (same name, date of birth
 * and ward, different numbers) on their worklist and merge one into the other, choosing which
 * is kept, with the grounds written and the step said back for confirmation. The ward's
 * committee, which reads the registry, has no such list and the API refuses it the merge.
 */
const suite = portalSuite();

const NAME = 'Phí Văn Trùng Khớp';
const BORN = '1987-05-06';

interface Registered {
  id: string;
  identificationNumber: string;
}

async function register(serial: number): Promise<Registered> {
  const token = await suite.portal.api.login('congan.phuongbadinh');
  const residence = { unitCode: '00004', addressLine: 'Số 5 phố Đội Cấn' };
  const result = await suite.portal.api.graphql<{ registerPerson: Registered }>(
    token,
    'mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id identificationNumber } }',
    {
      i: {
        identificationNumber: makeIdentificationNumber('001', BORN, 'MALE', serial),
        fullName: NAME,
        dateOfBirth: BORN,
        sex: 'MALE',
        ethnicity: 'Kinh',
        permanentResidence: residence,
        currentResidence: residence,
      },
    },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.registerPerson;
}

async function statusOf(id: string): Promise<{ recordStatus: string; mergedInto: { id: string } | null }> {
  const token = await suite.portal.api.login('congan.phuongbadinh');
  const result = await suite.portal.api.graphql<{ person: { recordStatus: string; mergedInto: { id: string } | null } }>(
    token,
    'query($id: ID!) { person(id: $id) { recordStatus mergedInto { id } } }',
    { id },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.person;
}

let kept: Registered;
let merged: Registered;

beforeAll(async () => {
  kept = await register(918_273);
  merged = await register(918_274);
});

describe('merging duplicate records', () => {
  it("are not the committee's: no list, and the API refuses the merge", async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'ubnd.phuongbadinh');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.locator('main h2').first().waitFor();
    expect(await page.getByTestId('worklist-duplicates').count()).toBe(0);
    const attempt = await suite.portal.api.graphql(
      await suite.portal.api.login('ubnd.phuongbadinh'),
      'mutation($s: ID!, $d: ID!) { mergePersons(survivorId: $s, duplicateId: $d, reason: "x") { id } }',
      { s: kept.id, d: merged.id },
    );
    expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await statusOf(merged.id)).recordStatus).toBe('ACTIVE');
  });

  it("are listed for the ward's police, who do not merge them (the province's police do)", async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const list = page.getByTestId('worklist-duplicates');
    await list.locator('tr', { hasText: kept.identificationNumber }).waitFor();
    expect(await list.textContent()).toContain('Công an tỉnh, thành phố gộp hồ sơ trùng');
    expect(await list.getByRole('button', { name: 'Gộp hồ sơ trùng' }).count()).toBe(0);
  });

  it("merges, for the province's police, the record chosen into the one kept after a confirmation that names both", async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.hanoi');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const row = page.getByTestId('worklist-duplicates').locator('tr', { hasText: kept.identificationNumber });
    expect(await row.textContent()).toContain(merged.identificationNumber);
    await row.getByRole('button', { name: 'Gộp hồ sơ trùng' }).click();
    const form = row.getByTestId('form-merge-persons');
    // Neither record is chosen for the officer.
    expect(await form.getByLabel('Hồ sơ giữ lại').inputValue()).toBe('');
    expect(await form.getByLabel('Hồ sơ gộp vào').inputValue()).toBe('');
    await form.getByLabel('Hồ sơ giữ lại').selectOption(kept.id);
    await form.getByLabel('Hồ sơ gộp vào').selectOption(kept.id);
    await form.getByLabel('Căn cứ gộp').fill('Đối chiếu căn cước: cùng một người, số cũ nhập sai');
    await form.getByRole('button', { name: 'Lưu' }).click();
    // The same record twice: refused by the server beside the field, nothing merged.
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await form
      .locator('.form-field', { has: page.getByLabel('Hồ sơ gộp vào') })
      .locator('.form-field__error')
      .waitFor();
    expect((await statusOf(kept.id)).recordStatus).toBe('ACTIVE');

    await form.getByLabel('Hồ sơ gộp vào').selectOption(merged.id);
    await form.getByRole('button', { name: 'Lưu' }).click();
    const question = form.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain(
      `Gộp hồ sơ số ${merged.identificationNumber} vào hồ sơ số ${kept.identificationNumber}?`,
    );
    await shot(page, 'merge-duplicates-confirm');
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await statusOf(merged.id)).toEqual({ recordStatus: 'MERGED', mergedInto: { id: kept.id } });
    expect((await statusOf(kept.id)).recordStatus).toBe('ACTIVE');
  });
});
