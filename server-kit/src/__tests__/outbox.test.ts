import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { SubgraphName } from '@rehab/shared-schema';
import { CONTEXT_HEADER, signCallerContext } from '../context-token';
import { generateTrust, subgraphTrustOf, noticePrivateKeyOf } from '../secrets';
import {
  enqueueNotice,
  noticeRejected,
  noticesUrl,
  outboxEntries,
  SERVICE_HEADER,
  signServiceToken,
  type Notice,
  type NoticeHandler,
} from '../outbox';
import { startSubgraph, type RunningSubgraph, type SubgraphModule } from '../subgraph';
import type { SubgraphContext } from '../context';
import { createSource, MATRIX, RECEIVER, SCHEMA, SENDER, TOPIC } from './outbox-fixture';
import { CapturedLog, openTestDatabase, testCaller, testDatabaseEnv, type TestDatabase } from '../testing';
import { createLogger } from '../observability/logger';

/** Keys of this test: the gateway's context pair and one notice pair per subgraph. */
const TRUST = generateTrust();
const SENDER_KEY = noticePrivateKeyOf(TRUST, SENDER);

type Ctx = SubgraphContext<Record<string, never>>;

/** A change in the sender that reports itself with a notice, in one transaction. */
function record(manager: EntityManager, value: string, topic = TOPIC): Promise<string> {
  return enqueueNotice(manager, SENDER, { destination: RECEIVER, topic, payload: { value } });
}

const senderModule: SubgraphModule<Record<string, never>> = {
  name: SENDER,
  schemaText: SCHEMA,
  createLoaders: () => ({}),
  resolvers: {
    Query: { outboxPing: () => 'pong' },
    Mutation: {
      recordEvent: (_root: unknown, args: { value: string }, context: Ctx) =>
        context.db.transaction((m) => record(m, args.value)),
    },
  },
};

/** Handler behaviour the tests switch: a transient failure, counted calls. */
const receiverState = { failing: false, calls: new Map<string, number>() };

const effectHandler: NoticeHandler = async (manager, notice: Notice) => {
  receiverState.calls.set(notice.id, (receiverState.calls.get(notice.id) ?? 0) + 1);
  const { value } = notice.payload as { value?: unknown };
  if (typeof value !== 'string') throw noticeRejected({ vi: 'Thiếu giá trị', en: 'The value is missing' });
  if (value === 'reject') throw noticeRejected({ vi: 'Giá trị bị từ chối', en: 'The value is refused' });
  await manager.query('INSERT INTO notice_effect (notice_id, value) VALUES ($1, $2)', [notice.id, value]);
  if (value === 'throw' && receiverState.failing) throw new Error('handler broke after writing');
};

const receiverModule: SubgraphModule<Record<string, never>> = {
  name: RECEIVER,
  schemaText: SCHEMA,
  createLoaders: () => ({}),
  resolvers: { Query: { outboxPing: () => 'pong' }, Mutation: { recordEvent: () => randomUUID() } },
  noticeHandlers: { [TOPIC]: effectHandler },
};

let senderDb: TestDatabase;
let receiverDb: TestDatabase;
let sender: RunningSubgraph;
let receiver: RunningSubgraph | undefined;
let receiverPort = 0;
/** What the sender's resolver answers for the receiver: its URL, or nothing (not started yet). */
let receiverAddress: string | undefined;

async function startReceiver(): Promise<void> {
  receiver = await startSubgraph(
    receiverModule,
    { db: receiverDb.db, trust: subgraphTrustOf(TRUST, RECEIVER), matrix: MATRIX },
    { port: receiverPort },
  );
  receiverPort = Number(new URL(receiver.url).port);
  receiverAddress = receiver.url;
}

async function stopReceiver(): Promise<void> {
  await receiver?.stop();
  receiver = undefined;
}

/** The sender's log lines (warn and above). */
const senderLog = new CapturedLog();

