import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { isAgency, isRole, type Agency, type Role } from '@rehab/shared-schema';

const ISSUER = 'rehab-gateway';
const AUDIENCE = 'rehab-portal';

export interface AccessClaims {
  accountId: string;
  sessionId: string;
  username: string;
  agency: Agency;
  role: Role;
  unitCode: string;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signAccessToken(
  claims: AccessClaims,
  secret: string,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({
    sid: claims.sessionId,
    username: claims.username,
    agency: claims.agency,
    role: claims.role,
    unit: claims.unitCode,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.accountId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(secret));
  return { token, expiresAt };
}

/** The claims of a valid, unexpired access token; null for anything else. */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const { sub, sid, username, agency, role, unit } = payload;
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof username !== 'string' || typeof unit !== 'string')
      return null;
    if (typeof agency !== 'string' || !isAgency(agency) || typeof role !== 'string' || !isRole(role)) return null;
    return { accountId: sub, sessionId: sid, username, agency, role, unitCode: unit };
  } catch {
    return null;
  }
}
