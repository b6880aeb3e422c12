import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque refresh tokens: "<session id>.<32 random bytes, base64url>". Only the SHA-256
 * of the random part is stored (in officer_session), so a database leak yields no
 * usable token; the session id lets the gateway find the session in one lookup.
 */
export interface ParsedRefreshToken {
  sessionId: string;
  hash: string;
}

const FORMAT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export function hashRefreshSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new refresh token for the session, and the hash to store. */
export function newRefreshToken(sessionId: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${sessionId}.${secret}`, hash: hashRefreshSecret(secret) };
}

export function parseRefreshToken(token: unknown): ParsedRefreshToken | null {
  if (typeof token !== 'string') return null;
  const match = FORMAT.exec(token);
  if (!match) return null;
  return { sessionId: match[1] as string, hash: hashRefreshSecret(match[2] as string) };
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string | null, b: string): boolean {
  if (a?.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
