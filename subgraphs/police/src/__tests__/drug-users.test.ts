import { randomUUID } from 'node:crypto';
import { generateDemoPopulation } from '@rehab/shared-schema';
import type { Notice } from '@rehab/server-kit';
import { policeNoticeHandlers } from '../notices/handlers';
import { COMMUNE, OTHER_COMMUNE, dataOf, errorOf, openHarness, register, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 60 }));
});

afterAll(async () => {
  await h.close();
});

const FIELDS =
  'id status detectedOn detectionMethod substances testResult decisionNumber decisionDate periodEndsOn endedOn endReason supersededOn version checkIns { checkedInOn note recordedBy }';
const DETECT = `mutation($p: ID!, $input: DrugUseDetectionInput!) { recordDrugUseDetection(personId: $p, input: $input) { ${FIELDS} person { id } } }`;
const DECIDE = `mutation($id: ID!, $v: Int!, $n: String!, $d: Date!) { decideDrugUserManagement(id: $id, expectedVersion: $v, decisionNumber: $n, decisionDate: $d) { ${FIELDS} } }`;
const CHECK_IN = `mutation($id: ID!, $d: Date!, $note: String!) { recordCheckIn(id: $id, date: $d, note: $note) { id checkedInOn note recordedBy } }`;
const END = `mutation($id: ID!, $v: Int!, $d: Date!, $r: ManagementEndReason!) { endDrugUserManagement(id: $id, expectedVersion: $v, endedOn: $d, reason: $r) { ${FIELDS} } }`;

interface Management {
  id: string;
  status: string;
  version: number;
  periodEndsOn: string | null;
  supersededOn: string | null;
  checkIns: { checkedInOn: string; note: string; recordedBy: string }[];
}

const positive = (detectedOn = '2026-07-10') => ({
  detectedOn,
  method: 'TEST_POSITIVE',
  substances: ['STIMULANTS', 'OPIOIDS'],
  testResult: 'Dương tính với Methamphetamine',
});

async function detect(personId: string, input: Record<string, unknown> = positive()): Promise<Management> {
  return dataOf<{ recordDrugUseDetection: Management }>(await h.run(DETECT, { p: personId, input }, 'police_officer', COMMUNE))
    .recordDrugUseDetection;
}

async function decide(m: Management, date = '2026-07-20'): Promise<Management> {
  return dataOf<{ decideDrugUserManagement: Management }>(
    await h.run(DECIDE, { id: m.id, v: m.version, n: '15/QĐ-UBND', d: date }, 'commune_official', COMMUNE),
  ).decideDrugUserManagement;
}

