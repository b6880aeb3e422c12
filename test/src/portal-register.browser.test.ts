import type { Page } from 'playwright-core';
import { makeIdentificationNumber, type Sex } from '@rehab/shared-schema';
import { dmy, logIn, portalSuite, shot } from './portal-support';

/**
 * Registering a person from the search page: the record's commune among the officer's own,
 * the permanent residence anywhere in the country, likely duplicates shown before saving,
 * the server's word on the number beside its field, and the new record opened once saved.
 */
const suite = portalSuite();
let page: Page;

interface Registered {
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  identificationNumber: string;
}

async function someoneOfTheWard(): Promise<Registered> {
  const token = await suite.portal.api.login('congan.phuongbadinh');
  const found = await suite.portal.api.graphql<{ persons: { nodes: Registered[] } }>(
    token,
    '{ persons(first: 1) { nodes { fullName dateOfBirth sex identificationNumber } } }',
  );
  const person = found.data?.persons.nodes[0];
  if (!person) throw new Error('no person in Phường Ba Đình');
  return person;
}

/** Fills the registration form for a person living at 12 Phố Thử in Phường Ba Đình, born in Hà Nội. */
async function fill(form: ReturnType<Page['getByTestId']>, person: Registered): Promise<void> {
  await form.getByLabel(/^Số định danh cá nhân/).fill(person.identificationNumber);
  await form.getByLabel(/^Họ và tên/).fill(person.fullName);
  await form.getByLabel(/^Ngày sinh/).fill(dmy(person.dateOfBirth));
  await form.getByLabel(/^Giới tính/).selectOption(person.sex);
  await form.getByLabel(/^Dân tộc/).fill('Kinh');
  await form.getByLabel(/^Địa chỉ nơi ở hiện tại/).fill('Số 12 phố Thử');
  await form.getByLabel(/^Xã, phường nơi thường trú/).selectOption({ label: 'Phường Ba Đình' });
  await form.getByLabel(/^Địa chỉ nơi thường trú/).fill('Số 12 phố Thử');
}

describe('registering a person', () => {
  it('shows a likely duplicate (same name and date of birth) before saving; registered anyway, the new record opens', async () => {
    const existing = await someoneOfTheWard();
    page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await page.getByRole('button', { name: 'Đăng ký người mới' }).click();
    const form = page.getByTestId('form-register-person');
    // The record belongs to the officer's ward (already chosen); nothing else is chosen for the officer.
    expect(await form.getByLabel(/^Xã, phường nơi ở hiện tại/).inputValue()).toBe('00004');
    expect(await form.getByLabel(/^Giới tính/).inputValue()).toBe('');

    // Eleven digits: refused before sending, beside the field.
    await fill(form, { ...existing, identificationNumber: '00109012345' });
    await form.getByRole('button', { name: 'Lưu' }).click();
    const numberField = form.locator('.form-field', { has: page.getByLabel(/^Số định danh cá nhân/) });
    expect(await numberField.locator('.form-field__error').textContent()).toContain('12 chữ số');
    // A number whose sex digit does not match the person's sex: the server says so beside the field.
    const serial = 900_000 + (process.pid % 90_000);
    const otherSex: Sex = existing.sex === 'MALE' ? 'FEMALE' : 'MALE';
    await form.getByLabel(/^Số định danh cá nhân/).fill(makeIdentificationNumber('001', existing.dateOfBirth, otherSex, serial));
    await form.getByRole('button', { name: 'Lưu' }).click();
    const warning = page.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(existing.fullName);
    expect(await warning.getByRole('link', { name: existing.fullName }).count()).toBe(1);
    await shot(page, 'register-duplicate-warning');
    await warning.getByRole('button', { name: 'Đây là người khác, vẫn đăng ký' }).click();
    await form.getByRole('button', { name: 'Lưu' }).click();
    await numberField.locator('.form-field__error').waitFor();
    await shot(page, 'register-number-refused');

    const number = makeIdentificationNumber('001', existing.dateOfBirth, existing.sex, serial);
    await form.getByLabel(/^Số định danh cá nhân/).fill(number);
    await form.getByRole('button', { name: 'Lưu' }).click();
    // A changed number is another person to check: the same name and birth date are shown again.
    await warning.waitFor();
    await warning.getByRole('button', { name: 'Đây là người khác, vẫn đăng ký' }).click();
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/#\/person\//);
    await page.getByText(number).first().waitFor();
    expect(await page.getByTestId('panel-police').textContent()).toContain(existing.fullName);
    await shot(page, 'register-new-person');

    const token = await suite.portal.api.login('congan.phuongbadinh');
    const saved = await suite.portal.api.graphql<{
      personByIdentificationNumber: { fullName: string; currentResidence: { unit: { code: string } } };
    }>(
      token,
      'query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { fullName currentResidence { unit { code } } } }',
      { n: number },
    );
    expect(saved.data?.personByIdentificationNumber).toEqual({
      fullName: existing.fullName,
      currentResidence: { unit: { code: '00004' } },
    });
  });

  it('a commune chairman registers someone with no likely duplicate straight away; a police officer of another ward cannot see the button’s result', async () => {
    page = await suite.open();
    await logIn(page, suite.portal, 'ubnd.phuongbadinh');
    await page.getByRole('button', { name: 'Đăng ký người mới' }).click();
    const form = page.getByTestId('form-register-person');
    const person: Registered = {
      fullName: 'Hoàng Thị Đăng Ký',
      dateOfBirth: '1999-09-09',
      sex: 'FEMALE',
      identificationNumber: makeIdentificationNumber('001', '1999-09-09', 'FEMALE', 800_000 + (process.pid % 90_000)),
    };
    await fill(form, person);
    await form.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL(/#\/person\//);
    await page.getByText(person.identificationNumber).first().waitFor();
    expect(await page.getByTestId('duplicate-warning').count()).toBe(0);

    // The neighbouring ward's police do not find the new record.
    const neighbour = await suite.portal.api.login('congan.phuongngocha');
    const seen = await suite.portal.api.graphql<{ personByIdentificationNumber: unknown }>(
      neighbour,
      'query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) { id } }',
      { n: person.identificationNumber },
    );
    expect(seen.data?.personByIdentificationNumber ?? null).toBeNull();
  });

  it('is not offered to roles that do not register people', async () => {
    page = await suite.open();
    await logIn(page, suite.portal, 'yte.hanoi');
    await page.getByRole('heading', { name: 'Tìm kiếm người' }).waitFor();
    expect(await page.getByRole('button', { name: 'Đăng ký người mới' }).count()).toBe(0);
  });
});