beforeAll(async () => {
  const env = testDatabaseEnv();
  senderDb = await openTestDatabase(SENDER, createSource(SENDER), env);
  receiverDb = await openTestDatabase(RECEIVER, createSource(RECEIVER), env);
  await startReceiver();
  sender = await startSubgraph(
    senderModule,
    {
      db: senderDb.db,
      trust: subgraphTrustOf(TRUST, SENDER),
      matrix: MATRIX,
      resolveSubgraphUrl: (name) => (name === RECEIVER ? receiverAddress : undefined),
      outbox: { pollIntervalMs: 100, initialBackoffMs: 50, maxBackoffMs: 200 },
      logger: createLogger({ service: SENDER, level: 'warn', destination: senderLog }),
    },
    { port: 0 },
  );
});

afterAll(async () => {
  await sender.stop();
  await stopReceiver();
  await senderDb.close();
  await receiverDb.close();
});

beforeEach(async () => {
  receiverState.failing = false;
  if (!receiver) await startReceiver();
});

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface OutboxState {
  id: string;
  attempts: number;
  delivered: boolean;
  failed: boolean;
  last_error: string | null;
}

async function outboxRow(db: DataSource, id: string): Promise<OutboxState> {
  const [row] = await db.query<OutboxState[]>(
    `SELECT id, attempts, delivered_at IS NOT NULL AS delivered, failed_at IS NOT NULL AS failed, last_error
       FROM outbox_notice WHERE id = $1`,
    [id],
  );
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

const delivered = (id: string) => async () => (await outboxRow(senderDb.db, id)).delivered;

async function effects(ids: readonly string[]): Promise<{ notice_id: string; value: string }[]> {
  return await receiverDb.db.query<{ notice_id: string; value: string }[]>(
    'SELECT notice_id, value FROM notice_effect WHERE notice_id = ANY($1::uuid[]) ORDER BY n',
    [ids],
  );
}

async function inboxCount(ids: readonly string[]): Promise<number> {
  const [row] = await receiverDb.db.query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM inbox_notice WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return row?.n ?? -1;
}

const commit = (value: string, topic = TOPIC) => senderDb.db.transaction((m) => record(m, value, topic));

describe('outbox: sender side', () => {
  it('sends nothing for a notice whose transaction rolled back', async () => {
    let rolledBackId = '';
    await expect(
      senderDb.db.transaction(async (m) => {
        rolledBackId = await record(m, 'rolled back');
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect(rolledBackId).toMatch(/^[0-9a-f-]{36}$/);
    // A later, committed notice to the same receiver goes through; the rolled-back one never exists.
    const later = await commit('after rollback');
    await waitFor('the later notice is delivered', delivered(later));
    const [count] = await senderDb.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM outbox_notice WHERE id = $1', [
      rolledBackId,
    ]);
    expect(count?.n).toBe(0);
    expect(await inboxCount([rolledBackId])).toBe(0);
    expect(await effects([rolledBackId, later])).toEqual([{ notice_id: later, value: 'after rollback' }]);
  });

  it('delivers a notice enqueued by a mutation end to end; the handler runs once', async () => {
    const caller = testCaller('facility_staff');
    const request = { query: 'mutation { recordEvent(value: "completed") }' };
    const response = await fetch(sender.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CONTEXT_HEADER]: await signCallerContext(caller, SENDER, TRUST.contextPrivateKey, request),
      },
      body: JSON.stringify(request),
    });
    const body = (await response.json()) as { data?: { recordEvent: string }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    const id = body.data?.recordEvent ?? '';
    await waitFor('the notice is delivered', delivered(id));
    expect(await effects([id])).toEqual([{ notice_id: id, value: 'completed' }]);
    expect(receiverState.calls.get(id)).toBe(1);
    expect(await inboxCount([id])).toBe(1);
    expect(await outboxRow(senderDb.db, id)).toMatchObject({ attempts: 1, delivered: true, failed: false, last_error: null });
    const [inbox] = await receiverDb.db.query<unknown[]>('SELECT topic, source, payload FROM inbox_notice WHERE id = $1', [id]);
    expect(inbox).toEqual({ topic: TOPIC, source: SENDER, payload: { value: 'completed' } });
    // Further rounds do not send a delivered notice again.
    await sender.outbox?.dispatchOnce();
    expect(receiverState.calls.get(id)).toBe(1);
  });
});

