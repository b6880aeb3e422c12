import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import { isAgency, isRole, type BreakGlassGrant, type Caller } from '@rehab/shared-schema';
import { JwtError, signEd25519Jwt, verifyEd25519Jwt } from './ed25519-jwt';

/** Header carrying the gateway-signed caller context to a subgraph. */
export const CONTEXT_HEADER = 'x-rehab-context';
const ISSUER = 'rehab-gateway';
const DEFAULT_TTL_SECONDS = 60;

/** The GraphQL request a context is bound to (the body the gateway sends to the subgraph). */
export interface BoundRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

const isScalar = (v: unknown): boolean => v === null || v === undefined || typeof v !== 'object';

/** JSON with object keys sorted, so the same value hashes the same after a JSON round trip. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    // A list without objects is already canonical: one native call instead of one per item
    // (indicator values carry lists of tens of thousands of person keys).
    if (value.every(isScalar)) return JSON.stringify(value.map((v: unknown) => v ?? null));
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Characters JSON.stringify may escape: quotes, backslashes, control characters and lone
 * surrogates (a few more control characters than it escapes: those only take the slow path).
 */
const NEEDS_ESCAPE = /["\\\p{Cc}\p{Cs}]/u;
/** Strings at least this long go to the hash as they are, not copied into the text around them. */
const LONG_STRING = 4096;

/**
 * Feeds the hash exactly the bytes of canonicalJson(value) without building that text: an
 * indicator list's variables carry megabytes of people's keys, which would otherwise be
 * escaped, concatenated and flattened once more only to be hashed.
 */
class CanonicalHasher {
  private readonly hash = createHash('sha256');
  private pending = '';

  write(value: unknown): void {
    if (Array.isArray(value)) {
      this.pending += '[';
      for (let i = 0; i < value.length; i++) {
        if (i > 0) this.pending += ',';
        this.write((value[i] as unknown) ?? null);
      }
      this.pending += ']';
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      this.pending += '{';
      entries.forEach(([k, v], i) => {
        this.pending += `${i > 0 ? ',' : ''}${JSON.stringify(k)}:`;
        this.write(v);
      });
      this.pending += '}';
    } else if (typeof value === 'string' && value.length >= LONG_STRING && !NEEDS_ESCAPE.test(value)) {
      this.hash.update(`${this.pending}"`);
      this.hash.update(value);
      this.pending = '"';
    } else {
      this.pending += JSON.stringify(value ?? null);
    }
  }

  digest(): string {
    return this.hash.update(this.pending).digest('base64url');
  }
}

/** SHA-256 (base64url) of the canonical JSON of query, variables and operation name: the claim `rqh`. */
export function requestHash(request: BoundRequest): string {
  const hasher = new CanonicalHasher();
  hasher.write([request.query ?? null, request.variables ?? null, request.operationName ?? null]);
  return hasher.digest();
}

/**
 * Signs the caller for one subgraph (audience) and one request (hash of query, variables
 * and operation name) for a short time, with the gateway's Ed25519 PRIVATE key; a unique
 * id (jti) lets the subgraph refuse a second use.
 */
export async function signCallerContext(
  caller: Caller,
  audience: string,
  privateKey: KeyObject,
  request: BoundRequest,
  ttlSeconds = DEFAULT_TTL_SECONDS,
): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  return signEd25519Jwt(
    {
      ...caller,
      rqh: requestHash(request),
      iss: ISSUER,
      aud: audience,
      sub: caller.userId,
      jti: randomUUID(),
      iat: issuedAt,
      exp: issuedAt + ttlSeconds,
    },
    privateKey,
  );
}

export class ContextTokenError extends Error {}

function str(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new ContextTokenError(`claim ${name} missing`);
  return value;
}

/** Most break-the-glass grants a context may carry (the gateway caps active grants lower). */
export const MAX_CONTEXT_GRANTS = 20;

