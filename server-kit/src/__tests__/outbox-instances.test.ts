/**
 * Two copies of a subgraph on one database, each with its own connection pool and its own
 * outbox dispatcher: every notice is applied once, in creation order, and a copy that dies
 * mid-delivery leaves its notice to the other copy once its lease expires.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { SubgraphName } from '@rehab/shared-schema';
import { generateTrust, noticePrivateKeyOf, subgraphTrustOf } from '../secrets';
import { openDatabase } from '../db';
import { enqueueNotice, OutboxDispatcher, type Notice, type NoticeHandler, type OutboxOptions } from '../outbox';
import { startSubgraph, type RunningSubgraph, type SubgraphModule } from '../subgraph';
import { createSource, MATRIX, RECEIVER, SCHEMA, SENDER, TOPIC } from './outbox-fixture';
import { CapturedLog, openTestDatabase, testDatabaseEnv, type TestDatabase } from '../testing';
import { createLogger, type Logger } from '../observability/logger';

const TRUST = generateTrust();

/** Handler runs per notice id, and a gate that holds one notice's handler until opened. */
const calls = new Map<string, number>();
let gate: { value: string; entered: () => void; opened: Promise<void> } | undefined;

const effectHandler: NoticeHandler = async (manager, notice: Notice) => {
  calls.set(notice.id, (calls.get(notice.id) ?? 0) + 1);
  const { value } = notice.payload as { value: string };
  if (gate?.value === value) {
    gate.entered();
    await gate.opened;
  }
  await manager.query('INSERT INTO notice_effect (notice_id, value) VALUES ($1, $2)', [notice.id, value]);
};

const receiverModule: SubgraphModule<Record<string, never>> = {
  name: RECEIVER,
  schemaText: SCHEMA,
  createLoaders: () => ({}),
  resolvers: { Query: { outboxPing: () => 'pong' }, Mutation: { recordEvent: () => 'none' } },
  noticeHandlers: { [TOPIC]: effectHandler },
};

let senderDb: TestDatabase;
let receiverDb: TestDatabase;
let receiver: RunningSubgraph;

/** Another copy's own pool on the sender's database. */
async function openCopy(): Promise<DataSource> {
  return openDatabase(createSource(SENDER)(senderDb.env), SENDER, senderDb.env);
}

function dispatcher(db: DataSource, options: OutboxOptions = {}, logger?: Logger): OutboxDispatcher {
  return new OutboxDispatcher(db, {
    ...(logger ? { logger } : {}),
    source: SENDER,
    signingKey: noticePrivateKeyOf(TRUST, SENDER),
    resolveSubgraphUrl: (name) => (name === RECEIVER ? receiver.url : undefined),
    pollIntervalMs: 50,
    initialBackoffMs: 50,
    maxBackoffMs: 200,
    requestTimeoutMs: 2000,
    leaseMs: 3000,
    ...options,
  });
}

const commit = (db: DataSource, value: string, destination: SubgraphName = RECEIVER): Promise<string> =>
  db.transaction((m: EntityManager) => enqueueNotice(m, SENDER, { destination, topic: TOPIC, payload: { value } }));

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function undelivered(ids: readonly string[]): Promise<number> {
  const [row] = await senderDb.db.query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM outbox_notice WHERE id = ANY($1::uuid[]) AND delivered_at IS NULL',
    [ids],
  );
  return row?.n ?? -1;
}

async function effects(ids: readonly string[]): Promise<string[]> {
  const rows = await receiverDb.db.query<{ notice_id: string }[]>(
    'SELECT notice_id FROM notice_effect WHERE notice_id = ANY($1::uuid[]) ORDER BY n',
    [ids],
  );
  return rows.map((r) => r.notice_id);
}

beforeAll(async () => {
  const env = testDatabaseEnv();
  senderDb = await openTestDatabase(SENDER, createSource(SENDER), env);
  receiverDb = await openTestDatabase(RECEIVER, createSource(RECEIVER), env);
  receiver = await startSubgraph(
    receiverModule,
    { db: receiverDb.db, trust: subgraphTrustOf(TRUST, RECEIVER), matrix: MATRIX },
    { port: 0 },
  );
});

