import type { DataSource, EntityManager } from 'typeorm';
import { outboxAdminFieldNames, type SubgraphName } from '@rehab/shared-schema';
import type { AuditCollector } from '../audit/collector';
import { domainError } from '../errors';
import { badCursor, cursorParts, makeCursor } from '../keyset';
import { pageSize } from '../paging';
import { checkUuid } from '../record-errors';
import { ENQUEUED_FLAG, TOPIC_PATTERN } from './notice';
import { outboxStuckAfterSeconds } from './stuck';

/** Where a notice stands (OutboxNoticeState). */
export type OutboxNoticeState = 'FAILED' | 'STUCK' | 'PENDING' | 'DELIVERED';

/** An outbox notice as supervisors see it: no payload (it names people), a safe error text. */
export interface OutboxNoticeView {
  id: string;
  topic: string;
  receiver: string;
  state: OutboxNoticeState;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
  ageSeconds: number;
}

interface Row {
  id: string;
  seq: string;
  topic: string;
  destination: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  next_attempt_at: Date;
  delivered_at: Date | null;
  failed_at: Date | null;
  age: number;
}

const COLUMNS = `id, seq::text AS seq, topic, destination, attempts, last_error, created_at, next_attempt_at,
  delivered_at, failed_at, floor(extract(epoch FROM now() - created_at))::int AS age`;

const UNDELIVERED = 'delivered_at IS NULL AND failed_at IS NULL';

/** The rows of a state; `threshold` is the placeholder of the stuck threshold in seconds. */
const CONDITION: Record<OutboxNoticeState, (threshold: string) => string> = {
  FAILED: () => 'failed_at IS NOT NULL',
  STUCK: (threshold) => `${UNDELIVERED} AND created_at < now() - make_interval(secs => ${threshold}::double precision)`,
  PENDING: () => UNDELIVERED,
  DELIVERED: () => 'delivered_at IS NOT NULL',
};

const STATES = Object.keys(CONDITION) as OutboxNoticeState[];

/**
 * The dispatcher records the receiver's typed error (status, code and English text) or the
 * network error it met, which may name addresses: supervisors see the former, and only
 * that the receiver could not be reached for the latter. Nothing URL-like passes.
 */
export function publicOutboxError(text: string | null): string | null {
  if (text === null) return null;
  const typed = /^(\d{3}) ([A-Z_]+):?(.*)$/s.exec(text);
  const scrub = (s: string): string =>
    s
      .replace(/[a-z][a-z0-9+.-]*:\/\/\S*/gi, '…')
      .replace(/\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b/g, '…')
      .replace(/\blocalhost(:\d+)?\b/gi, '…')
      .trim()
      .slice(0, 500);
  if (typed) return `${typed[1]} ${typed[2]}${typed[3] ? `: ${scrub(typed[3].trim())}` : ''}`;
  const status = /^(\d{3})\b/.exec(text);
  if (status) return `${status[1]}: the receiver answered without a typed error`;
  if (text.startsWith('no address for subgraph')) return 'No address is configured for the receiver';
  return 'The receiver could not be reached';
}

function stateOf(row: Row, stuckAfterSeconds: number): OutboxNoticeState {
  if (row.delivered_at) return 'DELIVERED';
  if (row.failed_at) return 'FAILED';
  return row.age > stuckAfterSeconds ? 'STUCK' : 'PENDING';
}

function view(row: Row, stuckAfterSeconds: number): OutboxNoticeView {
  const state = stateOf(row, stuckAfterSeconds);
  return {
    id: row.id,
    topic: row.topic,
    receiver: row.destination,
    state,
    attempts: row.attempts,
    lastError: publicOutboxError(row.last_error),
    createdAt: row.created_at,
    nextAttemptAt: state === 'DELIVERED' || state === 'FAILED' ? null : row.next_attempt_at,
    deliveredAt: row.delivered_at,
    failedAt: row.failed_at,
    ageSeconds: row.age,
  };
}

