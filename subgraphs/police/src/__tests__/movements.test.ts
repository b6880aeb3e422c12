import { generateDemoPopulation, todayInHanoi } from '@rehab/shared-schema';
import {
  COMMUNE,
  NEIGHBOUR_COMMUNE,
  OTHER_COMMUNE,
  dataOf,
  errorOf,
  openHarness,
  outOfScope,
  register,
  type Harness,
} from './harness';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 60 }));
});

afterAll(async () => {
  await h.close();
});

const NOTICE_FIELDS =
  'id person { id } fromUnit { code } toUnit { code } addressLine movedOn sentAt dueAt acknowledgedAt acknowledgedBy version';
const MOVE = `mutation($p: ID!, $v: Int!, $to: ID!, $a: String!, $on: Date!) {
  recordResidenceChange(personId: $p, expectedVersion: $v, toUnitCode: $to, addressLine: $a, movedOn: $on) { ${NOTICE_FIELDS} } }`;
const ACK = `mutation($id: ID!, $v: Int!) { acknowledgeTransferNotice(id: $id, expectedVersion: $v) { ${NOTICE_FIELDS} } }`;
const WORKLIST = `query($asOf: DateTime, $overdue: Boolean, $after: String) {
  transferNoticesAwaitingAcknowledgement(asOf: $asOf, overdueOnly: $overdue, first: 200, after: $after) {
    totalCount nodes { id overdue(asOf: $asOf) } pageInfo { hasNextPage endCursor } } }`;

interface TransferNotice {
  id: string;
  person: { id: string } | null;
  fromUnit: { code: string };
  toUnit: { code: string };
  movedOn: string;
  sentAt: string;
  dueAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  version: number;
}
interface Worklist {
  transferNoticesAwaitingAcknowledgement: { totalCount: number; nodes: { id: string; overdue: boolean }[] };
}

async function move(personId: string, movedOn = '2026-08-01', to = NEIGHBOUR_COMMUNE, version = 1): Promise<TransferNotice> {
  const result = await h.run(MOVE, { p: personId, v: version, to, a: 'Số 5 ngõ Mới', on: movedOn }, 'police_officer', COMMUNE);
  return dataOf<{ recordResidenceChange: TransferNotice }>(result).recordResidenceChange;
}

async function worklist(unit: string, asOf: string, overdue = false): Promise<Map<string, boolean>> {
  const result = dataOf<Worklist>(await h.run(WORKLIST, { asOf, overdue }, 'police_officer', unit));
  return new Map(result.transferNoticesAwaitingAcknowledgement.nodes.map((n) => [n.id, n.overdue]));
}

const hoursAfter = (iso: string, hours: number): string => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

describe('recordResidenceChange', () => {
  it('moves the person and their police records to the new commune, with a 24-hour notice under the 2025 law', async () => {
    const p = await register(h);
    dataOf(
      await h.run(
        `mutation($p: ID!) { recordDrugUseDetection(personId: $p, input: { detectedOn: "2026-07-01", method: CAUGHT_USING, substances: [CANNABIS] }) { id } }`,
        { p: p.id },
        'police_officer',
        COMMUNE,
      ),
    );
    const notice = await move(p.id);
    expect(notice).toMatchObject({
      fromUnit: { code: COMMUNE },
      toUnit: { code: NEIGHBOUR_COMMUNE },
      movedOn: '2026-08-01',
      acknowledgedAt: null,
      version: 1,
    });
    // Law 120: 24 hours from the move (the end of the move day in Hà Nội), not from the recording.
    expect(notice.dueAt).toBe('2026-08-02T17:00:00.000Z');
    // The sending commune keeps its notice but no longer sees the person.
    expect(notice.person).toBeNull();
    const query = `query($id: ID!) { person(id: $id) { version currentResidence { addressLine unit { code } } drugUserManagements { status } transferNotices { id } } }`;
    expect(outOfScope(await h.run(query, { id: p.id }, 'police_officer', COMMUNE), NEIGHBOUR_COMMUNE)).toBe(true);
    expect(dataOf<{ person: unknown }>(await h.run(query, { id: p.id }, 'police_officer', NEIGHBOUR_COMMUNE)).person).toEqual({
      version: 2,
      currentResidence: { addressLine: 'Số 5 ngõ Mới', unit: { code: NEIGHBOUR_COMMUNE } },
      drugUserManagements: [{ status: 'PENDING_DECISION' }],
      transferNotices: [{ id: notice.id }],
    });
    const outbox = await h.database.db.query(`SELECT destination, payload FROM outbox_notice WHERE topic = 'residence.moved'`);
    expect(outbox).toContainEqual({ destination: 'labor-welfare', payload: { personId: p.id, toUnitCode: NEIGHBOUR_COMMUNE } });
    const audit = await h.database.db.query<{ entity_type: string }[]>(
      `SELECT entity_type FROM audit_log WHERE person_id = $1 AND action = 'CHANGE' ORDER BY id`,
      [p.id],
    );
    expect(audit.slice(-2)).toEqual([{ entity_type: 'Person' }, { entity_type: 'TransferNotice' }]);
  });

  it('sets no deadline for a move before any notice rule was in force', async () => {
    const notice = await move((await register(h)).id, '2026-06-30');
    expect(notice.dueAt).toBeNull();
  });

  it('refuses other roles, records outside the unit, bad input and stale versions, changing nothing', async () => {
    const p = await register(h);
    const before = await h.snapshot();
    const vars = { p: p.id, v: 1, to: NEIGHBOUR_COMMUNE, a: 'Số 1', on: '2026-08-01' };
    expect(errorOf(await h.run(MOVE, vars, 'commune_official', COMMUNE)).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(MOVE, vars, 'police_officer', OTHER_COMMUNE)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.run(MOVE, { ...vars, v: 3 }, 'police_officer', COMMUNE))).toMatchObject({
      code: 'CONFLICT',
      field: 'expectedVersion',
    });
    for (const [change, field] of [
      [{ to: COMMUNE }, 'toUnitCode'],
      [{ to: '001' }, 'toUnitCode'],
      [{ to: 'X9' }, 'toUnitCode'],
      [{ a: ' ' }, 'addressLine'],
      [{ on: '2999-01-01' }, 'movedOn'],
      [{ on: '1950-01-01' }, 'movedOn'],
    ] as const) {
      expect([field, errorOf(await h.run(MOVE, { ...vars, ...change }, 'police_officer', COMMUNE))]).toEqual([
        field,
        expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      ]);
    }
    expect(await h.snapshot()).toBe(before);
  });
});

