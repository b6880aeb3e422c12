/**
 * Officers' notifications: cross-agency notices addressed to a unit and the roles there
 * that act on them, through the real system (outbox over HTTP, gateway, each agency's
 * database), read and unread per officer, and refused to those they are not addressed to.
 */
import { randomUUID } from 'node:crypto';
import type { InProcessSystem } from '@rehab/ops';
import { enqueueNotice, testCaller } from '@rehab/server-kit';
import type { Role, SubgraphName } from '@rehab/shared-schema';
import { startTestSystem } from './fixtures';
import { registrationInput } from './registration-input';

let system: InProcessSystem;
let police: string;
let commune: string;
let otherPolice: string;
let provincePolice: string;
let analyst: string;

beforeAll(async () => {
  system = await startTestSystem();
  [police, commune, otherPolice, provincePolice, analyst] = await Promise.all([
    system.login('congan.phuongbadinh'),
    system.login('ubnd.phuongbadinh'),
    system.login('congan.phuongngocha'),
    system.login('congan.hanoi'),
    system.login('phantich.hanoi'),
  ]);
});

afterAll(async () => {
  await system.stop();
});

async function call<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await system.graphql<T>(token, query, variables);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data as T;
}

async function eventually<T>(what: string, probe: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`${what} did not happen: last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function notice(from: SubgraphName, to: SubgraphName, topic: string, payload: Record<string, unknown>): Promise<void> {
  await system.dbs.subgraph(from).db.transaction((manager) => enqueueNotice(manager, from, { destination: to, topic, payload }));
  system.subgraphs.get(from)?.outbox?.wake();
}

let serial = 810_000;
async function registerPerson(fullName: string): Promise<string> {
  serial += 1;
  const input = registrationInput(fullName, serial, '1990-05-05');
  const data = await call<{ registerPerson: { id: string } }>(
    police,
    'mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }',
    { i: input },
  );
  return data.registerPerson.id;
}

interface Inbox {
  nodes: {
    id: string;
    topic: string;
    sender: string;
    occurredOn: string | null;
    read: boolean;
    person: { id: string; fullName: string } | null;
  }[];
  totalCount: number;
  unreadCount: number;
}

const POLICE_INBOX = `query($unread: Boolean) { policeNotifications(unreadOnly: $unread, first: 200) {
  nodes { id topic sender occurredOn read person { id fullName } } totalCount unreadCount } }`;
const policeInbox = async (token: string, unread = false): Promise<Inbox> =>
  (await call<{ policeNotifications: Inbox }>(token, POLICE_INBOX, { unread })).policeNotifications;
/** A second officer of the same commune police, straight at the police subgraph (signed as the gateway signs). */
async function colleagueInbox(): Promise<{ id: string; read: boolean }[]> {
  const body = { query: '{ policeNotifications(first: 200) { nodes { id read } } }', variables: {} };
  const caller = testCaller('police_officer', '00004', { userId: 'colleague-00004', username: 'congan.phuongbadinh.2' });
  const response = await fetch(system.subgraphs.get('police')?.url as string, {
    method: 'POST',
    headers: await system.signedHeaders(caller, 'police', body),
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data: { policeNotifications: { nodes: { id: string; read: boolean }[] } } };
  return json.data.policeNotifications.nodes;
}

const about = (inbox: Inbox, personId: string) => inbox.nodes.filter((n) => n.person?.id === personId);

describe('a facility’s completion notice in the commune police’s inbox', () => {
  let personId: string;
  let notificationId: string;

  beforeAll(async () => {
    personId = await registerPerson('Trần Văn Thông Báo');
    await notice('labor-welfare', 'police', 'rehab.completed', {
      personId,
      episodeId: randomUUID(),
      facilityCode: 'CSCN1',
      completedOn: '2026-11-20',
      certificateNumber: '88/GCN-CSCN1',
    });
    const inbox = await eventually(
      'the notification',
      () => policeInbox(police),
      (i) => about(i, personId).length === 1,
    );
    notificationId = about(inbox, personId)[0]?.id ?? '';
  });

  it('names the person, the sender and the day, unread', async () => {
    const inbox = await policeInbox(police);
    expect(about(inbox, personId)).toEqual([
      {
        id: notificationId,
        topic: 'rehab.completed',
        sender: 'labor-welfare',
        occurredOn: '2026-11-20',
        read: false,
        person: { id: personId, fullName: 'Trần Văn Thông Báo' },
      },
    ]);
    expect(inbox.unreadCount).toBeGreaterThanOrEqual(1);
    expect((await policeInbox(police, true)).nodes.map((n) => n.id)).toContain(notificationId);
  });

  it('reaches no other commune, not the province’s police and not the commune’s officials (it is the police’s to act on)', async () => {
    for (const token of [otherPolice, provincePolice]) expect(about(await policeInbox(token), personId)).toEqual([]);
    expect(about(await policeInbox(commune), personId)).toEqual([]);
  });

  it('is refused to analysts', async () => {
    const response = await system.graphql(analyst, POLICE_INBOX, {});
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses bad and unknown ids and then marks nothing', async () => {
    const mark = 'mutation($ids: [ID!]!) { policeMarkNotificationsRead(ids: $ids) }';
    const bad = await system.graphql(police, mark, { ids: ['không-phải-mã'] });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
    const unknown = await system.graphql(police, mark, { ids: [notificationId, randomUUID()] });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'ids' });
    // Another commune's officer cannot mark it either: it is not theirs.
    const foreign = await system.graphql(otherPolice, mark, { ids: [notificationId] });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(about(await policeInbox(police), personId)[0]?.read).toBe(false);
    const empty = await system.graphql(police, mark, { ids: [] });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('marked read by one officer, still unread for a colleague', async () => {
    const before = (await policeInbox(police)).unreadCount;
    const mark = 'mutation($ids: [ID!]!) { policeMarkNotificationsRead(ids: $ids) }';
    expect(await call(police, mark, { ids: [notificationId] })).toEqual({ policeMarkNotificationsRead: 1 });
    expect(await call(police, mark, { ids: [notificationId] })).toEqual({ policeMarkNotificationsRead: 0 });
    const after = await policeInbox(police);
    expect(about(after, personId)[0]?.read).toBe(true);
    expect(after.unreadCount).toBe(before - 1);
    expect((await policeInbox(police, true)).nodes.map((n) => n.id)).not.toContain(notificationId);
    expect((await colleagueInbox()).find((n) => n.id === notificationId)).toEqual({ id: notificationId, read: false });
  });

  it('audits who read what happened to the person', async () => {
    const rows = await system.dbs
      .subgraph('police')
      .db.query<{ username: string }[]>(
        `SELECT username FROM audit_log WHERE person_id = $1 AND entity_type = 'OfficerNotification' AND action = 'READ'`,
        [personId],
      );
    expect(rows.map((r) => r.username)).toContain('congan.phuongbadinh');
  });
});

describe('a move in the receiving commune’s inbox', () => {
  it('reaches the receiving commune’s police and officials, not the commune left', async () => {
    const personId = await registerPerson('Lê Văn Chuyển Đến');
    const version = (
      await call<{ person: { version: number } }>(police, 'query($id: ID!) { person(id: $id) { version } }', { id: personId })
    ).person.version;
    await call(
      police,
      `mutation($p: ID!, $v: Int!) { recordResidenceChange(personId: $p, expectedVersion: $v, toUnitCode: "00008",
        addressLine: "Số 9 phố Mới", movedOn: "2026-11-25") { id } }`,
      { p: personId, v: version },
    );
    const received = about(await policeInbox(otherPolice), personId);
    expect(received.map((n) => [n.topic, n.sender, n.occurredOn, n.read])).toEqual([
      ['residence.transfer', 'police', '2026-11-25', false],
    ]);
    expect(about(await policeInbox(police), personId)).toEqual([]);
  });
});

/** A query straight at a subgraph, as an officer of this role and unit (signed as the gateway signs). */
async function direct<T>(subgraph: SubgraphName, role: Role, unitCode: string, query: string): Promise<T> {
  const body = { query, variables: {} };
  const response = await fetch(system.subgraphs.get(subgraph)?.url as string, {
    method: 'POST',
    headers: await system.signedHeaders(testCaller(role, unitCode), subgraph, body),
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: T; errors?: unknown };
  if (!json.data) throw new Error(JSON.stringify(json.errors));
  return json.data;
}

describe('a relapse risk in the commune officials’ inbox at labour-welfare', () => {
  it('reaches the officials of the commune managing the open post-rehab case, not its police', async () => {
    const [open] = await system.dbs.subgraph('labor-welfare').db.query<{ person_id: string; owner_unit_path: string }[]>(
      `SELECT person_id::text AS person_id, owner_unit_path FROM post_rehab_case
          WHERE status IN ('AWAITING_DECISION', 'UNDER_MANAGEMENT') ORDER BY id LIMIT 1`,
    );
    if (!open) throw new Error('the demo data has no open post-rehab case');
    const unitCode = open.owner_unit_path.split('.').at(-1) as string;
    await notice('volunteers', 'labor-welfare', 'support.relapse-risk', {
      personId: open.person_id,
      assignmentId: randomUUID(),
      observedOn: '2026-11-28',
      note: 'Gặp lại nhóm bạn cũ',
    });
    interface Labour {
      laborWelfareNotifications: { nodes: { topic: string; sender: string; occurredOn: string; person: { id: string } }[] };
    }
    const query = '{ laborWelfareNotifications(first: 200) { nodes { topic sender occurredOn person { id } } } }';
    const mine = (d: Labour) => d.laborWelfareNotifications.nodes.filter((n) => n.person.id === open.person_id);
    const inbox = await eventually(
      'the relapse risk notification',
      () => direct<Labour>('labor-welfare', 'commune_official', unitCode, query),
      (d) => mine(d).length > 0,
    );
    expect(mine(inbox)).toEqual([
      { topic: 'support.relapse-risk', sender: 'volunteers', occurredOn: '2026-11-28', person: { id: open.person_id } },
    ]);
    expect(mine(await direct<Labour>('labor-welfare', 'police_officer', unitCode, query))).toEqual([]);
  });
});

describe('a notification about a record merged into another', () => {
  it('names the record kept once the province’s police merge them', async () => {
    const kept = await registerPerson('Phan Văn Giữ Lại');
    const merged = await registerPerson('Phan Văn Giữ Lại');
    await notice('labor-welfare', 'police', 'rehab.completed', {
      personId: merged,
      episodeId: randomUUID(),
      facilityCode: 'CSCN1',
      completedOn: '2026-11-21',
      certificateNumber: '89/GCN-CSCN1',
    });
    await eventually(
      'the notification',
      () => policeInbox(police),
      (i) => about(i, merged).length === 1,
    );
    await call(
      provincePolice,
      'mutation($s: ID!, $d: ID!) { mergePersons(survivorId: $s, duplicateId: $d, reason: "Hai hồ sơ của cùng một người") { id } }',
      { s: kept, d: merged },
    );
    const inbox = await policeInbox(police);
    expect(about(inbox, merged)).toEqual([]);
    expect(about(inbox, kept).map((n) => [n.topic, n.occurredOn])).toEqual([['rehab.completed', '2026-11-21']]);
  });
});
