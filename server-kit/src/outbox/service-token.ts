import { SignJWT, jwtVerify } from 'jose';
import type { SubgraphName } from '@rehab/shared-schema';
import { isSubgraphName } from './notice';

/** Header carrying the sender's service token on POST /notices. */
export const SERVICE_HEADER = 'x-rehab-service';
const ISSUER = 'rehab-outbox';
const TTL_SECONDS = 60;

export const noticeAudience = (destination: SubgraphName): string => `notices:${destination}`;

function key(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('Context secret must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

/**
 * Signs one notice delivery (HS256, shared context secret): audience notices:<destination>,
 * subject the sending subgraph, the notice id as a claim, 60 s expiry.
 */
export async function signServiceToken(source: SubgraphName, destination: SubgraphName, noticeId: string, secret: string): Promise<string> {
  return new SignJWT({ nid: noticeId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(noticeAudience(destination))
    .setSubject(source)
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(key(secret));
}

export interface ServiceClaims {
  source: SubgraphName;
  noticeId: string;
}

/** Verifies a service token addressed to `destination`; throws on anything wrong. */
export async function verifyServiceToken(token: string, destination: SubgraphName, secret: string): Promise<ServiceClaims> {
  const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: noticeAudience(destination), algorithms: ['HS256'] });
  if (!isSubgraphName(payload.sub) || typeof payload.nid !== 'string') throw new Error('service token claims malformed');
  return { source: payload.sub, noticeId: payload.nid };
}
