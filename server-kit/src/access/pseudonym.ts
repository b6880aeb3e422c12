import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { isUuid, type Caller, type Role } from '@rehab/shared-schema';

/** Roles that see pseudonymous person ids (and sealed cursors) instead of real ones. */
export const PSEUDONYMOUS_ROLES: readonly Role[] = ['analyst'];

export function seesPseudonyms(caller: Pick<Caller, 'role'>): boolean {
  return PSEUDONYMOUS_ROLES.includes(caller.role);
}

const KEY_SALT = 'rehab-pseudonyms';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A value that is not a pseudonym (or sealed cursor) made with this secret. */
export class PseudonymError extends Error {}

function uuidBytes(uuid: string): Buffer {
  if (!isUuid(uuid)) throw new PseudonymError('not a UUID');
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function uuidString(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Reversible pseudonyms for person ids, shared by every subgraph so federation keeps
 * working: AES-256 of the UUID's 16 bytes as one block (a keyed pseudorandom
 * permutation, deterministic on purpose so a person keeps one pseudonym across
 * requests and subgraphs), written back as a UUID so id validation still passes.
 * Cursors, which carry real ids and names, are sealed with AES-256-GCM instead.
 * Both keys are derived (HKDF-SHA256) from PSEUDONYM_SECRET, which only the subgraphs hold.
 */
export class PersonPseudonyms {
  private readonly idKey: Buffer;
  private readonly cursorKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('Pseudonym secret must be at least 32 characters');
    this.idKey = Buffer.from(hkdfSync('sha256', secret, KEY_SALT, 'person-id/aes-256-block/v1', 32));
    this.cursorKey = Buffer.from(hkdfSync('sha256', secret, KEY_SALT, 'cursor/aes-256-gcm/v1', 32));
  }

  private block(bytes: Buffer, encrypt: boolean): Buffer {
    const cipher = encrypt ? createCipheriv('aes-256-ecb', this.idKey, null) : createDecipheriv('aes-256-ecb', this.idKey, null);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(bytes), cipher.final()]);
  }

  /** The pseudonym of a real person id (a UUID). */
  pseudonymOf(personId: string): string {
    return uuidString(this.block(uuidBytes(personId), true));
  }

  /** The real person id behind a pseudonym; PseudonymError when it is not UUID-shaped. */
  personIdOf(pseudonym: string): string {
    return uuidString(this.block(uuidBytes(pseudonym), false));
  }

  /** An opaque, authenticated form of a pagination cursor. */
  sealCursor(cursor: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.cursorKey, iv);
    const body = Buffer.concat([cipher.update(cursor, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The cursor inside a sealed one; PseudonymError when it was not sealed with this secret. */
  openCursor(sealed: string): string {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) throw new PseudonymError('sealed cursor too short');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.cursorKey, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new PseudonymError('sealed cursor does not authenticate');
    }
  }
}
