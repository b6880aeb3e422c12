import { randomUUID, type KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';
import type { SubgraphName } from '@rehab/shared-schema';
import { ENQUEUED_FLAG, type Notice } from './notice';
import { SERVICE_HEADER, signServiceToken } from './service-token';
import { noticesUrl } from './subgraph-urls';
import { defaultServiceLogger, type Logger } from '../observability/logger';
import { outboxStuckAfterSeconds, warnStuckOutbox, type StuckOutbox } from './stuck';

/** Tuning of the dispatcher; the defaults suit a running system. */
export interface OutboxOptions {
  /** How often undelivered notices are looked for (default 1000 ms). */
  pollIntervalMs?: number;
  /** Most notices one round takes (default 20). */
  batchSize?: number;
  /** Delay after the first failed attempt, doubling per attempt (default 500 ms)… */
  initialBackoffMs?: number;
  /** …up to this (default 30 s). */
  maxBackoffMs?: number;
  /** Timeout of one delivery request (default 10 s). */
  requestTimeoutMs?: number;
  /**
   * How long a claim on a notice lasts (default 60 s, at least three request timeouts): a
   * copy that dies mid-delivery holds its notices this long before another copy delivers them.
   */
  leaseMs?: number;
  /** Undelivered for longer than this is stuck (default OUTBOX_STUCK_AFTER_SECONDS, 600). */
  stuckAfterSeconds?: number;
  /** How often the dispatcher looks for stuck notices (default 60 s). */
  stuckCheckIntervalMs?: number;
}

export interface OutboxDispatcherConfig extends OutboxOptions {
  source: SubgraphName;
  /** This subgraph's own notice signing key (Ed25519 private). */
  signingKey: KeyObject;
  /** The destination's GraphQL URL; notices go to /notices on the same origin. */
  resolveSubgraphUrl: (name: SubgraphName) => string | undefined;
  /** The subgraph's logger: stuck notices and refusals (warn), retries (debug). Default: LOG_LEVEL, else silent. */
  logger?: Logger;
}

/** Outcome of one delivery attempt. */
type Outcome = { kind: 'delivered' } | { kind: 'retry'; error: string } | { kind: 'failed'; error: string };

interface OutboxRow {
  id: string;
  /** bigint as text. */
  seq: string;
  topic: string;
  source: SubgraphName;
  destination: SubgraphName;
  payload: unknown;
  created_at: Date;
  attempts: number;
}

/** One advisory lock key for all dispatchers of a database: one claim at a time keeps the order. */
const DISPATCH_LOCK = 763_800_000_002;

/** Delay before the next attempt after `attempts` failed ones: doubling, capped. */
export function backoffMs(attempts: number, initialMs = 500, maxMs = 30_000): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

/** The receiver's error as recorded on the outbox row (code and English text). */
async function responseError(response: globalThis.Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string; i18n?: { en?: string } } }[] };
    const first = body.errors?.[0]?.extensions;
    if (first?.code) return `${response.status} ${first.code}: ${first.i18n?.en ?? ''}`.trim();
  } catch {
    // not JSON: keep the raw text
  }
  return `${response.status} ${text.slice(0, 500)}`.trim();
}

/**
 * Delivers the outbox of one subgraph's database, safely beside other copies of the same
 * subgraph on that database. Each round claims due notices with a lease (lease_owner,
 * lease_until) in a short transaction — one claim at a time per database (an advisory
 * lock), rows taken FOR UPDATE SKIP LOCKED — then posts them outside any transaction, in
 * creation order per destination, and settles each: delivered_at on 200; on 5xx or network
 * errors the attempt is counted and the notice backs off (later notices to that destination
 * wait, so the order holds); on 4xx it is marked failed with the error (supervisors list and
 * retry it), never retried by itself. A destination with a notice leased by another copy or
 * waiting for a retry is left alone, so two copies never deliver one destination's notices
 * out of order. A copy that dies holding a lease delays its notices until the lease expires;
 * then any copy delivers them (the receiver applies a notice id once).
 *
 * It uses the DataSource's pool directly, so its polling does not show in the query
 * counter of the requests it runs beside.
 */
