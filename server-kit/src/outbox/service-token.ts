import { createHash, type KeyObject } from 'node:crypto';
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import type { SubgraphName } from '@rehab/shared-schema';
import { canonicalJson } from '../context-token';
import { isSubgraphName, type Notice } from './notice';

/** Header carrying the sender's service token on POST /notices. */
export const SERVICE_HEADER = 'x-rehab-service';
const ISSUER = 'rehab-outbox';
const TTL_SECONDS = 60;
const ALGORITHM = 'EdDSA';

export const noticeAudience = (destination: SubgraphName): string => `notices:${destination}`;

/** SHA-256 (base64url) of the notice as sent: the claim `nh` binds the token to its content. */
export function noticeHash(notice: Notice): string {
  return createHash('sha256').update(canonicalJson(notice)).digest('base64url');
}

/**
 * Signs one notice delivery with the SENDER's own Ed25519 private key: audience
 * notices:<destination>, subject the sending subgraph, the notice id and content hash as
 * claims, 60 s expiry. A receiver verifies it with that sender's public key only, so no
 * subgraph can sign for another.
 */
export async function signServiceToken(notice: Notice, privateKey: KeyObject): Promise<string> {
  return new SignJWT({ nid: notice.id, nh: noticeHash(notice) })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setAudience(noticeAudience(notice.destination))
    .setSubject(notice.source)
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(privateKey);
}

export interface ServiceClaims {
  source: SubgraphName;
  noticeId: string;
  noticeHash: string;
}

/**
 * Verifies a service token addressed to `destination` with the public key of the sender
 * it names (subject); throws on anything wrong.
 */
export async function verifyServiceToken(
  token: string,
  destination: SubgraphName,
  senderKeys: Readonly<Partial<Record<SubgraphName, KeyObject>>>,
): Promise<ServiceClaims> {
  const claimed = decodeJwt(token).sub;
  const key = isSubgraphName(claimed) ? senderKeys[claimed] : undefined;
  if (!key) throw new Error('service token from an unknown sender');
  const { payload } = await jwtVerify(token, key, {
    issuer: ISSUER,
    audience: noticeAudience(destination),
    algorithms: [ALGORITHM],
  });
  if (
    !isSubgraphName(payload.sub) ||
    payload.sub !== claimed ||
    typeof payload.nid !== 'string' ||
    typeof payload.nh !== 'string'
  ) {
    throw new Error('service token claims malformed');
  }
  return { source: payload.sub, noticeId: payload.nid, noticeHash: payload.nh };
}
