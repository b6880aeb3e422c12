import { addCommuneAccount, logIn, openPersonById, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * The commune that manages a person after rehab assigns the people who support them, ticked from
 * the commune's own volunteers, and changes them later; the police of the commune, who may
 * record a relapse, have no such step, and the API refuses them.
 */
const suite = portalSuite();

/** A person under post-rehab management, living in the commune of their record. */
const person = population.find(
  (p) =>
    p.postRehab?.decisionOn &&
    !p.postRehab.completed &&
    !p.postRehab.relapsedOn &&
    p.home.unitPath.startsWith('01.') &&
    p.currentResidence.unitPath === p.home.unitPath,
)!;

interface Case {
  id: string;
  version: number;
  status: string;
  supporterIds: string[];
}

async function caseOf(): Promise<Case> {
  const token = await suite.portal.api.login('congan.hanoi');
  const found = await suite.portal.api.graphql<{ person: { postRehabCases: Case[] } }>(
    token,
    'query($id: ID!) { person(id: $id) { postRehabCases { id version status supporterIds } } }',
    { id: person.id },
  );
  const open = found.data?.person.postRehabCases.find((c) => c.status === 'UNDER_MANAGEMENT');
  if (!open) throw new Error(JSON.stringify(found.errors ?? found.data));
  return open;
}

async function openPerson(username: string) {
  const page = await suite.open();
  await logIn(page, suite.portal, username);
  await openPersonById(page, suite.portal, person);
  return page;
}

describe('post-rehab supporters', () => {
  it("are ticked from the commune's volunteers, then changed", async () => {
    const official = await addCommuneAccount(suite.portal, 'commune_official', person.home.unitCode);
    const page = await openPerson(official);
    const actions = page.getByTestId('person-actions');
    await actions.getByRole('button', { name: 'Phân công người hỗ trợ' }).click();
    const form = actions.getByTestId('form-assign-supporters');
    const boxes = form.getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    const names = await form.locator('label.checkbox').allTextContents();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await shot(page, 'post-rehab-supporters');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    const assigned = await caseOf();
    expect(assigned.supporterIds).toHaveLength(2);

    // Opened again, the form shows who is assigned; unticking one keeps the other.
    const step = actions.getByRole('button', { name: 'Phân công người hỗ trợ' });
    await step.click(); // closes the saved form
    await actions.getByTestId('form-assign-supporters').waitFor({ state: 'detached' });
    await step.click();
    const again = actions.getByTestId('form-assign-supporters');
    expect(await again.getByRole('checkbox', { name: names[0]! }).isChecked()).toBe(true);
    expect(await again.getByRole('checkbox', { name: names[1]! }).isChecked()).toBe(true);
    await again.getByRole('checkbox', { name: names[0]! }).uncheck();
    await again.getByRole('button', { name: 'Lưu' }).click();
    await again.getByText('Đã lưu thành công').waitFor();
    const changed = await caseOf();
    expect(changed.supporterIds).toEqual([assigned.supporterIds[1]]);
    expect(changed.version).toBeGreaterThan(assigned.version);
  });

  it("are not the police's to assign: no step in the portal, refused by the API", async () => {
    const police = await addCommuneAccount(suite.portal, 'police_officer', person.home.unitCode);
    const page = await openPerson(police);
    // The police record a relapse on the same case, but do not assign supporters.
    await page.getByTestId('person-actions').getByRole('button', { name: 'Ghi nhận tái nghiện' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Phân công người hỗ trợ' }).count()).toBe(0);
    const before = await caseOf();
    const attempt = await suite.portal.api.graphql(
      await suite.portal.api.login(police),
      'mutation($id: ID!, $v: Int!) { assignPostRehabSupporters(id: $id, expectedVersion: $v, supporterIds: []) { id } }',
      { id: before.id, v: before.version },
    );
    expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await caseOf()).version).toBe(before.version);
  });
});
