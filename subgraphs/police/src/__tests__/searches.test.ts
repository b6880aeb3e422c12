import { randomUUID } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import type { Notice } from '@rehab/server-kit';
import { generateDemoPopulation } from '@rehab/shared-schema';
import { policeNoticeHandlers } from '../notices/handlers';
import { COMMUNE, OTHER_COMMUNE, dataOf, errorOf, openHarness, register, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 60 }));
});

afterAll(async () => {
  await h.close();
});

/** Delivers a notice from labour-welfare to the police handler, in one transaction as the receiver does. */
async function deliver(topic: string, payload: Record<string, unknown>): Promise<Notice> {
  const notice: Notice = {
    id: randomUUID(),
    topic,
    source: 'labor-welfare',
    destination: 'police',
    payload,
    createdAt: new Date().toISOString(),
  };
  const handler = policeNoticeHandlers[topic];
  if (!handler) throw new Error(`no handler for ${topic}`);
  await h.database.db.transaction((manager) => handler(manager, notice));
  return notice;
}

async function refused(topic: string, payload: Record<string, unknown>): Promise<{ code: unknown; vi: string }> {
  try {
    await deliver(topic, payload);
  } catch (error) {
    const e = error as GraphQLError;
    return { code: e.extensions.code, vi: (e.extensions.i18n as { vi: string }).vi };
  }
  throw new Error(`${topic} was accepted`);
}

const SEARCH_FIELDS = 'id person { id } episodeId facility { code } reason since status foundOn foundNote returnedOn version';
const FOUND = `mutation($id: ID!, $v: Int!, $on: Date!, $note: String!) { recordAbsconderFound(searchId: $id, expectedVersion: $v, foundOn: $on, note: $note) { ${SEARCH_FIELDS} } }`;
const SEARCHES = `query($status: AbsconderSearchStatus, $asOf: Date) { absconderSearches(status: $status, asOf: $asOf, first: 200) { totalCount nodes { ${SEARCH_FIELDS} } } }`;
const PERSON_SEARCHES = `query($id: ID!) { person(id: $id) { absconderSearches { ${SEARCH_FIELDS} } } }`;

interface Search {
  id: string;
  status: string;
  version: number;
  episodeId: string;
  returnedOn: string | null;
  foundOn: string | null;
}
interface Searches {
  absconderSearches: { nodes: Search[] };
}

async function searchesOf(personId: string): Promise<Search[]> {
  return dataOf<{ person: { absconderSearches: Search[] } }>(
    await h.run(PERSON_SEARCHES, { id: personId }, 'police_officer', COMMUNE),
  ).person.absconderSearches;
}

