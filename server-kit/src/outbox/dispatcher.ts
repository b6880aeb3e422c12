import type { KeyObject } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent';
import type { SubgraphName } from '@rehab/shared-schema';
import { ENQUEUED_FLAG, type Notice } from './notice';
import { SERVICE_HEADER, signServiceToken } from './service-token';
import { noticesUrl } from './subgraph-urls';

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
}

export interface OutboxDispatcherConfig extends OutboxOptions {
  source: SubgraphName;
  /** This subgraph's own notice signing key (Ed25519 private). */
  signingKey: KeyObject;
  /** The destination's GraphQL URL; notices go to /notices on the same origin. */
  resolveSubgraphUrl: (name: SubgraphName) => string | undefined;
}

/** Outcome of one delivery attempt. */
type Outcome = { kind: 'delivered' } | { kind: 'retry'; error: string } | { kind: 'failed'; error: string };

interface OutboxRow {
  id: string;
  topic: string;
  source: SubgraphName;
  destination: SubgraphName;
  payload: unknown;
  created_at: Date;
  attempts: number;
}

/** One advisory lock key for all dispatchers of a database: one round at a time keeps the order. */
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
 * Delivers the outbox of one subgraph's database: polls undelivered, due notices
 * (FOR UPDATE SKIP LOCKED, in batches), posts them in creation order per destination,
 * marks delivered_at on 200; on 5xx or network errors counts the attempt and backs off
 * (later notices to that destination wait, so the order holds); on 4xx marks the notice
 * failed with the error (an operations worklist shows it), never retried.
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
   * One round: takes due notices in one transaction and delivers them. Returns how many
   * were settled (delivered or failed for good).
   */
  async dispatchOnce(): Promise<number> {
    if (!this.db.isInitialized) return 0;
    const client = await this.pool().connect();
    try {
      await client.query('BEGIN');
      try {
        const settled = await this.round(client);
        await client.query('COMMIT');
        return settled;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  }

  private async round(client: PoolClient): Promise<number> {
    const {
      rows: [lock],
    } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [DISPATCH_LOCK]);
    if (!lock?.locked) return 0;
    // A notice is due when its time has come and no earlier notice to the same destination waits for a retry.
    const { rows } = await client.query<OutboxRow>(
      `SELECT o.id, o.topic, o.source, o.destination, o.payload, o.created_at, o.attempts
         FROM outbox_notice o
        WHERE o.delivered_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= now()
          AND NOT EXISTS (SELECT 1 FROM outbox_notice e
                           WHERE e.destination = o.destination AND e.seq < o.seq
                             AND e.delivered_at IS NULL AND e.failed_at IS NULL AND e.next_attempt_at > now())
        ORDER BY o.seq LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
      [this.batchSize],
    );
    const blocked = new Set<SubgraphName>();
    let settled = 0;
    for (const row of rows) {
      if (blocked.has(row.destination)) continue;
      if (!this.running && this.loop) break;
      const outcome = await this.deliver(row);
      if (outcome.kind === 'delivered') {
        await client.query(
          'UPDATE outbox_notice SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1',
          [row.id],
        );
        settled += 1;
      } else if (outcome.kind === 'failed') {
        await client.query('UPDATE outbox_notice SET failed_at = now(), attempts = attempts + 1, last_error = $2 WHERE id = $1', [
          row.id,
          outcome.error,
        ]);
        settled += 1;
      } else {
        const delay = backoffMs(row.attempts + 1, this.initialBackoffMs, this.maxBackoffMs);
        await client.query(
          `UPDATE outbox_notice SET attempts = attempts + 1, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => $3::double precision / 1000) WHERE id = $1`,
          [row.id, outcome.error.slice(0, 2000), delay],
        );
        blocked.add(row.destination);
      }
    }
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
