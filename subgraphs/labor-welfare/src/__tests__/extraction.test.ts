import { addDays, generateDemoPopulation, todayInHanoi } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import {
  COMMUNE,
  COMMUNE_OFFICIAL,
  LABOUR,
  M,
  POLICE,
  STAFF,
  admitted,
  fails,
  footprint,
  ok,
  type Actor,
  type Row,
} from './legal-path-support';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

/** The provincial police's investigation agency (Hà Nội). */
const INVESTIGATOR: Actor = { role: 'police_officer', unit: '01' };
const TODAY = todayInHanoi();

const FIELDS = `id status version requestingAgency documentNumber purpose requestedOn expectedReturnOn handedOverOn returnedOn
  cancelReason overdue requestingUnit { code } facility { code } episode { id }`;
const REQUEST = `mutation($e: ID!, $input: ResidentExtractionInput!) { requestResidentExtraction(episodeId: $e, input: $input) { ${FIELDS} } }`;
const HAND_OVER = `mutation($id: ID!, $v: Int!, $on: Date!) { recordExtractionHandover(id: $id, expectedVersion: $v, handedOverOn: $on) { ${FIELDS} } }`;
const RETURN = `mutation($id: ID!, $v: Int!, $on: Date!) { recordExtractionReturn(id: $id, expectedVersion: $v, returnedOn: $on) { ${FIELDS} } }`;
const CANCEL = `mutation($id: ID!, $v: Int!, $reason: String!) { cancelResidentExtraction(id: $id, expectedVersion: $v, reason: $reason) { ${FIELDS} } }`;
const LIST = `query($s: [ExtractionStatus!]) { residentExtractions(statuses: $s) { id status overdue } }`;

const input = (over: Record<string, unknown> = {}) => ({
  requestingAgency: 'Cơ quan Cảnh sát điều tra Công an thành phố Hà Nội',
  documentNumber: '123/CV-PC04',
  purpose: 'Lấy lời khai phục vụ điều tra vụ án mua bán trái phép chất ma túy',
  requestedOn: addDays(TODAY, -10),
  expectedReturnOn: addDays(TODAY, -5),
  ...over,
});

async function notes(
  personId: unknown,
  topic: string,
): Promise<{ audience: string[]; unit_path: string; occurred_on: string }[]> {
  return h.database.db.query(
    `SELECT audience, unit_path, occurred_on::text FROM officer_notification WHERE person_id = $1 AND topic = $2 ORDER BY occurred_on`,
    [personId, topic],
  );
}

async function personOf(episodeId: unknown): Promise<string> {
  const [row] = await h.database.db.query<[{ person_id: string }]>('SELECT person_id FROM rehab_episode WHERE id = $1', [
    episodeId,
  ]);
  return row.person_id;
}