describe('outbox: receiver down', () => {
  it('keeps notices pending while the receiver is stopped, then delivers each once, in order', async () => {
    await stopReceiver();
    const ids = [await commit('first'), await commit('second'), await commit('third')];
    await waitFor('the first notice failed twice', async () => (await outboxRow(senderDb.db, ids[0] as string)).attempts >= 2);
    const [head, ...rest] = await Promise.all(ids.map((id) => outboxRow(senderDb.db, id)));
    expect(head).toMatchObject({ delivered: false, failed: false });
    expect(head?.last_error).toBeTruthy();
    // Later notices to the same destination wait behind the first.
    for (const row of rest) expect(row).toMatchObject({ attempts: 0, delivered: false, failed: false });
    expect(await inboxCount(ids)).toBe(0);

    await startReceiver(); // on the same port, as a restarted subgraph
    for (const id of ids) await waitFor(`notice ${id} is delivered`, delivered(id));
    expect(await effects(ids)).toEqual([
      { notice_id: ids[0], value: 'first' },
      { notice_id: ids[1], value: 'second' },
      { notice_id: ids[2], value: 'third' },
    ]);
    for (const id of ids) expect(receiverState.calls.get(id)).toBe(1);
    expect(await inboxCount(ids)).toBe(3);
  });

  it('keeps a notice pending while the receiver has no address yet, then delivers it', async () => {
    const address = receiverAddress;
    receiverAddress = undefined;
    try {
      const id = await commit('no address yet');
      await waitFor('two attempts were counted', async () => (await outboxRow(senderDb.db, id)).attempts >= 2);
      const row = await outboxRow(senderDb.db, id);
      expect(row).toMatchObject({ delivered: false, failed: false });
      expect(row.last_error).toContain('no address');
      expect(await inboxCount([id])).toBe(0);
      receiverAddress = address;
      await waitFor('the notice is delivered', delivered(id));
      expect(await effects([id])).toHaveLength(1);
    } finally {
      receiverAddress = address;
    }
  });
});

describe('outbox: idempotent receiver', () => {
  it('applies a notice delivered twice once (the sender lost the first 200)', async () => {
    const id = await commit('twice');
    await waitFor('the notice is delivered', delivered(id));
    // As if the sender never saw the 200: the notice becomes due again and is sent again.
    await senderDb.db.query('UPDATE outbox_notice SET delivered_at = NULL, next_attempt_at = now() WHERE id = $1', [id]);
    sender.outbox?.wake();
    await waitFor('the notice is delivered again', async () => {
      const row = await outboxRow(senderDb.db, id);
      return row.delivered && row.attempts === 2;
    });
    expect(await outboxRow(senderDb.db, id)).toMatchObject({ failed: false, last_error: null });
    expect(await effects([id])).toHaveLength(1);
    expect(receiverState.calls.get(id)).toBe(1);
    expect(await inboxCount([id])).toBe(1);
  });

  it('applies the same notice posted twice at once a single time', async () => {
    const notice: Notice = {
      id: randomUUID(),
      topic: TOPIC,
      source: SENDER,
      destination: RECEIVER,
      payload: { value: 'concurrent' },
      createdAt: new Date().toISOString(),
    };
    const post = async () =>
      fetch(noticesUrl(receiver?.url ?? ''), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SERVICE_HEADER]: await signServiceToken(notice, SENDER_KEY) },
        body: JSON.stringify(notice),
      });
    const responses = await Promise.all([post(), post(), post()]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ duplicate: boolean }>));
    expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
    expect(await effects([notice.id])).toHaveLength(1);
    expect(receiverState.calls.get(notice.id)).toBe(1);
  });
});

