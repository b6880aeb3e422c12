import { randomUUID } from 'node:crypto';
import { announceTestPersons, demoUnits } from '@rehab/server-kit';
import { addDays, todayInHanoi } from '@rehab/shared-schema';
import { openHealthHarness, type HealthHarness } from './harness';

/**
 * A paper examination done before its request reached the system: the request is entered with
 * the day it was made on paper, marked as a late entry with its reason, and the examination
 * keeps its real date; the registration deadline police keep runs from the real dates.
 */
const { COMMUNE } = demoUnits;
let h: HealthHarness;

beforeAll(async () => {
  h = await openHealthHarness({ persons: 20, physician: true });
});
afterAll(async () => {
  await h.close();
});

const run: HealthHarness['run'] = (...args) => h.run(...args);

const REQUEST = `mutation($p: ID!, $on: Date, $why: String) {
  requestAddictionDetermination(personId: $p, reason: "Phát hiện sử dụng", requestedBy: POLICE, requestedOn: $on, lateEntryReason: $why) {
    id requestedOn lateEntry lateEntryReason } }`;
const EXAMINE = `mutation($id: ID!, $on: Date!) { recordAddictionExamination(requestId: $id, input: { examinedOn: $on, documentNumber: "KQ-GIAY-01",
  findings: [{ substanceClass: OPIOIDS, criteria: [CRAVING, TOLERANCE, WITHDRAWAL], pattern: TOGETHER_AT_LEAST_ONE_MONTH }] }) {
  determination { examinedOn informedOn addicted } } }`;
const READ = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person {
  addictionDeterminationRequests { requestedOn lateEntry lateEntryReason } } } }`;

const TODAY = todayInHanoi();
const PAPER_DAY = addDays(TODAY, -40);
const WHY = 'Hồ sơ giấy lập trước khi xã được cấp tài khoản';

async function person(): Promise<string> {
  const id = randomUUID();
  await announceTestPersons(h.database.db, COMMUNE, id);
  return id;
}

const requestCount = async (): Promise<number> => {
  const [{ n }] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM addiction_determination_request');
  return n;
};

describe('a paper examination entered late', () => {
  it('keeps the real dates, marks the request a late entry, and tells police the real informed day', async () => {
    const p = await person();
    const requested = await run(REQUEST, { p, on: PAPER_DAY, why: WHY }, 'police_officer', COMMUNE);
    expect(requested.errors).toBeUndefined();
    expect(requested.data?.requestAddictionDetermination).toMatchObject({
      requestedOn: PAPER_DAY,
      lateEntry: true,
      lateEntryReason: WHY,
    });
    const id = (requested.data?.requestAddictionDetermination as { id: string }).id;
    // The examination on paper, before today: its real date is accepted (not before the paper request).
    const early = await run(EXAMINE, { id, on: addDays(PAPER_DAY, -1) }, 'health_worker');
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.examinedOn' });
    const examined = await run(EXAMINE, { id, on: addDays(PAPER_DAY, 3) }, 'health_worker');
    expect(examined.errors).toBeUndefined();
    expect(examined.data?.recordAddictionExamination).toMatchObject({
      determination: { examinedOn: addDays(PAPER_DAY, 3), informedOn: addDays(PAPER_DAY, 3), addicted: true },
    });
    const [notice] = await h.database.db.query<[{ payload: { informedOn: string } }]>(
      `SELECT payload FROM outbox_notice WHERE topic = 'addiction.determined' AND payload->>'personId' = $1`,
      [p],
    );
    expect(notice.payload.informedOn).toBe(addDays(PAPER_DAY, 3));
    // The requesting commune reads the mark.
    const read = await run(READ, { r: [{ __typename: 'Person', id: p }] }, 'police_officer', COMMUNE);
    expect(read.errors).toBeUndefined();
    expect(read.data?._entities).toEqual([
      { addictionDeterminationRequests: [{ requestedOn: PAPER_DAY, lateEntry: true, lateEntryReason: WHY }] },
    ]);
  });

  it('a request of today is not a late entry; one of an earlier day needs the reason, and none is before the criteria or in the future', async () => {
    const p = await person();
    const today = await run(REQUEST, { p }, 'police_officer', COMMUNE);
    expect(today.data?.requestAddictionDetermination).toMatchObject({
      requestedOn: TODAY,
      lateEntry: false,
      lateEntryReason: null,
    });
    const before = await requestCount();
    const refusals: [Record<string, unknown>, string][] = [
      [{ on: PAPER_DAY }, 'lateEntryReason'],
      [{ on: PAPER_DAY, why: '   ' }, 'lateEntryReason'],
      [{ on: TODAY, why: WHY }, 'lateEntryReason'],
      [{ why: WHY }, 'lateEntryReason'],
      [{ on: addDays(TODAY, 1), why: WHY }, 'requestedOn'],
      [{ on: '2021-12-31', why: WHY }, 'requestedOn'],
      [{ on: PAPER_DAY, why: 'x'.repeat(1001) }, 'lateEntryReason'],
    ];
    for (const [vars, field] of refusals) {
      const result = await run(REQUEST, { p, ...vars }, 'police_officer', COMMUNE);
      const ext = result.errors?.[0]?.extensions;
      expect([vars, ext?.code, ext?.field]).toEqual([vars, 'BAD_USER_INPUT', field]);
      expect(ext?.i18n).toMatchObject({ vi: expect.any(String), en: expect.any(String) });
    }
    expect(await requestCount()).toBe(before);
    const first = await run(REQUEST, { p, on: '2022-01-01', why: WHY }, 'police_officer', COMMUNE);
    expect(first.data?.requestAddictionDetermination).toMatchObject({ requestedOn: '2022-01-01', lateEntry: true });
  });

  it('only requesters enter a request, late or not; volunteers, the Front and analysts do not read it', async () => {
    const p = await person();
    for (const role of ['health_worker', 'volunteer', 'front_officer', 'analyst', 'court_clerk'] as const) {
      const result = await run(REQUEST, { p, on: PAPER_DAY, why: WHY }, role, COMMUNE);
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
    await run(REQUEST, { p, on: PAPER_DAY, why: WHY }, 'police_officer', COMMUNE);
    for (const role of ['volunteer', 'front_officer', 'analyst'] as const) {
      const result = await run(READ, { r: [{ __typename: 'Person', id: p }] }, role, COMMUNE);
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
  });
});