describe('drug-user management', () => {
  it('runs detection → decision → check-ins → end, each by its role, audited', async () => {
    const p = await register(h);
    const opened = await detect(p.id);
    expect(opened).toMatchObject({
      status: 'PENDING_DECISION',
      detectedOn: '2026-07-10',
      detectionMethod: 'TEST_POSITIVE',
      substances: ['STIMULANTS', 'OPIOIDS'],
      version: 1,
      decisionNumber: null,
    });
    const active = await decide(opened);
    // 12 months (DRUG_USER_MANAGEMENT_PERIOD in force on 2026-07-10) from the decision.
    expect(active).toMatchObject({
      status: 'ACTIVE',
      decisionNumber: '15/QĐ-UBND',
      decisionDate: '2026-07-20',
      periodEndsOn: '2027-07-20',
      version: 2,
    });
    const checkIn = await h.run(
      CHECK_IN,
      { id: active.id, d: '2026-08-20', note: 'Trình diện đúng hẹn' },
      'police_officer',
      COMMUNE,
    );
    expect(dataOf<{ recordCheckIn: unknown }>(checkIn).recordCheckIn).toMatchObject({
      checkedInOn: '2026-08-20',
      note: 'Trình diện đúng hẹn',
      recordedBy: 'test.police_officer',
    });
    const ended = dataOf<{ endDrugUserManagement: Management }>(
      await h.run(END, { id: active.id, v: 2, d: '2026-10-01', r: 'DECEASED' }, 'commune_official', COMMUNE),
    ).endDrugUserManagement;
    expect(ended).toMatchObject({
      status: 'ENDED',
      endedOn: '2026-10-01',
      endReason: 'DECEASED',
      version: 3,
      checkIns: [{ checkedInOn: '2026-08-20' }],
    });
    const audit = await h.database.db.query(
      `SELECT entity_type, role FROM audit_log WHERE person_id = $1 AND action = 'CHANGE' ORDER BY id`,
      [p.id],
    );
    expect(audit).toEqual([
      { entity_type: 'Person', role: 'police_officer' },
      { entity_type: 'DrugUserManagement', role: 'police_officer' },
      { entity_type: 'DrugUserManagement', role: 'commune_official' },
      { entity_type: 'DrugUserCheckIn', role: 'police_officer' },
      { entity_type: 'DrugUserManagement', role: 'commune_official' },
    ]);
    const viaPerson = await h.run(
      `query($id: ID!) { person(id: $id) { drugUserManagements { id status checkIns { note } } } }`,
      { id: p.id },
      'labour_officer',
      '01',
    );
    expect(dataOf<{ person: { drugUserManagements: unknown[] } }>(viaPerson).person.drugUserManagements).toEqual([
      { id: active.id, status: 'ENDED', checkIns: [{ note: 'Trình diện đúng hẹn' }] },
    ]);
  });

  it("refuses each step to the wrong role and outside the caller's unit, changing nothing", async () => {
    const p = await register(h);
    const m = await detect(p.id);
    const before = await h.snapshot();
    expect(errorOf(await h.run(DETECT, { p: p.id, input: positive() }, 'commune_official', COMMUNE)).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(DETECT, { p: p.id, input: positive() }, 'police_officer', OTHER_COMMUNE)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.run(DECIDE, { id: m.id, v: 1, n: '1', d: '2026-07-20' }, 'police_officer', COMMUNE)).code).toBe(
      'FORBIDDEN',
    );
    expect(
      errorOf(await h.run(DECIDE, { id: m.id, v: 1, n: '1', d: '2026-07-20' }, 'commune_official', OTHER_COMMUNE)).code,
    ).toBe('NOT_FOUND');
    expect(errorOf(await h.run(CHECK_IN, { id: m.id, d: '2026-08-01', note: '' }, 'commune_official', COMMUNE)).code).toBe(
      'FORBIDDEN',
    );
    expect(errorOf(await h.run(CHECK_IN, { id: m.id, d: '2026-08-01', note: '' }, 'police_officer', OTHER_COMMUNE)).code).toBe(
      'NOT_FOUND',
    );
    expect(errorOf(await h.run(END, { id: m.id, v: 1, d: '2026-08-01', r: 'OTHER' }, 'police_officer', COMMUNE)).code).toBe(
      'FORBIDDEN',
    );
    expect(
      errorOf(await h.run(END, { id: m.id, v: 1, d: '2026-08-01', r: 'OTHER' }, 'commune_official', OTHER_COMMUNE)).code,
    ).toBe('NOT_FOUND');
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses bad input with the field at fault', async () => {
    const p = await register(h, { dateOfBirth: '1995-01-01' });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...positive(), testResult: null }, 'testResult'],
      [{ ...positive(), substances: [] }, 'substances'],
      [{ ...positive(), detectedOn: '2999-01-01' }, 'detectedOn'],
      [{ ...positive(), detectedOn: '1994-12-31' }, 'detectedOn'],
    ];
    for (const [input, field] of cases) {
      expect([field, errorOf(await h.run(DETECT, { p: p.id, input }, 'police_officer', COMMUNE))]).toEqual([
        field,
        expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      ]);
    }
    expect(errorOf(await h.run(DETECT, { p: 'x', input: positive() }, 'police_officer', COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'personId',
    });
    const m = await detect(p.id);
    expect(errorOf(await h.run(DECIDE, { id: m.id, v: 1, n: '1', d: '2026-07-01' }, 'commune_official', COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'decisionDate',
    });
    expect(errorOf(await h.run(DECIDE, { id: m.id, v: 1, n: ' ', d: '2026-07-20' }, 'commune_official', COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'decisionNumber',
    });
    const active = await decide(m);
    expect(errorOf(await h.run(CHECK_IN, { id: active.id, d: '2026-07-19', note: '' }, 'police_officer', COMMUNE))).toMatchObject(
      { code: 'BAD_USER_INPUT', field: 'date' },
    );
    const early = await h.run(END, { id: active.id, v: 2, d: '2026-09-01', r: 'PERIOD_COMPLETED' }, 'commune_official', COMMUNE);
    expect(errorOf(early)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'endedOn',
      vi: 'Thời hạn quản lý đến ngày 2027-07-20; kết thúc sớm hơn phải nêu lý do khác',
    });
  });

  it('refuses every illegal transition with a typed error, changing nothing', async () => {
    const p = await register(h);
    const pending = await detect(p.id);
    let before = await h.snapshot();
    // A second open case; a check-in before the decision.
    expect(errorOf(await h.run(DETECT, { p: p.id, input: positive('2026-07-12') }, 'police_officer', COMMUNE)).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    const early = await h.run(CHECK_IN, { id: pending.id, d: '2026-07-15', note: '' }, 'police_officer', COMMUNE);
    expect(errorOf(early)).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      vi: 'Không thể ghi nhận trình diện khi hồ sơ quản lý người sử dụng trái phép chất ma túy đang ở trạng thái "chờ quyết định quản lý"',
    });
    expect(await h.snapshot()).toBe(before);
    const active = await decide(pending);
    before = await h.snapshot();
    expect(errorOf(await h.run(DECIDE, { id: active.id, v: 2, n: '2', d: '2026-07-21' }, 'commune_official', COMMUNE)).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(await h.snapshot()).toBe(before);
    const ended = dataOf<{ endDrugUserManagement: Management }>(
      await h.run(END, { id: active.id, v: 2, d: '2026-09-01', r: 'DECISION_REVOKED' }, 'commune_official', COMMUNE),
    ).endDrugUserManagement;
    before = await h.snapshot();
    expect(errorOf(await h.run(END, { id: ended.id, v: 3, d: '2026-09-02', r: 'OTHER' }, 'commune_official', COMMUNE)).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(errorOf(await h.run(CHECK_IN, { id: ended.id, d: '2026-09-02', note: '' }, 'police_officer', COMMUNE)).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(errorOf(await h.run(DECIDE, { id: ended.id, v: 3, n: '2', d: '2026-09-02' }, 'commune_official', COMMUNE)).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(await h.snapshot()).toBe(before);
    // Once ended, a new detection opens a new case.
    expect((await detect(p.id, positive('2026-09-10'))).status).toBe('PENDING_DECISION');
  });

  it('refuses a stale version with a CONFLICT, changing nothing', async () => {
    const p = await register(h);
    const active = await decide(await detect(p.id));
    const before = await h.snapshot();
    expect(
      errorOf(await h.run(END, { id: active.id, v: 1, d: '2026-09-01', r: 'OTHER' }, 'commune_official', COMMUNE)),
    ).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    const pending = await detect((await register(h)).id);
    expect(
      errorOf(await h.run(DECIDE, { id: pending.id, v: 5, n: '1', d: '2026-07-20' }, 'commune_official', COMMUNE)).code,
    ).toBe('CONFLICT');
    expect(before).not.toBe(await h.snapshot()); // the second detection changed something…
    const after = await h.snapshot();
    expect(
      errorOf(await h.run(DECIDE, { id: pending.id, v: 0, n: '1', d: '2026-07-20' }, 'commune_official', COMMUNE)).code,
    ).toBe('CONFLICT');
    expect(await h.snapshot()).toBe(after); // …the refused decisions nothing.
  });

  it("is superseded by an admission to rehab (labour's rehab.admitted notice)", async () => {
    const p = await register(h);
    const active = await decide(await detect(p.id));
    const notice: Notice = {
      id: randomUUID(),
      topic: 'rehab.admitted',
      source: 'labor-welfare',
      destination: 'police',
      createdAt: new Date().toISOString(),
      payload: { personId: p.id, episodeId: randomUUID(), admittedOn: '2026-09-05', kind: 'COMPULSORY', facilityCode: 'CSCN1' },
    };
    await h.database.db.transaction((m) =>
      (policeNoticeHandlers['rehab.admitted'] as NonNullable<(typeof policeNoticeHandlers)[string]>)(m, notice),
    );
    const view = await h.run(
      `query($id: ID!) { person(id: $id) { drugUserManagements { id status supersededOn version } } }`,
      { id: p.id },
      'police_officer',
      COMMUNE,
    );
    expect(dataOf<{ person: { drugUserManagements: unknown[] } }>(view).person.drugUserManagements).toEqual([
      { id: active.id, status: 'SUPERSEDED_BY_REHAB', supersededOn: '2026-09-05', version: 3 },
    ]);
    const [audit] = await h.database.db.query<unknown[]>(
      `SELECT username, role, request_id, fields FROM audit_log WHERE person_id = $1 AND action = 'CHANGE' ORDER BY id DESC LIMIT 1`,
      [p.id],
    );
    expect(audit).toEqual({
      username: 'labor-welfare',
      role: 'notice',
      request_id: notice.id,
      fields: ['status', 'supersededOn'],
    });
    expect(errorOf(await h.run(CHECK_IN, { id: active.id, d: '2026-09-06', note: '' }, 'police_officer', COMMUNE)).code).toBe(
      'ILLEGAL_TRANSITION',
    );
  });
});

describe('worklist of management periods ending', () => {
  const ENDING = `query($asOf: Date, $days: Int, $first: Int, $after: String) { drugUserManagementsEnding(asOf: $asOf, withinDays: $days, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage } nodes { id periodEndsOn person { id } } } }`;
  interface Page {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: { id: string; periodEndsOn: string }[];
  }
  const ending = async (
    vars: Record<string, unknown>,
    role: 'police_officer' | 'commune_official' = 'commune_official',
    unit = COMMUNE,
  ) => dataOf<{ drugUserManagementsEnding: Page }>(await h.run(ENDING, vars, role, unit)).drugUserManagementsEnding;

  it('lists open managements ending within the window, earliest first, pages them, and leaves out ended ones', async () => {
    const soon = await decide(await detect((await register(h)).id), '2026-07-20');
    const later = await decide(await detect((await register(h)).id, positive('2026-08-20')), '2026-08-25');
    const closed = await decide(await detect((await register(h)).id), '2026-07-21');
    dataOf(await h.run(END, { id: closed.id, v: closed.version, d: '2026-10-01', r: 'DECEASED' }, 'commune_official', COMMUNE));
    const ours = (page: Page) =>
      page.nodes.filter((n) => [soon.id, later.id, closed.id].includes(n.id)).map((n) => [n.id, n.periodEndsOn]);

    expect(ours(await ending({ asOf: '2027-07-01', days: 30, first: 100 }))).toEqual([[soon.id, '2027-07-20']]);
    expect(ours(await ending({ asOf: '2027-07-01', days: 60, first: 100 }))).toEqual([
      [soon.id, '2027-07-20'],
      [later.id, '2027-08-25'],
    ]);
    // Overdue and still open: on the list until the commune closes it.
    expect(ours(await ending({ asOf: '2027-09-30', days: 0, first: 100 }))).toEqual([
      [soon.id, '2027-07-20'],
      [later.id, '2027-08-25'],
    ]);

    const all = await ending({ asOf: '2027-09-30', days: 0, first: 100 });
    const dates = all.nodes.map((n) => n.periodEndsOn);
    expect(dates).toEqual([...dates].sort());
    const first = await ending({ asOf: '2027-09-30', days: 0, first: 1 });
    const second = await ending({ asOf: '2027-09-30', days: 0, first: 1, after: first.pageInfo.endCursor });
    expect([first.nodes[0]?.id, second.nodes[0]?.id]).toEqual(all.nodes.slice(0, 2).map((n) => n.id));
    expect(first.totalCount).toBe(all.totalCount);
    // The commune police see the same list; another district's commune sees none of these.
    expect(ours(await ending({ asOf: '2027-07-01', days: 30, first: 100 }, 'police_officer'))).toEqual([[soon.id, '2027-07-20']]);
    expect(ours(await ending({ asOf: '2027-09-30', days: 0, first: 100 }, 'commune_official', OTHER_COMMUNE))).toEqual([]);
  });

  it('refuses other roles and a bad window', async () => {
    for (const role of ['labour_officer', 'health_worker', 'volunteer', 'analyst', 'facility_staff', 'court_clerk'] as const) {
      expect([role, errorOf(await h.run(ENDING, {}, role, COMMUNE)).code]).toEqual([role, 'FORBIDDEN']);
    }
    for (const days of [-1, 367]) {
      expect(errorOf(await h.run(ENDING, { days }, 'commune_official', COMMUNE))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'withinDays',
      });
    }
    expect(errorOf(await h.run(ENDING, { after: 'bogus' }, 'commune_official', COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});

describe('management period from the law in force on the detection date', () => {
  it('uses the rule in force when the case started, not when it was decided', async () => {
    // A hypothetical new rule from 1 July 2026 (18 months), so the two sides of the date differ.
    const owner = await h.database.owner();
    await owner.query(`UPDATE legal_rule SET effective_to = '2026-06-30' WHERE code = 'DRUG_USER_MANAGEMENT_PERIOD'`);
    await owner.query(`INSERT INTO legal_rule (code, description, value, unit, effective_from, effective_to, legal_basis)
      VALUES ('DRUG_USER_MANAGEMENT_PERIOD', 'Thử nghiệm', 18, 'MONTHS', '2026-07-01', NULL, 'Thử nghiệm')`);
    const before = await decide(await detect((await register(h)).id, positive('2026-06-25')), '2026-07-10');
    const after = await decide(await detect((await register(h)).id, positive('2026-07-02')), '2026-07-10');
    expect([before.periodEndsOn, after.periodEndsOn]).toEqual(['2027-07-10', '2028-01-10']);
    // A detection before any rule was in force cannot be decided: no period to apply.
    const old = await detect((await register(h)).id, positive('2021-12-20'));
    const refused = await h.run(DECIDE, { id: old.id, v: 1, n: '1', d: '2022-01-05' }, 'commune_official', COMMUNE);
    expect(errorOf(refused)).toMatchObject({
      code: 'BAD_USER_INPUT',
      vi: 'Không có quy định về thời hạn quản lý có hiệu lực vào ngày phát hiện 2021-12-20',
    });
  });
});
