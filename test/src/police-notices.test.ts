/**
 * Police's side of the cross-agency notices, through the real system: labour-welfare's
 * outbox (notices enqueued in its database, as its transitions will) delivers to the
 * police subgraph over HTTP, and the effects show through the gateway to the roles that
 * act on them. Police's own notices (person.merged, residence.moved) reach labour; their
 * person.directory notices reach every other agency, whose first records name the person.
 */
import { randomUUID } from 'node:crypto';
import type { InProcessSystem } from '@rehab/ops';
import { enqueueNotice } from '@rehab/server-kit';
import { makeIdentificationNumber } from '@rehab/shared-schema';
import { startTestSystem } from './fixtures';

let system: InProcessSystem;
let police: string;
let commune: string;
let province: string;

beforeAll(async () => {
  system = await startTestSystem();
  [police, commune, province] = await Promise.all([
    system.login('congan.phuongbadinh'),
    system.login('ubnd.phuongbadinh'),
    system.login('congan.hanoi'),
  ]);
});

afterAll(async () => {
  await system.stop();
});

const labourDb = () => system.dbs.subgraph('labor-welfare').db;
const policeDb = () => system.dbs.subgraph('police').db;

async function call<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await system.graphql<T>(token, query, variables);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data as T;
}

/** Polls until `check` holds (deliveries are asynchronous); fails after the deadline. */
async function eventually<T>(
  what: string,
  probe: () => Promise<T>,
  check: (value: T) => boolean,
  deadlineMs = 20_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`${what} did not happen: last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Enqueues a notice in labour-welfare's outbox, as its own transitions do, and wakes its dispatcher. */
async function fromLabour(topic: string, payload: Record<string, unknown>): Promise<string> {
  const id = await labourDb().transaction((manager) =>
    enqueueNotice(manager, 'labor-welfare', { destination: 'police', topic, payload }),
  );
  system.subgraphs.get('labor-welfare')?.outbox?.wake();
  return id;
}

let serial = 700_000;
async function registerPerson(fullName: string): Promise<{ id: string; identificationNumber: string; version: number }> {
  serial += 1;
  const input = {
    identificationNumber: makeIdentificationNumber('001', '1992-03-03', 'MALE', serial),
    fullName,
    dateOfBirth: '1992-03-03',
    sex: 'MALE',
    ethnicity: 'Kinh',
    permanentResidence: { unitCode: '00004', addressLine: 'Số 2 phố Thử' },
    currentResidence: { unitCode: '00004', addressLine: 'Số 2 phố Thử' },
  };
  const data = await call<{ registerPerson: { id: string; identificationNumber: string; version: number } }>(
    police,
    'mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id identificationNumber version } }',
    { i: input },
  );
  return data.registerPerson;
}

const SEARCHES = `query($id: ID!) { person(id: $id) { absconderSearches { id status reason facility { code } foundOn returnedOn version } } }`;
interface Searches {
  person: { absconderSearches: { id: string; status: string; version: number; returnedOn: string | null }[] };
}

describe('notices from labour-welfare to police', () => {
  it('open, find and close an absconder search; an admission supersedes the management', async () => {
    const person = await registerPerson('Nguyễn Văn Bỏ Trốn');
    const opened = await call<{ recordDrugUseDetection: { id: string } }>(
      police,
      `mutation($p: ID!) { recordDrugUseDetection(personId: $p, input: { detectedOn: "2026-07-02", method: TEST_POSITIVE,
        substances: [STIMULANTS], testResult: "Dương tính với Methamphetamine" }) { id } }`,
      { p: person.id },
    );
    await call(
      commune,
      `mutation($id: ID!) { decideDrugUserManagement(id: $id, expectedVersion: 1, decisionNumber: "8/QĐ-UBND", decisionDate: "2026-07-10") { id } }`,
      { id: opened.recordDrugUseDetection.id },
    );

    const episodeId = randomUUID();
    await fromLabour('rehab.admitted', {
      personId: person.id,
      episodeId,
      admittedOn: '2026-08-01',
      kind: 'COMPULSORY',
      facilityCode: 'CSCN1',
    });
    await eventually(
      'the management superseded',
      () =>
        call<{ person: { drugUserManagements: { status: string; supersededOn: string | null }[] } }>(
          police,
          'query($id: ID!) { person(id: $id) { drugUserManagements { status supersededOn } } }',
          { id: person.id },
        ),
      (d) => d.person.drugUserManagements[0]?.status === 'SUPERSEDED_BY_REHAB',
    );

    await fromLabour('rehab.absconded', {
      personId: person.id,
      episodeId,
      facilityCode: 'CSCN1',
      reason: 'ESCAPED',
      since: '2026-09-01',
    });
    const open = await eventually(
      'the search opened',
      () => call<Searches>(police, SEARCHES, { id: person.id }),
      (d) => d.person.absconderSearches.length === 1,
    );
    expect(open.person.absconderSearches[0]).toMatchObject({ status: 'OPEN', reason: 'ESCAPED', facility: { code: 'CSCN1' } });
    const worklist = await call<{ absconderSearches: { nodes: { id: string }[] } }>(
      police,
      'query { absconderSearches(status: OPEN, first: 200) { nodes { id } } }',
    );
    expect(worklist.absconderSearches.nodes.map((n) => n.id)).toContain(open.person.absconderSearches[0]?.id);

    const search = open.person.absconderSearches[0] as { id: string; version: number };
    await call(
      police,
      `mutation($id: ID!, $v: Int!) { recordAbsconderFound(searchId: $id, expectedVersion: $v, foundOn: "2026-09-03", note: "Tìm thấy tại nhà") { id } }`,
      { id: search.id, v: search.version },
    );
    await fromLabour('rehab.returned', { personId: person.id, episodeId, returnedOn: '2026-09-04' });
    const closed = await eventually(
      'the search closed',
      () => call<Searches>(police, SEARCHES, { id: person.id }),
      (d) => d.person.absconderSearches[0]?.status === 'CLOSED',
    );
    expect(closed.person.absconderSearches[0]).toMatchObject({ returnedOn: '2026-09-04', version: 3 });
  });

  it("put the completion list on the commune's worklist, exactly once even with police stopped meanwhile", async () => {
    const person = await registerPerson('Trần Văn Hoàn Thành');
    const episodeId = randomUUID();
    await system.stopSubgraph('police');
    const noticeId = await fromLabour('rehab.completed', {
      personId: person.id,
      episodeId,
      facilityCode: 'CSCN2',
      completedOn: '2026-10-30',
      certificateNumber: '12/GCN-CSCN2',
    });
    // The dispatcher tries, fails, and keeps the notice for later.
    await eventually(
      'a failed delivery attempt',
      async () =>
        (
          await labourDb().query<[{ attempts: number; delivered_at: Date | null; failed_at: Date | null }]>(
            'SELECT attempts, delivered_at, failed_at FROM outbox_notice WHERE id = $1',
            [noticeId],
          )
        )[0],
      (r) => r.attempts >= 1 && r.delivered_at === null && r.failed_at === null,
    );
    await system.startSubgraph('police');
    await eventually(
      'the delivery after the restart',
      async () =>
        (
          await labourDb().query<[{ delivered_at: Date | null }]>('SELECT delivered_at FROM outbox_notice WHERE id = $1', [
            noticeId,
          ])
        )[0],
      (r) => r.delivered_at !== null,
    );
    const rows = await policeDb().query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM rehab_completion_notice WHERE episode_id = $1',
      [episodeId],
    );
    expect(rows[0].n).toBe(1);
    const list = await call<{
      rehabCompletionNotices: { nodes: { id: string; episodeId: string; certificateNumber: string; version: number }[] };
    }>(
      commune,
      'query { rehabCompletionNotices(acknowledged: false, first: 200) { nodes { id episodeId certificateNumber version } } }',
    );
    const notice = list.rehabCompletionNotices.nodes.find((n) => n.episodeId === episodeId);
    expect(notice).toMatchObject({ certificateNumber: '12/GCN-CSCN2' });
    const done = await call<{ acknowledgeRehabCompletionNotice: { acknowledgedBy: string } }>(
      commune,
      'mutation($id: ID!, $v: Int!) { acknowledgeRehabCompletionNotice(id: $id, expectedVersion: $v) { acknowledgedBy } }',
      { id: notice?.id, v: notice?.version },
    );
    expect(done.acknowledgeRehabCompletionNotice.acknowledgedBy).toBe('ubnd.phuongbadinh');
  });

  it('refuse a malformed notice for good: the sender records it as failed', async () => {
    const personId = randomUUID();
    const noticeId = await fromLabour('rehab.absconded', {
      personId,
      episodeId: randomUUID(),
      facilityCode: 'CSCN1',
      reason: 'ESCAPED',
      since: '2026-09-01',
    });
    const row = await eventually(
      'the refusal',
      async () =>
        (
          await labourDb().query<[{ failed_at: Date | null; last_error: string | null }]>(
            'SELECT failed_at, last_error FROM outbox_notice WHERE id = $1',
            [noticeId],
          )
        )[0],
      (r) => r.failed_at !== null,
    );
    expect(row.last_error).toBe(`422 BAD_USER_INPUT: No person ${personId} in the population registry`);
  });
});

describe('notices from police to labour-welfare', () => {
  async function delivered(topic: string, payload: Record<string, unknown>): Promise<void> {
    system.subgraphs.get('police')?.outbox?.wake();
    await eventually(
      `${topic} delivered`,
      async () =>
        await policeDb().query<{ delivered_at: Date | null; failed_at: Date | null; last_error: string | null }[]>(
          'SELECT delivered_at, failed_at, last_error FROM outbox_notice WHERE topic = $1 AND payload = $2::jsonb',
          [topic, JSON.stringify(payload)],
        ),
      (rows) => rows.length === 1 && (rows[0]?.delivered_at !== null || rows[0].failed_at !== null),
    );
    const [row] = await policeDb().query<{ delivered_at: Date | null; last_error: string | null }[]>(
      'SELECT delivered_at, last_error FROM outbox_notice WHERE topic = $1 AND payload = $2::jsonb',
      [topic, JSON.stringify(payload)],
    );
    expect([topic, row?.last_error ?? null, row?.delivered_at !== null]).toEqual([topic, null, true]);
    const inbox = await labourDb().query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM inbox_notice WHERE topic = $1 AND payload = $2::jsonb',
      [topic, JSON.stringify(payload)],
    );
    expect(inbox[0].n).toBe(1);
  }

  it('tell labour of a merge and of a move', async () => {
    const survivor = await registerPerson('Lê Văn Hợp Nhất');
    const duplicate = await registerPerson('Lê Văn Hợp Nhất');
    // The provincial police merge (district police ended on 1 March 2025).
    const duplicates = await call<{ potentialDuplicates: { nodes: { persons: { id: string }[] }[] } }>(
      province,
      'query { potentialDuplicates(unitCode: "00004", first: 200) { nodes { persons { id } } } }',
    );
    expect(duplicates.potentialDuplicates.nodes.some((g) => g.persons.some((p) => p.id === duplicate.id))).toBe(true);
    await call(
      province,
      'mutation($s: ID!, $d: ID!) { mergePersons(survivorId: $s, duplicateId: $d, reason: "Đăng ký trùng") { id } }',
      { s: survivor.id, d: duplicate.id },
    );
    await delivered('person.merged', { survivorId: survivor.id, duplicateId: duplicate.id });

    const moved = await call<{ recordResidenceChange: { dueAt: string | null; sentAt: string } }>(
      police,
      `mutation($p: ID!, $v: Int!) { recordResidenceChange(personId: $p, expectedVersion: $v, toUnitCode: "00008", addressLine: "Số 9 phố Mới", movedOn: "2026-11-01") { sentAt dueAt } }`,
      { p: survivor.id, v: 2 },
    );
    // Law 120: 24 hours from the move (the end of the move day in Hà Nội), not from the recording.
    expect(moved.recordResidenceChange.dueAt).toBe('2026-11-02T17:00:00.000Z');
    await delivered('residence.moved', { personId: survivor.id, toUnitCode: '00008' });

    // The receiving commune's police find it on their worklist and acknowledge it.
    const receiving = await system.login('congan.phuongngocha');
    const worklist = await call<{
      transferNoticesAwaitingAcknowledgement: { nodes: { id: string; version: number; person: { id: string } | null }[] };
    }>(receiving, 'query { transferNoticesAwaitingAcknowledgement(first: 200) { nodes { id version person { id } } } }');
    const notice = worklist.transferNoticesAwaitingAcknowledgement.nodes.find((n) => n.person?.id === survivor.id);
    expect(notice).toBeDefined();
    const refused = await system.graphql(
      police,
      'mutation($id: ID!) { acknowledgeTransferNotice(id: $id, expectedVersion: 1) { id } }',
      { id: notice?.id },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const done = await call<{ acknowledgeTransferNotice: { acknowledgedBy: string } }>(
      receiving,
      'mutation($id: ID!, $v: Int!) { acknowledgeTransferNotice(id: $id, expectedVersion: $v) { acknowledgedBy } }',
      { id: notice?.id, v: notice?.version },
    );
    expect(done.acknowledgeTransferNotice.acknowledgedBy).toBe('congan.phuongngocha');
  });
});

describe('person directory notices from police', () => {
  const REQUEST =
    'mutation($p: ID!) { requestAddictionDetermination(personId: $p, reason: "Nghi sử dụng ma túy", requestedBy: POLICE) { id } }';
  const KEEPERS = ['labor-welfare', 'health', 'volunteers'] as const;
  /** Where each agency's directory places the person (unit path and version), once every one has heard of them. */
  const placed = (personId: string) =>
    eventually(
      `person ${personId} in every directory`,
      async () =>
        Promise.all(
          KEEPERS.map(
            async (k) =>
              (
                await system.dbs
                  .subgraph(k)
                  .db.query<{ unit_path: string; version: number }[]>(
                    'SELECT unit_path, version FROM person_directory WHERE person_id = $1',
                    [personId],
                  )
              )[0] ?? null,
          ),
        ),
      (rows) => rows.every((r) => r !== null),
    );
  const codeOf = async (token: string, personId: string) =>
    (await system.graphql(token, REQUEST, { p: personId })).errors?.[0]?.extensions?.code ?? 'OK';

  it('let the commune where a person was registered, and after a move the new commune only, open records of them', async () => {
    const neighbour = await system.login('congan.phuongngocha');
    const person = await registerPerson('Vũ Văn Danh Bạ');
    expect(await placed(person.id)).toEqual(KEEPERS.map(() => ({ unit_path: '01.00004', version: 1 })));
    expect(await codeOf(neighbour, person.id)).toBe('NOT_FOUND');
    expect(await codeOf(police, person.id)).toBe('OK');

    await call(
      police,
      `mutation($p: ID!) { recordResidenceChange(personId: $p, expectedVersion: 1, toUnitCode: "00008", addressLine: "Số 3 phố Mới",
      movedOn: "2026-11-01") { id } }`,
      { p: person.id },
    );
    await eventually(
      'the move in every directory',
      () => placed(person.id),
      (rows) => rows.every((r) => r?.unit_path === '01.00008' && r.version === 2),
    );
    expect(await codeOf(police, person.id)).toBe('NOT_FOUND');
    expect(await codeOf(neighbour, person.id)).toBe('OK');
  });
});
