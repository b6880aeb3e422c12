import { population } from './fixtures';
import { apiCall, isoDate, logIn, portalSuite, shot } from './portal-support';

/**
 * A commune records that one of its volunteers left, from the list of its volunteers; the
 * people that volunteer supported go on the list of people needing a new supporter, where the
 * commune gives each a new one of its volunteers. The commune's police see neither list and
 * the API refuses them.
 */
const suite = portalSuite();

/** A person living in Phường Ba Đình, where the demo volunteer account works. */
const person = population.find((p) => p.home.unitCode === '00004' && p.currentResidence.unitPath === p.home.unitPath)!;

const call = <T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<T> =>
  apiCall<T>(suite.portal, username, query, variables);

interface Assignment {
  endedOn: string | null;
  volunteer: { fullName: string };
}

const activeSupporters = async (): Promise<string[]> =>
  (
    await call<{ person: { supportAssignments: Assignment[] } }>(
      'ubnd.phuongbadinh',
      'query($id: ID!) { person(id: $id) { supportAssignments { endedOn volunteer { fullName } } } }',
      { id: person.id },
    )
  ).person.supportAssignments
    .filter((a) => a.endedOn === null)
    .map((a) => a.volunteer.fullName);

let leaving = '';

beforeAll(async () => {
  // The volunteer of the demo account supports the person (assigned as the commune would).
  const me = await call<{ myVolunteerWorklist: { volunteer: { id: string; fullName: string } } }>(
    'tnv.phuongbadinh',
    '{ myVolunteerWorklist { volunteer { id fullName } } }',
  );
  leaving = me.myVolunteerWorklist.volunteer.fullName;
  if (!(await activeSupporters()).includes(leaving)) {
    await call(
      'ubnd.phuongbadinh',
      `mutation($p: ID!, $v: ID!, $on: Date!, $c: AssignedPersonContactInput!) {
        assignVolunteer(personId: $p, volunteerId: $v, reason: DRUG_USER_MANAGEMENT, startedOn: $on, contact: $c) { id } }`,
      {
        p: person.id,
        v: me.myVolunteerWorklist.volunteer.id,
        on: isoDate(),
        c: { fullName: person.fullName, dateOfBirth: person.dateOfBirth, address: 'Phường Ba Đình' },
      },
    );
  }
});

describe('volunteer reassignment', () => {
  it('records a volunteer who left, then gives their person a new supporter of the commune', async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'ubnd.phuongbadinh');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const roster = page.getByTestId('worklist-commune-volunteers');
    const row = roster.locator('tr', { hasText: leaving });
    await row.getByRole('button', { name: 'Ghi nhận thôi tham gia' }).click();
    const leave = row.getByTestId('form-deactivate-volunteer');
    await leave.getByLabel('Lý do thôi tham gia').fill('Chuyển công tác');
    await leave.getByRole('button', { name: 'Lưu' }).click();
    const question = leave.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain(`Ghi nhận ${leaving} thôi tham gia`);
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await activeSupporters()).not.toContain(leaving);

    const needing = page.getByTestId('worklist-needing-volunteer').locator('tr', { hasText: person.fullName });
    expect(await needing.textContent()).toContain(leaving);
    await needing.getByRole('button', { name: 'Phân công người hỗ trợ mới' }).click();
    const form = needing.getByTestId('form-reassign-volunteer');
    const choices = await form.getByLabel('Người hỗ trợ mới').locator('option:not([disabled])').allTextContents();
    // The volunteer who left is not offered.
    expect(choices.some((c) => c.startsWith(`${leaving} —`))).toBe(false);
    const chosen = choices[0]!.split(' — ')[0]!;
    await form.getByLabel('Người hỗ trợ mới').selectOption({ label: choices[0]! });
    await form.getByRole('button', { name: 'Lưu' }).click();
    expect(await form.getByTestId('confirm-notice').textContent()).toContain(`Giao ${chosen} hỗ trợ ${person.fullName}`);
    await shot(page, 'volunteer-reassign-confirm');
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await needing.waitFor({ state: 'detached' });
    expect(await activeSupporters()).toContain(chosen);
  });

  it("are not the police's lists: not shown to them, and the API refuses them", async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.locator('main h2').first().waitFor();
    expect(await page.getByTestId('worklist-commune-volunteers').count()).toBe(0);
    expect(await page.getByTestId('worklist-needing-volunteer').count()).toBe(0);
    const attempt = await suite.portal.api.graphql(
      await suite.portal.api.login('congan.phuongbadinh'),
      '{ assignmentsNeedingVolunteer { assignmentId } }',
    );
    expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