describe('absconder searches', () => {
  it("opens on the facility's notice, is found by commune police, and closes on the return notice", async () => {
    const p = await register(h);
    const episodeId = randomUUID();
    await deliver('rehab.absconded', {
      personId: p.id,
      episodeId,
      facilityCode: 'CSCN1',
      reason: 'ESCAPED',
      since: '2026-09-01',
    });
    const [open] = await searchesOf(p.id);
    expect(open).toMatchObject({
      person: { id: p.id },
      episodeId,
      facility: { code: 'CSCN1' },
      reason: 'ESCAPED',
      since: '2026-09-01',
      status: 'OPEN',
      version: 1,
    });
    // On the commune police's worklist (and the province's), not another province's commune's.
    const listed = (unit: string, status?: string) =>
      h
        .run(SEARCHES, { status, asOf: '2026-09-02' }, 'police_officer', unit)
        .then((r) => dataOf<Searches>(r).absconderSearches.nodes.map((s) => s.id));
    expect(await listed(COMMUNE, 'OPEN')).toContain(open?.id);
    expect(await listed('01')).toContain(open?.id);
    expect(await listed(OTHER_COMMUNE)).not.toContain(open?.id);
    expect(
      await h
        .run(SEARCHES, { asOf: '2026-08-31' }, 'police_officer', COMMUNE)
        .then((r) => dataOf<Searches>(r).absconderSearches.nodes.map((s) => s.id)),
    ).not.toContain(open?.id);
    const found = await h.run(
      FOUND,
      { id: open?.id, v: 1, on: '2026-09-04', note: 'Tìm thấy tại nhà người quen' },
      'police_officer',
      COMMUNE,
    );
    expect(dataOf<{ recordAbsconderFound: Search }>(found).recordAbsconderFound).toMatchObject({
      status: 'FOUND',
      foundOn: '2026-09-04',
      foundNote: 'Tìm thấy tại nhà người quen',
      version: 2,
    });
    await deliver('rehab.returned', { personId: p.id, episodeId, returnedOn: '2026-09-05' });
    expect(await searchesOf(p.id)).toEqual([expect.objectContaining({ status: 'CLOSED', returnedOn: '2026-09-05', version: 3 })]);
    expect(await listed(COMMUNE, 'OPEN')).not.toContain(open?.id);
    const audit = await h.database.db.query(
      `SELECT entity_type, username, fields FROM audit_log WHERE person_id = $1 AND action = 'CHANGE' AND entity_type = 'AbsconderSearch' ORDER BY id`,
      [p.id],
    );
    expect(audit).toEqual([
      { entity_type: 'AbsconderSearch', username: 'labor-welfare', fields: ['facility', 'reason', 'since', 'status'] },
      { entity_type: 'AbsconderSearch', username: 'test.police_officer', fields: ['foundNote', 'foundOn', 'status'] },
      { entity_type: 'AbsconderSearch', username: 'labor-welfare', fields: ['returnedOn', 'status'] },
    ]);
  });

  it('closes straight from OPEN when the person returns by themselves; a later absconding opens a new search', async () => {
    const p = await register(h);
    const episodeId = randomUUID();
    await deliver('rehab.absconded', {
      personId: p.id,
      episodeId,
      facilityCode: 'CSCN2',
      reason: 'LEAVE_OVERDUE',
      since: '2026-09-10',
    });
    await deliver('rehab.returned', { personId: p.id, episodeId, returnedOn: '2026-09-12' });
    await deliver('rehab.absconded', {
      personId: p.id,
      episodeId,
      facilityCode: 'CSCN2',
      reason: 'ESCAPED',
      since: '2026-10-01',
    });
    expect((await searchesOf(p.id)).map((s) => [s.status, s.foundOn, s.returnedOn])).toEqual([
      ['OPEN', null, null],
      ['CLOSED', null, '2026-09-12'],
    ]);
    // A return with no search open is nothing to close.
    const before = await h.snapshot();
    await deliver('rehab.returned', { personId: p.id, episodeId: randomUUID(), returnedOn: '2026-10-02' });
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses the found step to other roles, outside the unit, on bad input, illegally or stale, changing nothing', async () => {
    const p = await register(h);
    const episodeId = randomUUID();
    await deliver('rehab.absconded', {
      personId: p.id,
      episodeId,
      facilityCode: 'CSCN1',
      reason: 'ESCAPED',
      since: '2026-09-01',
    });
    const [search] = await searchesOf(p.id);
    const before = await h.snapshot();
    const vars = { id: search?.id, v: 1, on: '2026-09-03', note: 'Tìm thấy' };
    expect(errorOf(await h.run(FOUND, vars, 'commune_official', COMMUNE)).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(FOUND, vars, 'facility_staff', 'CSCN1')).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(FOUND, vars, 'police_officer', OTHER_COMMUNE)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.run(FOUND, { ...vars, on: '2026-08-30' }, 'police_officer', COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'foundOn',
    });
    expect(errorOf(await h.run(FOUND, { ...vars, note: '' }, 'police_officer', COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'note',
    });
    expect(errorOf(await h.run(FOUND, { ...vars, v: 2 }, 'police_officer', COMMUNE))).toMatchObject({
      code: 'CONFLICT',
      field: 'expectedVersion',
    });
    expect(await h.snapshot()).toBe(before);
    dataOf(await h.run(FOUND, vars, 'police_officer', COMMUNE));
    const afterFound = await h.snapshot();
    const twice = await h.run(FOUND, { ...vars, v: 2 }, 'police_officer', COMMUNE);
    expect(errorOf(twice)).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      vi: 'Không thể ghi nhận đã tìm thấy khi vụ truy tìm đang ở trạng thái "đã tìm thấy, chờ đưa trở lại cơ sở"',
    });
    expect(await h.snapshot()).toBe(afterFound);
    await deliver('rehab.returned', { personId: p.id, episodeId, returnedOn: '2026-09-04' });
    const afterReturn = await h.snapshot();
    const closed = await h.run(FOUND, { ...vars, v: 3 }, 'police_officer', COMMUNE);
    expect(errorOf(closed).code).toBe('ILLEGAL_TRANSITION');
    expect(await h.snapshot()).toBe(afterReturn);
  });

  it('refuses malformed or impossible notices for good (typed, so the sender marks them failed)', async () => {
    const p = await register(h);
    const episodeId = randomUUID();
    expect(
      await refused('rehab.absconded', {
        personId: p.id,
        episodeId,
        facilityCode: '00004',
        reason: 'ESCAPED',
        since: '2026-09-01',
      }),
    ).toEqual({ code: 'BAD_USER_INPUT', vi: 'Thông báo rehab.absconded: trường facilityCode phải là mã một cơ sở cai nghiện' });
    expect(
      (
        await refused('rehab.absconded', {
          personId: p.id,
          episodeId,
          facilityCode: 'CSCN1',
          reason: 'GONE',
          since: '2026-09-01',
        })
      ).code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (
        await refused('rehab.absconded', {
          personId: randomUUID(),
          episodeId,
          facilityCode: 'CSCN1',
          reason: 'ESCAPED',
          since: '2026-09-01',
        })
      ).vi,
    ).toMatch(/^Không có người .* trong cơ sở dữ liệu dân cư$/);
    expect((await refused('rehab.returned', { personId: p.id, episodeId, returnedOn: '05/09/2026' })).code).toBe(
      'BAD_USER_INPUT',
    );
    await deliver('rehab.absconded', {
      personId: p.id,
      episodeId,
      facilityCode: 'CSCN1',
      reason: 'ESCAPED',
      since: '2026-09-01',
    });
    expect(
      (
        await refused('rehab.absconded', {
          personId: p.id,
          episodeId,
          facilityCode: 'CSCN1',
          reason: 'ESCAPED',
          since: '2026-09-02',
        })
      ).code,
    ).toBe('CONFLICT');
    expect((await refused('rehab.returned', { personId: p.id, episodeId, returnedOn: '2026-08-01' })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await searchesOf(p.id)).map((s) => s.status)).toEqual(['OPEN']);
  });

  it('applies a notice about a merged record to its survivor', async () => {
    const survivor = await register(h, { fullName: 'Người Còn Lại', dateOfBirth: '1980-01-01' });
    const duplicate = await register(h, { fullName: 'Người Còn Lại', dateOfBirth: '1980-01-01' });
    dataOf(
      await h.run(
        `mutation($s: ID!, $d: ID!) { mergePersons(survivorId: $s, duplicateId: $d, reason: "Trùng") { id } }`,
        { s: survivor.id, d: duplicate.id },
        'police_officer',
        '01',
      ),
    );
    await deliver('rehab.absconded', {
      personId: duplicate.id,
      episodeId: randomUUID(),
      facilityCode: 'CSCN3',
      reason: 'ESCAPED',
      since: '2026-10-01',
    });
    expect((await searchesOf(survivor.id)).map((s) => s.status)).toEqual(['OPEN']);
    expect(await searchesOf(duplicate.id)).toEqual([]);
  });
});