describe('acknowledgeTransferNotice and the worklist', () => {
  it('is acknowledged once, by police of the receiving commune', async () => {
    const notice = await move((await register(h)).id);
    const before = await h.snapshot();
    const bySender = await h.run(ACK, { id: notice.id, v: 1 }, 'police_officer', COMMUNE);
    expect(errorOf(bySender)).toMatchObject({
      code: 'FORBIDDEN',
      en: 'Only police of the receiving commune may acknowledge a transfer notice',
    });
    expect(errorOf(await h.run(ACK, { id: notice.id, v: 1 }, 'police_officer', OTHER_COMMUNE)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.run(ACK, { id: notice.id, v: 1 }, 'commune_official', NEIGHBOUR_COMMUNE)).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(ACK, { id: notice.id, v: 2 }, 'police_officer', NEIGHBOUR_COMMUNE)).code).toBe('CONFLICT');
    expect(errorOf(await h.run(ACK, { id: 'nope', v: 1 }, 'police_officer', NEIGHBOUR_COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(await h.snapshot()).toBe(before);
    const done = dataOf<{ acknowledgeTransferNotice: TransferNotice }>(
      await h.run(ACK, { id: notice.id, v: 1 }, 'police_officer', NEIGHBOUR_COMMUNE),
    ).acknowledgeTransferNotice;
    expect(done).toMatchObject({
      acknowledgedBy: 'test.police_officer',
      version: 2,
      person: { id: notice.person?.id ?? expect.any(String) },
    });
    expect(done.acknowledgedAt).not.toBeNull();
    const after = await h.snapshot();
    const again = await h.run(ACK, { id: notice.id, v: 2 }, 'police_officer', NEIGHBOUR_COMMUNE);
    expect(errorOf(again)).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      vi: 'Không thể xác nhận tiếp nhận khi thông báo thay đổi nơi cư trú đang ở trạng thái "đã tiếp nhận"',
    });
    expect(await h.snapshot()).toBe(after);
  });

  it("lists the receiving commune's unacknowledged notices; overdue past the deadline (from the move date) at asOf", async () => {
    const due = await move((await register(h)).id, todayInHanoi(), '00025');
    const recordedLate = await move((await register(h)).id, '2026-08-02', '00025');
    const undated = await move((await register(h)).id, '2026-06-20', '00025');
    const acknowledged = await move((await register(h)).id, '2026-08-03', '00025');
    dataOf(await h.run(ACK, { id: acknowledged.id, v: 1 }, 'police_officer', '00025'));
    const early = await worklist('00025', hoursAfter(due.dueAt as string, -1));
    expect([early.get(due.id), early.get(undated.id), early.has(acknowledged.id)]).toEqual([false, false, false]);
    // A move recorded after its deadline is overdue from the moment it is recorded.
    expect((await worklist('00025', hoursAfter(recordedLate.sentAt, 0))).get(recordedLate.id)).toBe(true);
    const late = await worklist('00025', hoursAfter(due.dueAt as string, 1));
    expect([late.get(due.id), late.get(undated.id)]).toEqual([true, false]);
    const overdueOnly = await worklist('00025', hoursAfter(due.dueAt as string, 1), true);
    expect([overdueOnly.has(due.id), overdueOnly.has(undated.id)]).toEqual([true, false]);
    // Not on the sender's worklist, nor on one as of before it was sent.
    expect((await worklist(COMMUNE, hoursAfter(due.dueAt as string, 1))).has(due.id)).toBe(false);
    expect((await worklist('00025', hoursAfter(due.sentAt, -1))).has(due.id)).toBe(false);
    // The province sees its communes' worklists; other roles none.
    expect((await worklist('01', hoursAfter(due.dueAt as string, 1), true)).has(due.id)).toBe(true);
    expect(errorOf(await h.run(WORKLIST, {}, 'labour_officer', '01')).code).toBe('FORBIDDEN');
  });

  it('pages the worklist by cursor without gaps or repeats', async () => {
    for (let i = 0; i < 3; i++) await move((await register(h)).id, '2026-08-04', '00070');
    const query = `query($after: String) { transferNoticesAwaitingAcknowledgement(first: 2, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }`;
    interface Page {
      transferNoticesAwaitingAcknowledgement: {
        totalCount: number;
        nodes: { id: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }
    const ids: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const page: Page['transferNoticesAwaitingAcknowledgement'] = dataOf<Page>(
        await h.run(query, { after }, 'police_officer', '00070'),
      ).transferNoticesAwaitingAcknowledgement;
      total = page.totalCount;
      ids.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);
    expect(total).toBeGreaterThanOrEqual(3);
    expect(errorOf(await h.run(query, { after: 'x' }, 'police_officer', '00070'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