afterAll(async () => {
  await receiver.stop();
  await senderDb.close();
  await receiverDb.close();
});

describe('outbox: two copies of a subgraph on one database', () => {
  it('apply every notice once and in creation order while both dispatchers run', async () => {
    const copy = await openCopy();
    const first = dispatcher(senderDb.db, { batchSize: 5 });
    const second = dispatcher(copy, { batchSize: 5 });
    first.start();
    second.start();
    try {
      // Both copies write notices, one after another, while both dispatch.
      const ids: string[] = [];
      for (let i = 0; i < 120; i++) ids.push(await commit(i % 2 === 0 ? senderDb.db : copy, `n${i}`));
      await waitFor('every notice is delivered', async () => (await undelivered(ids)) === 0);
      expect(await effects(ids)).toEqual(ids);
      expect(ids.map((id) => calls.get(id))).toEqual(ids.map(() => 1));
      const [leases] = await senderDb.db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM outbox_notice WHERE id = ANY($1::uuid[]) AND lease_owner IS NOT NULL',
        [ids],
      );
      expect(leases?.n).toBe(0);
    } finally {
      await first.stop();
      await second.stop();
      await copy.destroy();
    }
  });

  it('a copy killed mid-delivery leaves its notice to the other copy after the lease; applied once, order kept', async () => {
    const doomedDb = await openCopy();
    const doomed = dispatcher(doomedDb);
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    let open!: () => void;
    gate = { value: 'held', entered, opened: new Promise<void>((resolve) => (open = resolve)) };
    const held = await commit(senderDb.db, 'held');
    const after = await commit(senderDb.db, 'after the held one');
    doomed.start();
    await inHandler;
    // The copy dies: its pool is gone, so it can neither settle nor release its lease.
    await doomedDb.destroy();
    await doomed.stop();
    const [lease] = await senderDb.db.query<{ owner: string | null; delivered: boolean }[]>(
      'SELECT lease_owner AS owner, delivered_at IS NOT NULL AS delivered FROM outbox_notice WHERE id = $1',
      [held],
    );
    expect(lease).toEqual({ owner: doomed.leaseOwner, delivered: false });
    // The receiver finishes the first delivery it got; the survivor delivers again after the lease.
    open();
    const survivor = dispatcher(senderDb.db);
    survivor.start();
    try {
      await waitFor('both notices are delivered', async () => (await undelivered([held, after])) === 0);
    } finally {
      await survivor.stop();
      gate = undefined;
    }
    expect(await effects([held, after])).toEqual([held, after]);
    expect([calls.get(held), calls.get(after)]).toEqual([1, 1]);
    const [inbox] = await receiverDb.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM inbox_notice WHERE id = ANY($1::uuid[])',
      [[held, after]],
    );
    expect(inbox?.n).toBe(2);
  });

  it('warns once per check when the oldest undelivered notice is older than the threshold', async () => {
    const log = new CapturedLog();
    const copy = dispatcher(
      senderDb.db,
      { stuckAfterSeconds: 60 },
      createLogger({ service: SENDER, level: 'info', destination: log }),
    );
    const warnings = () => log.lines.filter((l) => l.level === 'warn');
    expect(await copy.checkStuck(true)).toBeNull();
    expect(warnings()).toHaveLength(0);
    // A notice to a subgraph without an address stays undelivered; make it two minutes old.
    const id = await commit(senderDb.db, 'nowhere', 'health');
    await senderDb.db.query("UPDATE outbox_notice SET created_at = now() - interval '2 minutes' WHERE id = $1", [id]);
    const state = await copy.checkStuck(true);
    expect(state).toMatchObject({ source: SENDER, stuck: 1, thresholdSeconds: 60 });
    expect(state?.oldestAgeSeconds).toBeGreaterThanOrEqual(120);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatchObject({
      service: SENDER,
      source: SENDER,
      stuck: 1,
      thresholdSeconds: 60,
      msg: '1 outbox notice(s) undelivered for more than 60 s',
    });
    // Within the check interval, no second look (and no second line).
    expect(await copy.checkStuck()).toBeNull();
    expect(warnings()).toHaveLength(1);
  });
});