const NOTICES = `query($ack: Boolean) { rehabCompletionNotices(acknowledged: $ack, first: 200) { totalCount nodes { id episodeId } } }`;
const ACK = `mutation($id: ID!, $v: Int!) { acknowledgeRehabCompletionNotice(id: $id, expectedVersion: $v) {
  id person { id } facility { code } completedOn certificateNumber receivedAt acknowledgedAt acknowledgedBy version } }`;
interface Notices {
  rehabCompletionNotices: { nodes: { id: string; episodeId: string }[] };
}

describe('rehab completion notices', () => {
  it("reach the commune police's worklist and are acknowledged once", async () => {
    const p = await register(h);
    const episodeId = randomUUID();
    await deliver('rehab.completed', {
      personId: p.id,
      episodeId,
      facilityCode: 'CSCN4',
      completedOn: '2026-10-15',
      certificateNumber: '77/GCN-CSCN4',
    });
    const awaiting = dataOf<Notices>(await h.run(NOTICES, { ack: false }, 'commune_official', COMMUNE)).rehabCompletionNotices
      .nodes;
    const notice = awaiting.find((n) => n.episodeId === episodeId);
    expect(notice).toBeDefined();
    expect(
      dataOf<Notices>(await h.run(NOTICES, { ack: false }, 'police_officer', OTHER_COMMUNE)).rehabCompletionNotices.nodes.some(
        (n) => n.episodeId === episodeId,
      ),
    ).toBe(false);
    const before = await h.snapshot();
    expect(errorOf(await h.run(ACK, { id: notice?.id, v: 1 }, 'labour_officer', '01')).code).toBe('FORBIDDEN');
    expect(errorOf(await h.run(ACK, { id: notice?.id, v: 1 }, 'police_officer', OTHER_COMMUNE)).code).toBe('NOT_FOUND');
    expect(errorOf(await h.run(ACK, { id: notice?.id, v: 4 }, 'police_officer', COMMUNE)).code).toBe('CONFLICT');
    expect(errorOf(await h.run(ACK, { id: '1', v: 1 }, 'police_officer', COMMUNE))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(await h.snapshot()).toBe(before);
    const done = dataOf<{ acknowledgeRehabCompletionNotice: Record<string, unknown> }>(
      await h.run(ACK, { id: notice?.id, v: 1 }, 'commune_official', COMMUNE),
    );
    expect(done.acknowledgeRehabCompletionNotice).toMatchObject({
      person: { id: p.id },
      facility: { code: 'CSCN4' },
      completedOn: '2026-10-15',
      certificateNumber: '77/GCN-CSCN4',
      acknowledgedBy: 'test.commune_official',
      version: 2,
    });
    const after = await h.snapshot();
    expect(errorOf(await h.run(ACK, { id: notice?.id, v: 2 }, 'police_officer', COMMUNE)).code).toBe('ILLEGAL_TRANSITION');
    expect(await h.snapshot()).toBe(after);
    const acknowledged = dataOf<Notices>(await h.run(NOTICES, { ack: true }, 'police_officer', COMMUNE)).rehabCompletionNotices
      .nodes;
    expect(acknowledged.some((n) => n.episodeId === episodeId)).toBe(true);
    // Community rehab has no facility; a second completion of the same episode is refused.
    await deliver('rehab.completed', {
      personId: p.id,
      episodeId: randomUUID(),
      facilityCode: null,
      completedOn: '2026-10-20',
      certificateNumber: '3/GCN',
    });
    expect(
      (
        await refused('rehab.completed', {
          personId: p.id,
          episodeId,
          facilityCode: 'CSCN4',
          completedOn: '2026-10-15',
          certificateNumber: 'x',
        })
      ).code,
    ).toBe('CONFLICT');
    expect(
      (
        await refused('rehab.completed', {
          personId: p.id,
          episodeId: randomUUID(),
          facilityCode: 'CSCN4',
          completedOn: '2026-10-15',
          certificateNumber: ' ',
        })
      ).code,
    ).toBe('BAD_USER_INPUT');
  });
});
