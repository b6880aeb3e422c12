import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { positiveNumberFromEnv, type Bilingual } from '@rehab/server-kit';
import type { DataSource } from 'typeorm';
import type { GatewayContext } from './datasource';

export interface TokenBucketOptions {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Bucket size: the most requests allowed at once after a quiet spell. */
  burst: number;
  /** Keys kept at most; full (idle) buckets are dropped first, then the oldest. */
  maxKeys?: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Seconds until one token is available again (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** One token bucket per key (officer id, IP address), in this process's memory. */
export class TokenBuckets implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly now: () => number = Date.now,
  ) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1))
      throw new Error('A token bucket needs a positive rate and a burst of at least 1');
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  private current(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.options.burst, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    return { tokens: Math.min(this.options.burst, bucket.tokens + elapsed * this.options.ratePerSecond), updatedAt: now };
  }

  private store(key: string, bucket: Bucket): void {
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.prune(bucket.updatedAt);
  }

  /** Over maxKeys: drops full (idle) buckets, then the least recently used, down to 90 %. */
  private prune(now: number): void {
    const target = Math.floor(this.maxKeys * 0.9);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= target) return;
      if (this.current(key, now).tokens >= this.options.burst) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= target) return;
      this.buckets.delete(key);
    }
  }

  /** Takes one token for the key when there is one. */
  take(key: string): TakeResult {
    const now = this.now();
    const bucket = this.current(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.store(key, bucket);
      return { allowed: true, retryAfterSeconds: 0 };
    }
    this.store(key, bucket);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.ratePerSecond)) };
  }

  /** Gives back a token taken for a request that turned out not to count (a successful login). */
  refund(key: string): void {
    const now = this.now();
    const bucket = this.current(key, now);
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + 1);
    this.store(key, bucket);
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** What the limits need of a bucket store: in memory (TokenBuckets) or shared (SharedTokenBuckets). */
export interface RateLimiter {
  /** Takes one token for the key when there is one. */
  take(key: string): TakeResult | Promise<TakeResult>;
  /** Gives back a token taken for a request that turned out not to count (a successful login). */
  refund(key: string): void | Promise<void>;
}

interface BucketRow {
  tokens: number;
  granted: number;
}

/** How often one gateway deletes the buckets of its scope that are full again (idle). */
const PRUNE_INTERVAL_MS = 60_000;
/** Most tokens one take leases from a shared bucket (a tenth of the burst, 1 to 10). */
const MAX_LEASE = 10;
/** Keys whose leased tokens one gateway keeps at most (beyond, the leases are dropped: the limit only tightens). */
const MAX_LEASED_KEYS = 100_000;

/**
 * Token buckets in the identity database (`rate_limit_bucket`), shared by every gateway on
 * it: each take is one atomic `INSERT … ON CONFLICT … DO UPDATE … RETURNING`, so two
 * gateways taking for one officer at once never both spend the last token. A take leases
 * up to a tenth of the burst (at most 10 tokens) and spends the rest in memory, so an
 * officer's burst of requests costs one statement per lease rather than one per request;
 * tokens leased by one gateway are not spent by another (the limit can only be tighter).
 * The scope names the limit and its rate and burst, so gateways configured alike share a
 * bucket and a gateway with other limits keeps its own. Buckets idle long enough to be
 * full again are pruned (a missing bucket is a full one). When the database cannot be
 * reached the limit falls back to this gateway's own memory rather than refusing every request.
 */
export class SharedTokenBuckets implements RateLimiter {
  readonly scope: string;
  private readonly fallback: TokenBuckets;
  private readonly leaseSize: number;
  private readonly leased = new Map<string, number>();
  private readonly leasing = new Map<string, Promise<TakeResult>>();
  private readonly emptyUntil = new Map<string, number>();
  private nextPrune = 0;

  constructor(
    private readonly db: DataSource,
    name: string,
    private readonly options: TokenBucketOptions,
  ) {
    this.fallback = new TokenBuckets(options);
    this.scope = `${name}:${options.ratePerSecond}/s:${options.burst}`.slice(0, 100);
    this.leaseSize = Math.max(1, Math.min(MAX_LEASE, Math.floor(options.burst / 10)));
  }

