import { population } from './fixtures';
import { apiCall, dmy, isoDate, logIn, openPersonByName, portalSuite, shot } from './portal-support';

/**
 * While a compulsory-rehab dossier is pending, the head of the commune police (today's
 * arrangement) holds the person at a facility chosen from the province's list, each step said
 * back for confirmation; once the court approved, the police record the escort. The commune's
 * chairman, who set interim measures until March 2025, has no such step any more.
 */
const suite = portalSuite();
/** An adult of Phường Ba Đình, living there, with no rehab so far. */
const person = population.find(
  (p) =>
    p.home.unitCode === '00004' && p.currentResidence.unitPath === p.home.unitPath && !p.rehab && p.dateOfBirth < '2000-01-01',
)!;

interface Dossier {
  id: string;
  version: number;
  status: string;
  interimMeasure: string | null;
  interimFacility: { code: string } | null;
  escortedOn: string | null;
  allowedTerm: { minMonths: number } | null;
}

const DOSSIER = 'id version status interimMeasure interimFacility { code } escortedOn allowedTerm { minMonths }';

const call = <T>(username: string, query: string, variables: Record<string, unknown> = {}): Promise<T> =>
  apiCall<T>(suite.portal, username, query, variables);

const dossierOf = async (id: string): Promise<Dossier> =>
  (
    await call<{ compulsoryRehabDossier: Dossier }>(
      'congan.phuongbadinh',
      `query($id: ID!) { compulsoryRehabDossier(id: $id) { ${DOSSIER} } }`,
      { id },
    )
  ).compulsoryRehabDossier;

let dossierId = '';

beforeAll(async () => {
  const drafted = await call<{ draftCompulsoryRehabDossier: Dossier }>(
    'congan.phuongbadinh',
    `mutation($i: DraftDossierInput!) { draftCompulsoryRehabDossier(input: $i) { ${DOSSIER} } }`,
    {
      i: {
        personId: person.id,
        residenceUnitCode: '00004',
        startedOn: isoDate(-3),
        ground: 'NOT_REGISTERED',
        subjectFullName: person.fullName,
        subjectDateOfBirth: person.dateOfBirth,
      },
    },
  );
  dossierId = drafted.draftCompulsoryRehabDossier.id;
});

