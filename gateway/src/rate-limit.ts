import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { positiveNumberFromEnv, type Bilingual } from '@rehab/server-kit';
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

/** One token bucket per key (officer id, IP address), in memory. */
export class TokenBuckets {
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
export function rateLimitPlugin(buckets: TokenBuckets): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const { allowed, retryAfterSeconds } = buckets.take(contextValue.caller.userId);
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
export function loginRateLimit(buckets: TokenBuckets): RequestHandler {
  return (req, res, next) => {
    const key = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const { allowed, retryAfterSeconds } = buckets.take(key);
    if (!allowed) {
      const text: Bilingual = {
        vi: `Quá nhiều lần đăng nhập không thành công từ địa chỉ này, vui lòng thử lại sau ${retryAfterSeconds} giây`,
        en: `Too many failed logins from this address, please try again in ${retryAfterSeconds} seconds`,
      };
      res.setHeader('Retry-After', String(retryAfterSeconds));
      res.status(429).json({ code: 'TOO_MANY_REQUESTS', message: text.vi, messageEn: text.en });
      return;
    }
    res.on('finish', () => {
      if (res.statusCode < 400) buckets.refund(key);
    });
    next();
  };
}
