/**
 * Supervisors see each subgraph's outbox of cross-agency notices by state and retry failed
 * and stuck ones, audited; every other role is refused and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { GraphQLResponse, InProcessSystem } from '@rehab/ops';
import { testCaller } from '@rehab/server-kit';
import { ROLES, outboxAdminFieldNames, type Role } from '@rehab/shared-schema';
import { startTestSystem } from './fixtures';

const SENDER = 'labor-welfare';
const F = outboxAdminFieldNames(SENDER);
const TOPIC = 'test.nobody-listens';

let system: InProcessSystem;
let supervisor: string;
const db = (): DataSource => system.dbs.subgraph(SENDER).db;

const LIST = `query($state: OutboxNoticeState!, $first: Int, $after: String) {
  ${F.list}(state: $state, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage }
    nodes { id topic receiver state attempts lastError createdAt nextAttemptAt deliveredAt failedAt ageSeconds }
  }
}`;
const RETRY = `mutation($id: ID!) { ${F.retry}(id: $id) { id state attempts failedAt nextAttemptAt } }`;
const RETRY_FAILED = `mutation($topic: String!) { ${F.retryFailed}(topic: $topic) }`;

interface Node {
  id: string;
  topic: string;
  receiver: string;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  ageSeconds: number;
}
interface Page {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: Node[];
}

/** A notice written straight into the sender's outbox, in the state a test needs. */
async function insertNotice(options: {
  topic?: string;
  failed?: boolean;
  lastError?: string;
  ageSeconds?: number;
  dueInSeconds?: number;
}): Promise<string> {
  const id = randomUUID();
  await db().query(
    `INSERT INTO outbox_notice (id, topic, source, destination, payload, created_at, attempts, next_attempt_at, failed_at, last_error)
     VALUES ($1, $2, $3, 'police', '{}'::jsonb, now() - make_interval(secs => $4), $5,
             now() + make_interval(secs => $6), CASE WHEN $7 THEN now() END, $8)`,
    [
      id,
      options.topic ?? TOPIC,
      SENDER,
      options.ageSeconds ?? 5,
      options.failed ? 1 : 0,
      options.dueInSeconds ?? 0,
      options.failed ?? false,
      options.lastError ?? null,
    ],
  );
  return id;
}

async function asSupervisor<T>(query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  return system.graphql<T>(supervisor, query, variables);
}