describe('interim measure and escort', () => {
  it('holds the person at a facility chosen from a list; a hold without a facility is refused beside the field', async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await openPersonByName(page, person.fullName);
    const actions = page.getByTestId('person-actions');
    await actions.getByRole('button', { name: 'Biện pháp trong thời gian chờ' }).click();
    const form = actions.getByTestId('form-interim-measure');
    expect(await form.getByLabel(/^Biện pháp( \*)?$/).inputValue()).toBe('');
    // Nothing to end yet: only the two measures are offered.
    expect(
      await form
        .getByLabel(/^Biện pháp( \*)?$/)
        .locator('option:not([disabled])')
        .allTextContents(),
    ).toEqual(['Giao gia đình quản lý', 'Tạm giữ tại cơ sở cai nghiện']);
    await form.getByLabel(/^Biện pháp( \*)?$/).selectOption('HELD_AT_FACILITY');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await form
      .locator('.form-field', { has: page.getByLabel('Cơ sở cai nghiện tạm giữ') })
      .locator('.form-field__error')
      .waitFor();
    expect((await dossierOf(dossierId)).interimMeasure).toBeNull();

    await form.getByLabel('Cơ sở cai nghiện tạm giữ').selectOption('CSCN1');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const question = form.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain(
      `“Tạm giữ tại cơ sở cai nghiện: Cơ sở cai nghiện ma túy số 1 Hà Nội” từ ngày ${dmy(isoDate())}`,
    );
    await shot(page, 'interim-measure-confirm');
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    expect(await dossierOf(dossierId)).toMatchObject({ interimMeasure: 'HELD_AT_FACILITY', interimFacility: { code: 'CSCN1' } });

    // Then placed with the family: a facility left chosen in the form is not sent with it; the measure can now be ended.
    const step = actions.getByRole('button', { name: 'Biện pháp trong thời gian chờ' });
    await step.click();
    await form.waitFor({ state: 'detached' });
    await step.click();
    const measure = form.getByLabel(/^Biện pháp( \*)?$/);
    expect(await measure.locator('option:not([disabled])').allTextContents()).toContain('Chấm dứt biện pháp đang áp dụng');
    await measure.selectOption('FAMILY_MANAGEMENT');
    await form.getByLabel('Cơ sở cai nghiện tạm giữ').selectOption('CSCN2');
    await form.getByRole('button', { name: 'Lưu' }).click();
    await form.getByTestId('confirm-notice').getByRole('button', { name: 'Xác nhận' }).click();
    await form.getByText('Đã lưu thành công').waitFor();
    expect(await dossierOf(dossierId)).toMatchObject({ interimMeasure: 'FAMILY_MANAGEMENT', interimFacility: null });
  });

  it("is not the commune chairman's step any more: no step in the portal, refused by the API", async () => {
    const page = await suite.open();
    await logIn(page, suite.portal, 'ubnd.phuongbadinh');
    await openPersonByName(page, person.fullName);
    await page.getByTestId('timeline').locator('li', { hasText: 'Lập hồ sơ đề nghị cai nghiện bắt buộc' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Biện pháp trong thời gian chờ' }).count()).toBe(0);
    const before = await dossierOf(dossierId);
    const attempt = await suite.portal.api.graphql(
      await suite.portal.api.login('ubnd.phuongbadinh'),
      `mutation($id: ID!, $v: Int!, $on: Date!) { setInterimMeasure(id: $id, expectedVersion: $v, input: { measure: FAMILY_MANAGEMENT, since: $on }) { id } }`,
      { id: dossierId, v: before.version, on: isoDate() },
    );
    expect(attempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await dossierOf(dossierId)).version).toBe(before.version);
  });

  it('records the escort once the court approved, then offers it no more', async () => {
    const sent = await call<{ submitCompulsoryRehabDossier: Dossier }>(
      'congan.phuongbadinh',
      `mutation($id: ID!, $v: Int!) { submitCompulsoryRehabDossier(id: $id, expectedVersion: $v, courtUnitCode: "TAKV-HN01") { ${DOSSIER} } }`,
      { id: dossierId, v: (await dossierOf(dossierId)).version },
    );
    const at = sent.submitCompulsoryRehabDossier;
    await call(
      'toaan.kv1',
      `mutation($id: ID!, $v: Int!, $i: CourtDecisionInput!) { recordCourtDecision(id: $id, expectedVersion: $v, input: $i) { id } }`,
      {
        id: dossierId,
        v: at.version,
        i: {
          outcome: 'APPROVED',
          decisionNumber: '91/2026/QĐ-TA',
          decidedOn: isoDate(),
          termMonths: at.allowedTerm?.minMonths ?? 12,
          facilityCode: 'CSCN1',
        },
      },
    );
    const page = await suite.open();
    await logIn(page, suite.portal, 'congan.phuongbadinh');
    await openPersonByName(page, person.fullName);
    const actions = page.getByTestId('person-actions');
    await actions.getByRole('button', { name: 'Ghi việc áp giải đến cơ sở' }).click();
    const form = actions.getByTestId('form-escort');
    await form.getByRole('button', { name: 'Lưu' }).click();
    const question = form.getByTestId('confirm-notice');
    expect(await question.textContent()).toContain(`áp giải đến cơ sở cai nghiện ngày ${dmy(isoDate())}`);
    await question.getByRole('button', { name: 'Xác nhận' }).click();
    await actions.getByRole('button', { name: 'Ghi việc áp giải đến cơ sở' }).waitFor({ state: 'detached' });
    expect((await dossierOf(dossierId)).escortedOn).toBe(isoDate());
  });
});