export interface OutboxNoticePage {
  nodes: OutboxNoticeView[];
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** One page of the outbox in a state: oldest first, delivered ones newest first; keyed by the notice's sequence. */
export async function outboxNoticePage(
  db: DataSource | EntityManager,
  state: OutboxNoticeState,
  first: number | null | undefined,
  after: string | null | undefined,
  stuckAfterSeconds = outboxStuckAfterSeconds(),
): Promise<OutboxNoticePage> {
  if (!STATES.includes(state)) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: 'Trạng thái thông báo không hợp lệ', en: 'Invalid notice state' },
      { field: 'state' },
    );
  }
  const size = pageSize(first);
  const descending = state === 'DELIVERED';
  const [afterSeq] = after ? cursorParts(after, 1) : [];
  if (afterSeq !== undefined && !/^\d{1,19}$/.test(afterSeq)) throw badCursor();
  const condition = CONDITION[state]('$1');
  const uses = state === 'STUCK' ? [stuckAfterSeconds] : [];
  const where = afterSeq === undefined ? condition : `${condition} AND seq ${descending ? '<' : '>'} $${uses.length + 1}::bigint`;
  const [rows, counts] = await Promise.all([
    db.query<Row[]>(
      `SELECT ${COLUMNS} FROM outbox_notice WHERE ${where} ORDER BY seq ${descending ? 'DESC' : 'ASC'} LIMIT ${size + 1}`,
      afterSeq === undefined ? uses : [...uses, afterSeq],
    ),
    db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox_notice WHERE ${condition}`, uses),
  ]);
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    nodes: page.map((r) => view(r, stuckAfterSeconds)),
    totalCount: counts[0]?.n ?? 0,
    pageInfo: { endCursor: last ? makeCursor([last.seq]) : null, hasNextPage: rows.length > size },
  };
}

/** The dispatcher of this database wakes when the transaction commits. */
function wakeDispatcher(manager: EntityManager): void {
  if (manager.queryRunner) manager.queryRunner.data = { ...manager.queryRunner.data, [ENQUEUED_FLAG]: true };
}

/**
 * Sends one failed or undelivered notice again now: a failed one is no longer failed, an
 * undelivered one is due at once (a delivery in flight is left to finish). Audited in
 * the caller's transaction. A delivered notice is a CONFLICT; an unknown id NOT_FOUND.
 */
export async function retryOutboxNotice(
  manager: EntityManager,
  audit: AuditCollector,
  subgraph: SubgraphName,
  id: string,
  stuckAfterSeconds = outboxStuckAfterSeconds(),
): Promise<OutboxNoticeView> {
  const noticeId = checkUuid(id, 'id');
  const [current] = await manager.query<{ delivered: boolean }[]>(
    'SELECT delivered_at IS NOT NULL AS delivered FROM outbox_notice WHERE id = $1 FOR UPDATE',
    [noticeId],
  );
  if (!current) {
    throw domainError(
      'NOT_FOUND',
      {
        vi: `Không có thông báo liên ngành ${noticeId} trong hộp thư đi của phân hệ ${subgraph}`,
        en: `No cross-agency notice ${noticeId} in the ${subgraph} outbox`,
      },
      { field: 'id' },
    );
  }
  if (current.delivered) {
    throw domainError(
      'CONFLICT',
      {
        vi: 'Thông báo liên ngành này đã được chuyển đến nơi nhận, không cần gửi lại',
        en: 'This cross-agency notice was delivered already; there is nothing to retry',
      },
      { field: 'id' },
    );
  }
  const [updatedRows] = await manager.query<[Row[], number]>(
    `UPDATE outbox_notice SET failed_at = NULL, next_attempt_at = least(next_attempt_at, now())
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [noticeId],
  );
  const updated = updatedRows[0];
  if (!updated) throw new Error(`outbox notice ${noticeId} vanished under its row lock`);
  await audit.change(manager, 'OutboxNotice', ['retry', noticeId], null);
  wakeDispatcher(manager);
  return view(updated, stuckAfterSeconds);
}

/** Most notice ids one audit row of a bulk retry names (the count is always there). */
const AUDITED_IDS = 100;

/** Sends every failed notice of a topic again; audited with the count and the ids. */
export async function retryFailedOutboxNotices(manager: EntityManager, audit: AuditCollector, topic: string): Promise<number> {
  if (!TOPIC_PATTERN.test(topic)) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Loại thông báo không hợp lệ: ${topic.slice(0, 64)}`, en: `Invalid notice topic: ${topic.slice(0, 64)}` },
      { field: 'topic' },
    );
  }
  const [rows] = await manager.query<[{ id: string }[], number]>(
    `UPDATE outbox_notice SET failed_at = NULL, next_attempt_at = now()
      WHERE failed_at IS NOT NULL AND topic = $1 RETURNING id`,
    [topic],
  );
  await audit.change(
    manager,
    'OutboxNotice',
    ['retryFailed', `topic=${topic}`, `count=${rows.length}`, ...rows.slice(0, AUDITED_IDS).map((r) => r.id)],
    null,
  );
  if (rows.length > 0) wakeDispatcher(manager);
  return rows.length;
}

interface OutboxAdminContext {
  db: DataSource;
  audit: AuditCollector;
}

type Resolver<A, R> = (root: unknown, args: A, context: OutboxAdminContext) => Promise<R>;

/**
 * The Query and Mutation resolvers of a subgraph's outbox fields. Who may call them
 * (supervisors) is the access matrix's business, as for any field.
 */
export function outboxAdminResolvers(subgraph: SubgraphName): {
  Query: Record<string, Resolver<{ state: OutboxNoticeState; first?: number | null; after?: string | null }, OutboxNoticePage>>;
  Mutation: Record<string, Resolver<{ id: string }, OutboxNoticeView> | Resolver<{ topic: string }, number>>;
} {
  const f = outboxAdminFieldNames(subgraph);
  const retry: Resolver<{ id: string }, OutboxNoticeView> = (_root, args, ctx) =>
    ctx.db.transaction((m) => retryOutboxNotice(m, ctx.audit, subgraph, args.id));
  const retryFailed: Resolver<{ topic: string }, number> = (_root, args, ctx) =>
    ctx.db.transaction((m) => retryFailedOutboxNotices(m, ctx.audit, args.topic));
  return {
    Query: { [f.list]: (_root, args, ctx) => outboxNoticePage(ctx.db, args.state, args.first, args.after) },
    Mutation: { [f.retry]: retry, [f.retryFailed]: retryFailed },
  };
}
