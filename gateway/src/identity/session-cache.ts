import type { Client, ClientConfig, Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** The channel the identity database's triggers notify with the id of a session that changed. */
export const SESSION_CHANNEL = 'officer_session_changed';

/** How long an open session is taken as open without asking the database again. */
const DEFAULT_TTL_MS = 10_000;
/** Sessions kept at most (beyond, the cache starts afresh). */
const MAX_ENTRIES = 50_000;
/** Wait before listening again after the connection was lost. */
const RECONNECT_MS = 1_000;

interface Entry {
  sessionExpiresAt: number;
  checkedUntil: number;
}

const caches = new WeakMap<DataSource, Set<SessionCache>>();

/** Tells this process's caches of an identity database that a session changed (before its notice arrives). */
export function sessionChanged(db: DataSource, sessionId: string): void {
  for (const cache of caches.get(db) ?? []) cache.invalidate(sessionId);
}

/**
 * Open sessions without break-the-glass grants, as the identity database last said, for
 * a few seconds: an officer's page sends several requests at once, and each would
 * otherwise ask the database. A session that is revoked, refreshed or expired, or gains a
 * grant, leaves the cache at once in this process (sessionChanged) and, in every gateway
 * on the database, when the database's trigger notifies SESSION_CHANNEL. Until this
 * gateway listens (and whenever the connection is lost) nothing is cached. Sessions with
 * grants are never cached: their grants are read on every request.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private client: Client | undefined;
  private listening = false;
  private closed = false;
  private started = false;
  /** Bumped by every change heard: a database answer older than a change is not kept. */
  private generation = 0;

  constructor(
    private readonly db: DataSource,
    private readonly ttlMs: number = DEFAULT_TTL_MS,
  ) {
    const set = caches.get(db) ?? new Set();
    set.add(this);
    caches.set(db, set);
  }

  /** Whether a session is known open now; undefined when the database must be asked. */
  isOpen(sessionId: string, now: number = Date.now()): boolean | undefined {
    this.listen();
    if (!this.listening) return undefined;
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (now >= entry.checkedUntil || now >= entry.sessionExpiresAt) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return true;
  }

  /** The generation to hand back to remember(): answers read across a change are not kept. */
  get current(): number {
    return this.generation;
  }

  /** Keeps an open session without grants, as read by a statement begun at `generation`. */
  remember(sessionId: string, sessionExpiresAt: Date, generation: number, now: number = Date.now()): void {
    if (!this.listening || generation !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(sessionId, { sessionExpiresAt: sessionExpiresAt.getTime(), checkedUntil: now + this.ttlMs });
  }

  invalidate(sessionId: string): void {
    this.generation++;
    this.entries.delete(sessionId);
  }

  private forgetAll(): void {
    this.generation++;
    this.entries.clear();
    this.listening = false;
  }

  /** Starts listening (once, on the first request; again after a lost connection). */
  private listen(): void {
    if (this.started || this.closed || !this.db.isInitialized || this.db.driver.options.type !== 'postgres') return;
    this.started = true;
    // A connection of its own, made as the pool makes its connections (pg-pool keeps its Client class).
    const pool = (this.db.driver as unknown as { master: Pool & { Client: new (config: ClientConfig) => Client } }).master;
    const client = new pool.Client(pool.options);
    this.client = client;
    const lost = (): void => {
      if (this.client !== client) return;
      this.forgetAll();
      this.client = undefined;
      client.end().catch(() => undefined);
      if (this.closed) return;
      setTimeout(() => {
        this.started = false;
        this.listen();
      }, RECONNECT_MS).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === SESSION_CHANNEL && message.payload) this.invalidate(message.payload);
    });
    client
      .connect()
      .then(() => {
        // The connection must not keep a process alive that has finished its work.
        (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        return client.query(`LISTEN ${SESSION_CHANNEL}`);
      })
      .then(() => {
        if (this.client === client) this.listening = true;
      })
      .catch(lost);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.forgetAll();
    caches.get(this.db)?.delete(this);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