async function page(state: string, first = 50, after?: string): Promise<Page> {
  const response = await asSupervisor<Record<string, Page>>(LIST, { state, first, ...(after ? { after } : {}) });
  expect(response.errors).toBeUndefined();
  const result = response.data?.[F.list];
  if (!result) throw new Error('no page');
  return result;
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function outboxRow(id: string): Promise<{ failed: boolean; attempts: number; last_error: string | null }> {
  const [row] = await db().query<{ failed: boolean; attempts: number; last_error: string | null }[]>(
    'SELECT failed_at IS NOT NULL AS failed, attempts, last_error FROM outbox_notice WHERE id = $1',
    [id],
  );
  if (!row) throw new Error(`no notice ${id}`);
  return row;
}

const URLISH = /https?:\/\/|127\.0\.0\.1|localhost|ECONNREFUSED|\/graphql|\bat \S+ \(/i;

beforeAll(async () => {
  system = await startTestSystem();
  supervisor = await system.login('giamsat.hanoi');
}, 240_000);

afterAll(async () => {
  await system.stop();
});

describe('outbox notices for supervisors', () => {
  it('list failed notices with topic, receiver, attempts and a safe error, paged oldest first', async () => {
    const ids = [
      await insertNotice({ failed: true, ageSeconds: 300, lastError: 'fetch failed: connect ECONNREFUSED 127.0.0.1:4001' }),
      await insertNotice({ failed: true, ageSeconds: 200, lastError: '422 BAD_USER_INPUT: The value is refused' }),
      await insertNotice({ failed: true, ageSeconds: 100, lastError: '404 <html>http://10.0.0.5:4001/notices not found</html>' }),
    ];
    const first = await page('FAILED', 2);
    expect(first.totalCount).toBeGreaterThanOrEqual(3);
    const all: Node[] = [...first.nodes];
    let cursor = first.pageInfo.endCursor;
    let more = first.pageInfo.hasNextPage;
    expect(more).toBe(first.totalCount > 2);
    while (more && cursor) {
      const next = await page('FAILED', 2, cursor);
      all.push(...next.nodes);
      cursor = next.pageInfo.endCursor;
      more = next.pageInfo.hasNextPage;
    }
    expect(all).toHaveLength(first.totalCount);
    const mine = all.filter((n) => ids.includes(n.id));
    expect(mine.map((n) => n.id)).toEqual(ids);
    expect(mine.map((n) => n.lastError)).toEqual([
      'The receiver could not be reached',
      '422 BAD_USER_INPUT: The value is refused',
      '404: the receiver answered without a typed error',
    ]);
    for (const n of mine) {
      expect(n).toMatchObject({ topic: TOPIC, receiver: 'police', state: 'FAILED', attempts: 1, nextAttemptAt: null });
      expect(n.failedAt).not.toBeNull();
    }
    expect(mine[0]?.ageSeconds).toBeGreaterThanOrEqual(300);
    expect(JSON.stringify(all)).not.toMatch(URLISH);
  });

  it('call a notice pending longer than OUTBOX_STUCK_AFTER_SECONDS stuck, and a recent one pending only', async () => {
    const stuck = await insertNotice({ ageSeconds: 3600, dueInSeconds: 86_400 });
    const recent = await insertNotice({ ageSeconds: 1, dueInSeconds: 86_400 });
    const stuckIds = (await page('STUCK')).nodes.map((n) => n.id);
    expect(stuckIds).toContain(stuck);
    expect(stuckIds).not.toContain(recent);
    const pending = (await page('PENDING')).nodes;
    expect(pending.find((n) => n.id === recent)?.state).toBe('PENDING');
    expect(pending.find((n) => n.id === stuck)?.state).toBe('STUCK');
    // Undelivered, they would hold back every later notice to police (order per receiver): settle them.
    await db().query('UPDATE outbox_notice SET delivered_at = now() WHERE id = ANY($1::uuid[])', [[stuck, recent]]);
  });

  it('retry a stuck notice now and a failed one again, each audited with the supervisor and request', async () => {
    const stuck = await insertNotice({ ageSeconds: 3600, dueInSeconds: 86_400 });
    const retried = await asSupervisor<Record<string, { id: string; state: string; nextAttemptAt: string }>>(RETRY, {
      id: stuck,
    });
    expect(retried.errors).toBeUndefined();
    expect(Date.parse(retried.data?.[F.retry]?.nextAttemptAt ?? '')).toBeLessThanOrEqual(Date.now() + 1000);
    // Delivered now: police refuse the unknown topic for good, so it is failed again, with one more attempt.
    await waitFor('the retried stuck notice is attempted', async () => (await outboxRow(stuck)).failed);
    const failed = await outboxRow(stuck);
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/^422 BAD_REQUEST/);
    const again = await asSupervisor<Record<string, { state: string }>>(RETRY, { id: stuck });
    expect(again.errors).toBeUndefined();
    await waitFor('the retried failed notice is attempted again', async () => (await outboxRow(stuck)).attempts === 2);
    const audit = await db().query<{ username: string; role: string; fields: string[]; request_id: string }[]>(
      `SELECT username, role, fields, request_id FROM audit_log WHERE entity_type = 'OutboxNotice' AND $1 = ANY(fields) ORDER BY id`,
      [stuck],
    );
    expect(audit).toHaveLength(2);
    for (const row of audit) {
      expect(row).toMatchObject({ username: 'giamsat.hanoi', role: 'supervisor', fields: ['retry', stuck] });
      expect(row.request_id).not.toBe('');
    }
  });

  it('retry every failed notice of a topic, audited with the count', async () => {
    const topic = 'test.retry-all';
    const ids = [await insertNotice({ topic, failed: true }), await insertNotice({ topic, failed: true })];
    const other = await insertNotice({ topic: 'test.other', failed: true });
    const result = await asSupervisor<Record<string, number>>(RETRY_FAILED, { topic });
    expect(result.errors).toBeUndefined();
    expect(result.data?.[F.retryFailed]).toBe(2);
    await waitFor('both are attempted again', async () => {
      const rows = await Promise.all(ids.map(outboxRow));
      return rows.every((r) => r.attempts === 2 && r.failed);
    });
    expect((await outboxRow(other)).attempts).toBe(1);
    const [audit] = await db().query<{ fields: string[] }[]>(
      "SELECT fields FROM audit_log WHERE entity_type = 'OutboxNotice' AND fields[1] = 'retryFailed' AND $1 = ANY(fields)",
      [`topic=${topic}`],
    );
    expect(audit?.fields.slice(0, 3)).toEqual(['retryFailed', `topic=${topic}`, 'count=2']);
    expect([...(audit?.fields.slice(3) ?? [])].sort()).toEqual([...ids].sort());
  });

  it('refuse retrying a delivered, an unknown or a malformed notice with typed bilingual errors', async () => {
    const delivered = await insertNotice({ dueInSeconds: 86_400 });
    await db().query('UPDATE outbox_notice SET delivered_at = now() WHERE id = $1', [delivered]);
    const conflict = await asSupervisor(RETRY, { id: delivered });
    expect(conflict.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(conflict.errors?.[0]?.message).toBe('Thông báo liên ngành này đã được chuyển đến nơi nhận, không cần gửi lại');
    const missing = await asSupervisor(RETRY, { id: randomUUID() });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const malformed = await asSupervisor(RETRY, { id: 'not-a-uuid' });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const badTopic = await asSupervisor(RETRY_FAILED, { topic: 'DROP TABLE' });
    expect(badTopic.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'topic' });
    const badCursor = await asSupervisor(LIST, { state: 'FAILED', after: 'bm90LWEtY3Vyc29y' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const audit = await db().query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'OutboxNotice' AND $1 = ANY(fields)",
      [delivered],
    );
    expect(audit[0]?.n).toBe(0);
  });
});

describe.each(ROLES.filter((role: Role) => role !== 'supervisor'))('%s', (role) => {
  it('is refused the outbox list and retries of every subgraph, and changes nothing', async () => {
    const failed = await insertNotice({ failed: true });
    for (const name of system.entries.map((e) => e.name)) {
      const f = outboxAdminFieldNames(name);
      const calls: [string, Record<string, unknown>][] = [
        [`query { ${f.list}(state: FAILED) { totalCount nodes { id } } }`, {}],
        [`mutation($id: ID!) { ${f.retry}(id: $id) { id } }`, { id: failed }],
        [`mutation { ${f.retryFailed}(topic: "${TOPIC}") }`, {}],
      ];
      for (const [query, variables] of calls) {
        const response = await fetch(system.subgraphs.get(name)?.url as string, {
          method: 'POST',
          headers: await system.signedHeaders(testCaller(role, '01'), name, { query, variables }),
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as {
          data?: Record<string, unknown> | null;
          errors?: { extensions?: { code?: string } }[];
        };
        expect([name, query, body.errors?.[0]?.extensions?.code]).toEqual([name, query, 'FORBIDDEN']);
        expect(Object.values(body.data ?? {}).filter((v) => v !== null)).toEqual([]);
      }
    }
    expect(await outboxRow(failed)).toMatchObject({ failed: true, attempts: 1 });
    const audit = await db().query<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'OutboxNotice' AND role = $1",
      [role],
    );
    expect(audit[0]?.n).toBe(0);
  });
});