  async take(key: string): Promise<TakeResult> {
    const emptyFor = (this.emptyUntil.get(key) ?? 0) - Date.now();
    if (emptyFor > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(emptyFor / 1000)) };
    const held = this.leased.get(key) ?? 0;
    if (held >= 1) {
      this.leased.set(key, held - 1);
      return { allowed: true, retryAfterSeconds: 0 };
    }
    const inFlight = this.leasing.get(key);
    if (inFlight) {
      // Another request of this key is leasing: spend from its lease, or lease again.
      await inFlight;
      return this.take(key);
    }
    const lease = this.lease(key);
    this.leasing.set(key, lease);
    try {
      return await lease;
    } finally {
      this.leasing.delete(key);
    }
  }

  private async lease(key: string): Promise<TakeResult> {
    this.pruneNowAndThen();
    let row: BucketRow | undefined;
    try {
      [row] = await this.db.query<BucketRow[]>(
        `INSERT INTO rate_limit_bucket AS b (scope, key, tokens, granted, allowed, updated_at)
         VALUES ($1, $2, $3::double precision - least($5::integer, floor($3::double precision)),
                 least($5::integer, floor($3::double precision)), true, statement_timestamp())
         ON CONFLICT (scope, key) DO UPDATE SET (tokens, granted, allowed, updated_at) = (
           SELECT r.t - g.n, g.n, g.n >= 1, greatest(b.updated_at, statement_timestamp())
             FROM (SELECT least($3::double precision,
                                b.tokens + greatest(0, extract(epoch FROM statement_timestamp() - b.updated_at)::double precision)
                                           * $4::double precision) AS t) r,
                  LATERAL (SELECT CASE WHEN r.t >= 1 THEN least($5::integer, floor(r.t)::integer) ELSE 0 END AS n) g)
         RETURNING tokens, granted`,
        [this.scope, key.slice(0, 200), this.options.burst, this.options.ratePerSecond, this.leaseSize],
      );
    } catch {
      return this.fallback.take(key);
    }
    if (!row) return this.fallback.take(key);
    if (row.granted >= 1) {
      if (row.granted > 1) this.keepLease(key, row.granted - 1);
      return { allowed: true, retryAfterSeconds: 0 };
    }
    const seconds = (1 - row.tokens) / this.options.ratePerSecond;
    // With leases, the bucket is known empty until its next token: refusals meanwhile need no statement.
    if (this.leaseSize > 1) this.remember(this.emptyUntil, key, Date.now() + seconds * 1000);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
  }

  private remember(map: Map<string, number>, key: string, value: number): void {
    if (map.size >= MAX_LEASED_KEYS) map.clear();
    map.set(key, value);
  }

  private keepLease(key: string, tokens: number): void {
    this.remember(this.leased, key, tokens);
  }

  async refund(key: string): Promise<void> {
    this.emptyUntil.delete(key);
    try {
      await this.db.query(
        `UPDATE rate_limit_bucket b
            SET tokens = least($3::double precision, b.tokens + 1
                  + greatest(0, extract(epoch FROM statement_timestamp() - b.updated_at)::double precision) * $4::double precision),
                updated_at = greatest(b.updated_at, statement_timestamp())
          WHERE scope = $1 AND key = $2`,
        [this.scope, key.slice(0, 200), this.options.burst, this.options.ratePerSecond],
      );
    } catch {
      this.fallback.refund(key);
    }
  }

  /** Deletes this scope's buckets that have been idle long enough to be full again. */
  async prune(): Promise<number> {
    const [, count] = await this.db.query<[unknown, number]>(
      `DELETE FROM rate_limit_bucket
        WHERE scope = $1 AND updated_at < statement_timestamp() - make_interval(secs => $2::double precision)`,
      [this.scope, this.options.burst / this.options.ratePerSecond],
    );
    return count;
  }

  private pruneNowAndThen(): void {
    const now = Date.now();
    if (now < this.nextPrune) return;
    this.nextPrune = now + PRUNE_INTERVAL_MS;
    this.prune().catch(() => undefined);
  }
}