export class OutboxDispatcher {
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly requestTimeoutMs: number;
  private readonly leaseMs: number;
  private readonly stuckAfterSeconds: number;
  private readonly stuckCheckIntervalMs: number;
  private nextStuckCheck = 0;
  /** This dispatcher's name on the notices it leases. */
  readonly leaseOwner: string;
  private readonly logger: Logger;
  private running = false;
  private loop: Promise<void> | undefined;
  private woken = false;
  private wakeSleeper: (() => void) | undefined;
  private readonly aborter = new AbortController();
  private readonly subscriber: EntitySubscriberInterface;
  /** The last error of a round itself (database unreachable), for diagnosis. */
  lastRoundError: string | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly config: OutboxDispatcherConfig,
  ) {
    this.pollIntervalMs = config.pollIntervalMs ?? 1000;
    this.batchSize = config.batchSize ?? 20;
    this.initialBackoffMs = config.initialBackoffMs ?? 500;
    this.maxBackoffMs = config.maxBackoffMs ?? 30_000;
    this.requestTimeoutMs = config.requestTimeoutMs ?? 10_000;
    this.leaseMs = config.leaseMs ?? Math.max(60_000, 3 * this.requestTimeoutMs);
    if (!(this.leaseMs > this.requestTimeoutMs)) throw new Error('The outbox lease must outlast one delivery request');
    this.stuckAfterSeconds = config.stuckAfterSeconds ?? outboxStuckAfterSeconds();
    this.stuckCheckIntervalMs = config.stuckCheckIntervalMs ?? 60_000;
    this.leaseOwner = `${config.source}:${randomUUID()}`;
    this.logger = config.logger ?? defaultServiceLogger(config.source);
    this.subscriber = {
      afterTransactionCommit: (event: TransactionCommitEvent) => {
        const data = event.queryRunner.data as Record<string, unknown> | undefined;
        if (data?.[ENQUEUED_FLAG]) {
          data[ENQUEUED_FLAG] = false;
          this.wake();
        }
      },
    };
  }

  /** Starts polling; a transaction that enqueued a notice wakes it on commit. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.db.subscribers.push(this.subscriber);
    this.loop = this.run();
  }

  /** Runs a round now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeSleeper?.();
  }

  /** Stops polling, aborts a delivery in flight and waits for the round to end. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.aborter.abort();
    this.wakeSleeper?.();
    await this.loop;
    const index = this.db.subscribers.indexOf(this.subscriber);
    if (index >= 0) this.db.subscribers.splice(index, 1);
  }

  private isRunning(): boolean {
    return this.running;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let full = false;
      try {
        await this.checkStuck();
        full = (await this.dispatchOnce()) >= this.batchSize;
        this.lastRoundError = undefined;
      } catch (error) {
        this.lastRoundError = errorText(error);
      }
      // stop() may have run during the round.
      if (!full && this.isRunning()) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      timer.unref();
      this.wakeSleeper = done;
    });
  }

  private pool(): Pool {
    if (this.db.driver.options.type !== 'postgres') throw new Error('The outbox needs PostgreSQL');
    return (this.db.driver as unknown as { master: Pool }).master;
  }

  /**
   * At most once per stuckCheckIntervalMs: warns (warnStuckOutbox) when the oldest
   * undelivered notice is older than the stuck threshold. Returns what it found.
   */
  async checkStuck(force = false): Promise<StuckOutbox | null> {
    if (!this.db.isInitialized) return null;
    if (!force && Date.now() < this.nextStuckCheck) return null;
    this.nextStuckCheck = Date.now() + this.stuckCheckIntervalMs;
    const {
      rows: [row],
    } = await this.pool().query<{ stuck: number; oldest: number | null }>(
      `SELECT count(*) FILTER (WHERE created_at < now() - make_interval(secs => $1::double precision))::int AS stuck,
              extract(epoch FROM now() - min(created_at))::double precision AS oldest
         FROM outbox_notice WHERE delivered_at IS NULL AND failed_at IS NULL`,
      [this.stuckAfterSeconds],
    );
    if (!row || row.stuck === 0 || row.oldest === null) return null;
    const state: StuckOutbox = {
      source: this.config.source,
      stuck: row.stuck,
      oldestAgeSeconds: row.oldest,
      thresholdSeconds: this.stuckAfterSeconds,
    };
    warnStuckOutbox(state, this.logger);
    return state;
  }

  /** Claims due notices for this dispatcher (a lease), in one short transaction. */
  private async claim(): Promise<OutboxRow[]> {
    const client = await this.pool().connect();
    try {
      await client.query('BEGIN');
      try {
        // One claim at a time per database: a claim sees the leases of the one before it.
        await client.query('SELECT pg_advisory_xact_lock($1)', [DISPATCH_LOCK]);
        // Due: its time has come, nobody holds a live lease on it, and no earlier notice to the
        // same destination waits for a retry or is leased by another dispatcher.
        const { rows } = await client.query<OutboxRow>(
          `UPDATE outbox_notice u
              SET lease_owner = $1, lease_until = statement_timestamp() + make_interval(secs => $2::double precision / 1000)
             FROM (SELECT o.id FROM outbox_notice o
                    WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= statement_timestamp()
                      AND (o.lease_until IS NULL OR o.lease_until <= statement_timestamp())
                      AND NOT EXISTS (SELECT 1 FROM outbox_notice e
                                       WHERE e.destination = o.destination AND e.seq < o.seq
                                         AND e.delivered_at IS NULL AND e.failed_at IS NULL
                                         AND (e.next_attempt_at > statement_timestamp() OR e.lease_until > statement_timestamp()))
                    ORDER BY o.seq LIMIT $3 FOR UPDATE OF o SKIP LOCKED) due
            WHERE u.id = due.id
        RETURNING u.id, u.seq, u.topic, u.source, u.destination, u.payload, u.created_at, u.attempts`,
          [this.leaseOwner, this.leaseMs, this.batchSize],
        );
        await client.query('COMMIT');
        return rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  }

  /** Gives back leases this dispatcher will not use (stopping, lease running out, destination blocked). */
  private async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool().query(
      'UPDATE outbox_notice SET lease_owner = NULL, lease_until = NULL WHERE id = ANY($1::uuid[]) AND lease_owner = $2',
      [ids, this.leaseOwner],
    );
  }

  /**
   * One round: claims due notices and delivers them. Returns how many were settled
   * (delivered or failed for good).
   */
  async dispatchOnce(): Promise<number> {
    if (!this.db.isInitialized) return 0;
    const rows = await this.claim();
    if (rows.length === 0) return 0;
    // Deliver only while the lease surely lasts: a request started later could outlive it.
    const deadline = Date.now() + this.leaseMs - Math.min(1000, this.leaseMs / 10);
    const blocked = new Set<SubgraphName>();
    const unused: string[] = [];
    let settled = 0;
    for (const row of rows) {
      if (blocked.has(row.destination) || !this.running || Date.now() + this.requestTimeoutMs > deadline) {
        unused.push(row.id);
        continue;
      }
      const outcome = await this.deliver(row);
      const pool = this.pool();
      if (outcome.kind === 'delivered') {
        // Delivered is the truth whoever holds the lease now.
        await pool.query(
          `UPDATE outbox_notice SET delivered_at = now(), attempts = attempts + 1, last_error = NULL, lease_owner = NULL, lease_until = NULL
            WHERE id = $1 AND delivered_at IS NULL AND failed_at IS NULL`,
          [row.id],
        );
        settled += 1;
      } else if (this.aborter.signal.aborted) {
        // Stopped mid-request: not the receiver's fault, no attempt counted.
        unused.push(row.id);
        blocked.add(row.destination);
      } else if (outcome.kind === 'failed') {
        // The receiver's refusal in full for the operator; supervisors read it scrubbed.
        this.logger.warn(
          { notice: row.id, topic: row.topic, destination: row.destination, error: outcome.error },
          'notice refused by its receiver',
        );
        await pool.query(
          `UPDATE outbox_notice SET failed_at = now(), attempts = attempts + 1, last_error = $3, lease_owner = NULL, lease_until = NULL
            WHERE id = $1 AND lease_owner = $2 AND delivered_at IS NULL`,
          [row.id, this.leaseOwner, outcome.error.slice(0, 2000)],
        );
        settled += 1;
      } else {
        const delay = backoffMs(row.attempts + 1, this.initialBackoffMs, this.maxBackoffMs);
        this.logger.debug(
          { notice: row.id, topic: row.topic, destination: row.destination, error: outcome.error, retryInMs: delay },
          'notice not delivered; retrying',
        );
        await pool.query(
          `UPDATE outbox_notice SET attempts = attempts + 1, last_error = $3, lease_owner = NULL, lease_until = NULL,
                  next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
            WHERE id = $1 AND lease_owner = $2 AND delivered_at IS NULL`,
          [row.id, this.leaseOwner, outcome.error.slice(0, 2000), delay],
        );
        blocked.add(row.destination);
      }
    }
    await this.release(unused);
    return settled;
  }

  private async deliver(row: OutboxRow): Promise<Outcome> {
    const graphqlUrl = this.config.resolveSubgraphUrl(row.destination);
    if (!graphqlUrl) return { kind: 'retry', error: `no address for subgraph ${row.destination}` };
    const notice: Notice = {
      id: row.id,
      topic: row.topic,
      source: row.source,
      destination: row.destination,
      payload: row.payload,
      createdAt: row.created_at.toISOString(),
    };
    try {
      const token = await signServiceToken(notice, this.config.signingKey);
      const response = await fetch(noticesUrl(graphqlUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SERVICE_HEADER]: token },
        body: JSON.stringify(notice),
        signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(this.requestTimeoutMs)]),
      });
      if (response.status === 200) {
        await response.body?.cancel().catch(() => undefined);
        return { kind: 'delivered' };
      }
      const error = await responseError(response);
      const transient = response.status >= 500 || response.status === 408 || response.status === 429 || response.status < 400;
      return transient ? { kind: 'retry', error } : { kind: 'failed', error };
    } catch (error) {
      return { kind: 'retry', error: errorText(error) };
    }
  }
}
