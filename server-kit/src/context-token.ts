import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { isAgency, isRole, type BreakGlassGrant, type Caller } from '@rehab/shared-schema';

/** Header carrying the gateway-signed caller context to a subgraph. */
export const CONTEXT_HEADER = 'x-rehab-context';
const ISSUER = 'rehab-gateway';
const DEFAULT_TTL_SECONDS = 60;

function key(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('Context secret must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

/** Signs the caller for one subgraph (audience) for a short time. */
export async function signCallerContext(caller: Caller, audience: string, secret: string,
  ttlSeconds = DEFAULT_TTL_SECONDS): Promise<string> {
  return new SignJWT({ ...caller })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject(caller.userId)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
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
  return { grantId: str(g.grantId, 'grants.grantId'), unitPath: str(g.unitPath, 'grants.unitPath'), reason: str(g.reason, 'grants.reason'), expiresAt };
}

/** The signed break-the-glass grants, when the claim is present. */
function grants(value: unknown): { grants?: BreakGlassGrant[] } {
  if (value === undefined) return {};
  if (!Array.isArray(value) || value.length > MAX_CONTEXT_GRANTS) throw new ContextTokenError('grants malformed');
  return value.length > 0 ? { grants: value.map(grant) } : {};
}

/** Verifies signature, issuer, audience and expiry; returns the caller. */
export async function verifyCallerContext(token: string, audience: string, secret: string): Promise<Caller> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience, algorithms: ['HS256'] });
    const agency = str(payload.agency, 'agency');
    const role = str(payload.role, 'role');
    if (!isAgency(agency) || !isRole(role)) throw new ContextTokenError('unknown agency or role');
    return {
      userId: str(payload.userId, 'userId'), username: str(payload.username, 'username'), agency, role,
      unitCode: str(payload.unitCode, 'unitCode'), unitPath: str(payload.unitPath, 'unitPath'),
      purpose: str(payload.purpose, 'purpose'), requestId: str(payload.requestId, 'requestId'),
      ...grants(payload.grants),
    };
  } catch (error) {
    if (error instanceof ContextTokenError) throw error;
    if (error instanceof joseErrors.JOSEError) throw new ContextTokenError(error.code);
    throw error;
  }
}