function grant(value: unknown): BreakGlassGrant {
  if (typeof value !== 'object' || value === null) throw new ContextTokenError('grant malformed');
  const g = value as Record<string, unknown>;
  const expiresAt = str(g.expiresAt, 'grants.expiresAt');
  if (Number.isNaN(Date.parse(expiresAt))) throw new ContextTokenError('grant expiry malformed');
  return {
    grantId: str(g.grantId, 'grants.grantId'),
    unitPath: str(g.unitPath, 'grants.unitPath'),
    reason: str(g.reason, 'grants.reason'),
    expiresAt,
  };
}

/** The signed break-the-glass grants, when the claim is present. */
function grants(value: unknown): { grants?: BreakGlassGrant[] } {
  if (value === undefined) return {};
  if (!Array.isArray(value) || value.length > MAX_CONTEXT_GRANTS) throw new ContextTokenError('grants malformed');
  return value.length > 0 ? { grants: value.map(grant) } : {};
}

/** A verified context: the caller, and what binds it to one request and one use. */
export interface VerifiedContext {
  caller: Caller;
  /** Hash of the request it was signed for (compare with requestHash of the body). */
  requestHash: string;
  /** Unique id, for the replay record. */
  tokenId: string;
  /** Expiry, epoch seconds. */
  expiresAt: number;
}

/** Verifies signature (the gateway's public key), issuer, audience and expiry; returns the caller and its binding. */
export async function verifyCallerContext(token: string, audience: string, publicKey: KeyObject): Promise<VerifiedContext> {
  try {
    const payload = verifyEd25519Jwt(token, publicKey, { issuer: ISSUER, audience, requiredClaims: ['jti'] });
    const agency = str(payload.agency, 'agency');
    const role = str(payload.role, 'role');
    if (!isAgency(agency) || !isRole(role)) throw new ContextTokenError('unknown agency or role');
    return {
      requestHash: str(payload.rqh, 'rqh'),
      tokenId: str(payload.jti, 'jti'),
      expiresAt: Number(payload.exp),
      caller: callerOf(payload, agency, role),
    };
  } catch (error) {
    if (error instanceof ContextTokenError) throw error;
    if (error instanceof JwtError) throw new ContextTokenError(error.code);
    throw error;
  }
}

function callerOf(payload: Record<string, unknown>, agency: Caller['agency'], role: Caller['role']): Caller {
  return {
    userId: str(payload.userId, 'userId'),
    username: str(payload.username, 'username'),
    agency,
    role,
    unitCode: str(payload.unitCode, 'unitCode'),
    unitPath: str(payload.unitPath, 'unitPath'),
    purpose: str(payload.purpose, 'purpose'),
    requestId: str(payload.requestId, 'requestId'),
    ...grants(payload.grants),
  };
}

/**
 * Ids of contexts already used, kept until they expire. In memory: one subgraph process
 * sees every request signed for its audience when each subgraph runs as one instance (npm
 * start, docker-compose). Several instances behind a balancer would each keep their own
 * record; then a replay to another instance within the 60 s lifetime would still need the
 * same query, variables and operation name (the signed request hash). Full (more than
 * maxEntries live ids) means fail closed: the context is refused.
 */
export class ReplayRecord {
  private readonly seen = new Map<string, number>();
  private inserts = 0;

  constructor(
    private readonly maxEntries = 500_000,
    private readonly now: () => number = () => Date.now() / 1000,
  ) {}

  /** Records the id; false when it was seen before (a replay) or the record is full. */
  firstUse(tokenId: string, expiresAt: number): boolean {
    const now = this.now();
    if (this.seen.has(tokenId)) return false;
    if (this.seen.size >= this.maxEntries) this.prune(now);
    if (this.seen.size >= this.maxEntries) return false;
    this.seen.set(tokenId, expiresAt);
    if (++this.inserts % 10_000 === 0) this.prune(now);
    return true;
  }

  /** Drops ids whose context has expired (insertion order is roughly expiry order). */
  prune(now: number = this.now()): void {
    for (const [id, expiresAt] of this.seen) {
      if (expiresAt >= now) continue;
      this.seen.delete(id);
    }
  }

  get size(): number {
    return this.seen.size;
  }
}
