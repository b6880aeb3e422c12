import { unitAt } from '@rehab/shared-schema';
import { addCommuneAccount, dmy, isoDate, logIn, portalSuite, shot } from './portal-support';
import { population } from './fixtures';

/**
 * The commune police act from their worklist on what the facilities tell them: a resident who
 * escaped is found, a completion is acknowledged. The commune's chairman sees the searches but
 * only the police record a person found.
 */
const suite = portalSuite();
/** Compulsory residents of CSCN1 living in a commune as it is today (the commune police's own people). */
const residents = population.filter(
  (p) =>
    p.rehab?.status === 'ADMITTED' &&
    p.rehab.facilityCode === 'CSCN1' &&
    p.currentResidence.unitPath === p.home.unitPath &&
    unitAt(p.home.unitCode)?.path === p.home.unitPath,
);
const escaper = residents[0]!;
const completer = residents[1]!;

interface Episode {
  id: string;
  version: number;
  status: string;
}

async function admittedEpisode(token: string, personId: string): Promise<Episode> {
  const found = await suite.portal.api.graphql<{ person: { rehabEpisodes: Episode[] } }>(
    token,
    'query($id: ID!) { person(id: $id) { rehabEpisodes { id version status } } }',
    { id: personId },
  );
  const episode = found.data?.person.rehabEpisodes.find((e) => e.status === 'ADMITTED');
  if (!episode) throw new Error(`no admitted episode: ${JSON.stringify(found)}`);
  return episode;
}

/** Polls the police API until the facility's notice has reached the commune (the outbox delivers it). */
async function until<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the notice never arrived');
}

describe("the commune police's worklist actions", () => {
  it('records an absconder found and acknowledges a completion; the chairman may not record a person found', async () => {
    const facility = await suite.portal.api.login('cscn1');
    const escaped = await admittedEpisode(facility, escaper.id);
    const escape = await suite.portal.api.graphql(
      facility,
      'mutation($id: ID!, $v: Int!, $on: Date!) { recordEscape(id: $id, expectedVersion: $v, escapedOn: $on, note: "Trốn khi lao động") { status } }',
      { id: escaped.id, v: escaped.version, on: isoDate(-2) },
    );
    expect(escape.errors).toBeUndefined();
    const completing = await admittedEpisode(facility, completer.id);
    const completion = await suite.portal.api.graphql(
      facility,
      'mutation($id: ID!, $v: Int!, $on: Date!) { completeRehabEpisode(id: $id, expectedVersion: $v, completedOn: $on, certificateNumber: "GCN-77/2026/CSCN1") { status } }',
      { id: completing.id, v: completing.version, on: isoDate(0) },
    );
    expect(completion.errors).toBeUndefined();

    const police = await addCommuneAccount(suite.portal, 'police_officer', escaper.home.unitCode);
    const chairman = await addCommuneAccount(suite.portal, 'commune_official', escaper.home.unitCode);
    const policeToken = await suite.portal.api.login(police);
    await until(async () => {
      const open = await suite.portal.api.graphql<{ absconderSearches: { nodes: { person: { id: string } }[] } }>(
        policeToken,
        '{ absconderSearches(status: OPEN, first: 50) { nodes { person { id } } } }',
      );
      return open.data?.absconderSearches.nodes.some((n) => n.person.id === escaper.id) ? true : undefined;
    });

    // The chairman sees the search, without the police's action.
    const page = await suite.open();
    await logIn(page, suite.portal, chairman);
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const seen = page.getByTestId('worklist-absconders').locator('tr', { hasText: escaper.fullName });
    await seen.waitFor();
    expect(await seen.getByRole('button', { name: 'Đã tìm thấy' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await logIn(page, suite.portal, police);
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const row = page.getByTestId('worklist-absconders').locator('tr', { hasText: escaper.fullName });
    await row.getByRole('button', { name: 'Đã tìm thấy' }).click();
    const form = row.getByTestId('form-absconder-found');
    await form.getByLabel('Ngày tìm thấy').fill(dmy(isoDate(-1)));
    // The place is required: refused in the page, beside its field, before anything is sent.
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form
      .locator('.form-field', { has: page.getByLabel('Nơi và cách tìm thấy') })
      .locator('.form-field__error')
      .waitFor();
    await form.getByLabel('Nơi và cách tìm thấy').fill('Tìm thấy tại nhà, đã bàn giao cho cơ sở');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const question = form.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain(`${escaper.fullName} ngày ${dmy(isoDate(-1))}`);
    await shot(page, 'police-absconder-found');
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    await row.waitFor({ state: 'detached' });
    const found = await suite.portal.api.graphql<{ absconderSearches: { nodes: { person: { id: string }; foundOn: string }[] } }>(
      policeToken,
      '{ absconderSearches(status: FOUND, first: 50) { nodes { person { id } foundOn foundNote } } }',
    );
    expect(found.data?.absconderSearches.nodes).toContainEqual(
      expect.objectContaining({ person: { id: escaper.id }, foundOn: isoDate(-1) }),
    );

    // The completion, acknowledged by its commune's police once the facility's notice has arrived.
    const otherPolice = await addCommuneAccount(suite.portal, 'police_officer', completer.home.unitCode);
    const otherToken = await suite.portal.api.login(otherPolice);
    const waiting = `{ rehabCompletionNotices(acknowledged: false, first: 50) { nodes { person { id } } } }`;
    await until(async () => {
      const notices = await suite.portal.api.graphql<{ rehabCompletionNotices: { nodes: { person: { id: string } }[] } }>(
        otherToken,
        waiting,
      );
      return notices.data?.rehabCompletionNotices.nodes.some((n) => n.person.id === completer.id) ? true : undefined;
    });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await logIn(page, suite.portal, otherPolice);
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    const notice = page.getByTestId('worklist-completions').locator('tr', { hasText: completer.fullName });
    await notice.getByRole('button', { name: 'Đã nhận thông báo' }).click();
    await notice.getByRole('button', { name: 'Lưu' }).click();
    await shot(page, 'police-completion-acknowledge');
    await notice.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await notice.waitFor({ state: 'detached' });
    const left = await suite.portal.api.graphql<{ rehabCompletionNotices: { nodes: { person: { id: string } }[] } }>(
      otherToken,
      waiting,
    );
    expect(left.data?.rehabCompletionNotices.nodes.map((n) => n.person.id)).not.toContain(completer.id);

    // The API refuses the chairman the police's step.
    const chairmanToken = await suite.portal.api.login(chairman);
    const refused = await suite.portal.api.graphql(
      chairmanToken,
      'mutation($id: ID!) { recordAbsconderFound(searchId: $id, expectedVersion: 1, foundOn: "2026-01-01", note: "x") { id } }',
      { id: escaped.id },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