export interface RateLimits {
  /** Per officer on /graphql. */
  perUser: TokenBucketOptions;
  /** Per client IP on /auth/login: failed attempts (a successful login gives its token back). */
  loginPerIp: TokenBucketOptions;
}

/**
 * GRAPHQL_RATE_PER_SECOND (30) and GRAPHQL_RATE_BURST (60) per officer;
 * LOGIN_FAILURES_PER_MINUTE (10) per IP, with LOGIN_FAILURES_BURST (same as the rate).
 */
export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimits {
  const loginPerMinute = positiveNumberFromEnv(env, 'LOGIN_FAILURES_PER_MINUTE', 10);
  return {
    perUser: {
      ratePerSecond: positiveNumberFromEnv(env, 'GRAPHQL_RATE_PER_SECOND', 30),
      burst: positiveNumberFromEnv(env, 'GRAPHQL_RATE_BURST', 60),
    },
    loginPerIp: {
      ratePerSecond: loginPerMinute / 60,
      burst: positiveNumberFromEnv(env, 'LOGIN_FAILURES_BURST', loginPerMinute),
    },
  };
}

function tooManyRequestsText(seconds: number): Bilingual {
  return {
    vi: `Quá nhiều yêu cầu, vui lòng thử lại sau ${seconds} giây`,
    en: `Too many requests, please try again in ${seconds} seconds`,
  };
}

/** HTTP 429 with Retry-After and a typed TOO_MANY_REQUESTS error. */
export function tooManyRequests(retryAfterSeconds: number): GraphQLError {
  const text = tooManyRequestsText(retryAfterSeconds);
  return new GraphQLError(text.vi, {
    extensions: {
      code: 'TOO_MANY_REQUESTS',
      i18n: text,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/**
 * Per-officer limit on /graphql. Every request takes a token when it starts (after the
 * caller is verified), invalid ones included; an over-limit request is refused once its
 * operation is known, before planning or any subgraph call, so it changes nothing. (Apollo
 * Server turns an error thrown any earlier in a plugin into a masked 500.) Excess gets
 * HTTP 429, Retry-After and a typed TOO_MANY_REQUESTS error.
 */
export function rateLimitPlugin(buckets: RateLimiter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const { allowed, retryAfterSeconds } = await buckets.take(contextValue.caller.userId);
      if (allowed) return undefined;
      return {
        async didResolveOperation() {
          throw tooManyRequests(retryAfterSeconds);
        },
      };
    },
  };
}

/**
 * Per-IP limit on POST /auth/login against password guessing: each attempt takes a token
 * up front, a successful login gives it back, so only failures count. Put it before the
 * login route. (Behind a reverse proxy, set express's `trust proxy` so req.ip is the client.)
 */
export function loginRateLimit(buckets: RateLimiter): RequestHandler {
  return async (req, res, next) => {
    const key = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const { allowed, retryAfterSeconds } = await buckets.take(key);
    if (!allowed) {
      const text: Bilingual = {
        vi: `Quá nhiều lần đăng nhập không thành công từ địa chỉ này, vui lòng thử lại sau ${retryAfterSeconds} giây`,
        en: `Too many failed logins from this address, please try again in ${retryAfterSeconds} seconds`,
      };
      res.setHeader('Retry-After', String(retryAfterSeconds));
      res.status(429).json({ code: 'TOO_MANY_REQUESTS', message: text.vi, messageEn: text.en });
      return;
    }
    // A successful answer leaves only after its token is back, so the client's next attempt
    // (perhaps at another gateway sharing the bucket) sees it.
    const send = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 400) return send(body);
      void Promise.resolve()
        .then(() => buckets.refund(key))
        .catch(() => undefined)
        .finally(() => send(body));
      return res;
    };
    next();
  };
}