describe('outbox: service token', () => {
  interface ErrorBody {
    errors: { extensions: { code: string; i18n: { vi: string; en: string } } }[];
  }

  const noticeFor = (source: SubgraphName = SENDER): Notice => ({
    id: randomUUID(),
    topic: TOPIC,
    source,
    destination: RECEIVER,
    payload: { value: 'forged' },
    createdAt: new Date().toISOString(),
  });

  async function post(notice: Notice, token: string | undefined): Promise<{ status: number; body: ErrorBody }> {
    const response = await fetch(noticesUrl(receiver?.url ?? ''), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { [SERVICE_HEADER]: token }) },
      body: JSON.stringify(notice),
    });
    return { status: response.status, body: (await response.json()) as ErrorBody };
  }

  it.each([
    ['no token', async () => undefined],
    ['a token that is not a JWT', async () => 'not-a-token'],
    ['a token signed with another key', async (n: Notice) => signServiceToken(n, generateKeyPairSync('ed25519').privateKey)],
    [
      "a token signed by the receiver's own key (a subgraph signing for another)",
      async (n: Notice) => signServiceToken(n, noticePrivateKeyOf(TRUST, RECEIVER)),
    ],
    ['a token addressed to another subgraph', async (n: Notice) => signServiceToken({ ...n, destination: 'health' }, SENDER_KEY)],
    [
      'a token of another source (forged source)',
      async (n: Notice) => signServiceToken({ ...n, source: 'volunteers' }, SENDER_KEY),
    ],
    ['a token for another notice', async (n: Notice) => signServiceToken({ ...n, id: randomUUID() }, SENDER_KEY)],
    ['a token for other content', async (n: Notice) => signServiceToken({ ...n, payload: { value: 'other' } }, SENDER_KEY)],
  ])('refuses %s with 401 and records nothing', async (_case, token: (n: Notice) => Promise<string | undefined>) => {
    const notice = noticeFor();
    const { status, body } = await post(notice, await token(notice));
    expect(status).toBe(401);
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0]?.extensions.i18n.vi).toContain('xác thực');
    expect(await inboxCount([notice.id])).toBe(0);
    expect(await effects([notice.id])).toEqual([]);
    expect(receiverState.calls.has(notice.id)).toBe(false);
  });
});

describe('outbox: refused notices', () => {
  it('marks a notice of an unknown topic failed (422) without retrying it, and later notices still go', async () => {
    const unknown = await commit('nobody listens', 'test.unknown');
    const after = await commit('after the unknown one');
    await waitFor('the unknown notice is failed', async () => (await outboxRow(senderDb.db, unknown)).failed);
    await waitFor('the next notice is delivered', delivered(after));
    const row = await outboxRow(senderDb.db, unknown);
    expect(row).toMatchObject({ attempts: 1, delivered: false, failed: true });
    expect(row.last_error).toContain('422');
    expect(row.last_error).toContain('Unknown notice topic test.unknown');
    expect(await inboxCount([unknown])).toBe(0);
    await sender.outbox?.dispatchOnce();
    await sender.outbox?.dispatchOnce();
    expect((await outboxRow(senderDb.db, unknown)).attempts).toBe(1);
    const failed = await outboxEntries(senderDb.db.manager, 'failed');
    expect(failed.map((n) => n.id)).toContain(unknown);
    expect((await outboxEntries(senderDb.db.manager, 'pending')).map((n) => n.id)).not.toContain(unknown);
  });

  it("marks a notice the handler rejects failed (422) with the handler's error, applied nowhere", async () => {
    const id = await commit('reject');
    await waitFor('the notice is failed', async () => (await outboxRow(senderDb.db, id)).failed);
    const row = await outboxRow(senderDb.db, id);
    expect(row).toMatchObject({ attempts: 1, delivered: false });
    expect(row.last_error).toContain('422 BAD_USER_INPUT: The value is refused');
    expect(receiverState.calls.get(id)).toBe(1);
    // The operator reads the refusal in the sender's log, under the notice's id.
    expect(senderLog.find((l) => l.notice === id)).toMatchObject({
      level: 'warn',
      msg: 'notice refused by its receiver',
      destination: RECEIVER,
      error: expect.stringContaining('422 BAD_USER_INPUT'),
    });
    expect(await inboxCount([id])).toBe(0);
  });

  it('rolls back a handler that throws (no inbox row, no effect) and retries until it succeeds', async () => {
    receiverState.failing = true;
    const id = await commit('throw');
    await waitFor('two attempts failed', async () => (await outboxRow(senderDb.db, id)).attempts >= 2);
    const row = await outboxRow(senderDb.db, id);
    expect(row).toMatchObject({ delivered: false, failed: false });
    expect(row.last_error).toContain('500');
    expect(receiverState.calls.get(id)).toBeGreaterThanOrEqual(2);
    expect(await inboxCount([id])).toBe(0);
    expect(await effects([id])).toEqual([]);

    receiverState.failing = false;
    await waitFor('the notice is delivered', delivered(id));
    expect(await effects([id])).toEqual([{ notice_id: id, value: 'throw' }]);
    expect(await inboxCount([id])).toBe(1);
  });
});