describe("trích xuất: a resident taken out at an investigation agency's request, and brought back", () => {
  it('is asked by the provincial police, handed over and returned by the facility, each side told once', async () => {
    const e = await admitted(h, '2025-04-01');
    const person = await personOf(e.id);
    const asked = await ok(h, INVESTIGATOR, REQUEST, { e: e.id, input: input() });
    expect(asked).toMatchObject({
      status: 'REQUESTED',
      version: 1,
      requestingUnit: { code: '01' },
      facility: { code: 'CSCN1' },
      episode: { id: e.id },
      overdue: false,
    });
    expect(await notes(person, 'rehab.extraction-requested')).toEqual([
      { audience: ['facility_staff'], unit_path: '01.CSCN1', occurred_on: addDays(TODAY, -10) },
    ]);
    // The facility's worklist has it; a second request while one is under way is refused.
    expect(((await ok(h, STAFF, LIST, {})) as unknown as Row[]).map((r) => r.id)).toContain(asked.id);
    expect((await fails(h, INVESTIGATOR, REQUEST, { e: e.id, input: input() })).extensions?.code).toBe('ILLEGAL_TRANSITION');

    const out = await ok(h, STAFF, HAND_OVER, { id: asked.id, v: 1, on: addDays(TODAY, -9) });
    // Past the expected return and not back: overdue, on both sides' lists.
    expect(out).toMatchObject({ status: 'OUT', handedOverOn: addDays(TODAY, -9), overdue: true, version: 2 });
    expect(await notes(person, 'rehab.extraction-handed-over')).toEqual([
      { audience: ['police_officer'], unit_path: '01', occurred_on: addDays(TODAY, -9) },
    ]);
    const listed = (await ok(h, INVESTIGATOR, LIST, {})) as unknown as Row[];
    expect(listed.find((r) => r.id === asked.id)).toEqual({ id: asked.id, status: 'OUT', overdue: true });

    const back = await ok(h, STAFF, RETURN, { id: asked.id, v: 2, on: addDays(TODAY, -2) });
    expect(back).toMatchObject({ status: 'RETURNED', returnedOn: addDays(TODAY, -2), overdue: false });
    expect(await notes(person, 'rehab.extraction-returned')).toHaveLength(1);
    // The episode goes on, its history has the three steps, and a new request may follow.
    const read = await ok(
      h,
      STAFF,
      `query($id: ID!) { rehabEpisode(id: $id) { status extractions { status } events { action } } }`,
      {
        id: e.id,
      },
    );
    expect(read.status).toBe('ADMITTED');
    expect(read.extractions).toEqual([{ status: 'RETURNED' }]);
    expect((read.events as Row[]).map((x) => x.action).slice(-3)).toEqual([
      'REQUEST_EXTRACTION',
      'EXTRACTION_HANDOVER',
      'EXTRACTION_RETURN',
    ]);
    const next = await ok(h, INVESTIGATOR, REQUEST, { e: e.id, input: input({ requestedOn: TODAY, expectedReturnOn: TODAY }) });
    const cancelled = await ok(h, INVESTIGATOR, CANCEL, { id: next.id, v: 1, reason: 'Vụ án đã được đình chỉ' });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'Vụ án đã được đình chỉ' });
    expect(await notes(person, 'rehab.extraction-cancelled')).toHaveLength(1);
    expect((await fails(h, STAFF, HAND_OVER, { id: next.id, v: 2, on: TODAY })).extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('refuses what breaks a rule, and changes nothing', async () => {
    const e = await admitted(h, '2025-04-01');
    const before = await footprint(h);
    const [{ n: rows }] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM resident_extraction');
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['future', { requestedOn: addDays(TODAY, 1), expectedReturnOn: addDays(TODAY, 2) }, 'BAD_USER_INPUT', 'input.requestedOn'],
      ['return before request', { expectedReturnOn: addDays(TODAY, -11) }, 'BAD_USER_INPUT', 'input.expectedReturnOn'],
      ['before admission', { requestedOn: '2025-03-01', expectedReturnOn: '2025-03-05' }, 'BAD_USER_INPUT', 'input.requestedOn'],
      ['no document', { documentNumber: ' ' }, 'BAD_USER_INPUT', 'input.documentNumber'],
      ['no purpose', { purpose: '' }, 'BAD_USER_INPUT', 'input.purpose'],
    ];
    for (const [label, over, code, field] of cases) {
      const error = await fails(h, INVESTIGATOR, REQUEST, { e: e.id, input: input(over) });
      expect([label, error.extensions?.code, error.extensions?.field]).toEqual([label, code, field]);
    }
    expect(await footprint(h)).toEqual(before);
    const [{ n: rowsAfter }] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM resident_extraction');
    expect(rowsAfter).toBe(rows);
    // Ended: nothing to hand over.
    await ok(h, STAFF, M.terminate, { id: e.id, v: e.version, on: '2025-05-01', reason: 'Chuyển đi' });
    expect((await fails(h, INVESTIGATOR, REQUEST, { e: e.id, input: input() })).extensions?.code).toBe('ILLEGAL_TRANSITION');
    // Hand-over before the request, a return before the hand-over, a stale version.
    const other = await admitted(h, '2025-04-01');
    const asked = await ok(h, INVESTIGATOR, REQUEST, { e: other.id, input: input() });
    const early = await fails(h, STAFF, HAND_OVER, { id: asked.id, v: 1, on: addDays(TODAY, -11) });
    expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'handedOverOn' });
    expect((await fails(h, STAFF, HAND_OVER, { id: asked.id, v: 7, on: TODAY })).extensions?.code).toBe('CONFLICT');
    expect((await fails(h, STAFF, RETURN, { id: asked.id, v: 1, on: TODAY })).extensions?.code).toBe('ILLEGAL_TRANSITION');
    await ok(h, STAFF, HAND_OVER, { id: asked.id, v: 1, on: addDays(TODAY, -8) });
    const before2 = await fails(h, STAFF, RETURN, { id: asked.id, v: 2, on: addDays(TODAY, -9) });
    expect(before2.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'returnedOn' });
  });
});

describe('who asks, hands over and reads', () => {
  it('the provincial police ask; the facility acts; the commune, the labour office and others may not', async () => {
    const e = await admitted(h, '2025-04-01');
    // A commune police officer sees the episode of a resident of the ward, but is not an investigation agency.
    expect((await fails(h, POLICE, REQUEST, { e: e.id, input: input() })).extensions?.code).toBe('FORBIDDEN');
    // Another province's investigators do not find the episode.
    expect((await fails(h, { role: 'police_officer', unit: '15' }, REQUEST, { e: e.id, input: input() })).extensions?.code).toBe(
      'NOT_FOUND',
    );
    for (const actor of [COMMUNE_OFFICIAL, LABOUR, STAFF, { role: 'volunteer', unit: COMMUNE } as Actor]) {
      const error = await fails(h, actor, REQUEST, { e: e.id, input: input() });
      expect([actor.role, error.extensions?.code]).toEqual([actor.role, 'FORBIDDEN']);
    }
    const asked = await ok(h, INVESTIGATOR, REQUEST, { e: e.id, input: input() });
    // The police do not hand over; another facility does not find the request; the facility does not cancel.
    expect((await fails(h, INVESTIGATOR, HAND_OVER, { id: asked.id, v: 1, on: TODAY })).extensions?.code).toBe('FORBIDDEN');
    expect(
      (await fails(h, { role: 'facility_staff', unit: 'CSCN2' }, HAND_OVER, { id: asked.id, v: 1, on: TODAY })).extensions?.code,
    ).toBe('NOT_FOUND');
    expect((await fails(h, STAFF, CANCEL, { id: asked.id, v: 1, reason: 'x' })).extensions?.code).toBe('FORBIDDEN');
    const read = `query($id: ID!) { rehabEpisode(id: $id) { extractions { purpose } } }`;
    for (const actor of [COMMUNE_OFFICIAL, LABOUR]) {
      const result = await h.run(read, { id: e.id }, actor.role, actor.unit);
      expect([actor.role, result.errors?.[0]?.extensions?.code]).toEqual([actor.role, 'FORBIDDEN']);
    }
    for (const role of ['commune_official', 'labour_officer', 'health_worker', 'analyst'] as const) {
      const result = await h.run(LIST, {}, role, role === 'commune_official' ? COMMUNE : '01');
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
  });
});
