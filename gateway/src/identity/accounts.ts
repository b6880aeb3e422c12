import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { domainError, type Bilingual } from '@rehab/server-kit';
import { unitByCode, type BreakGlassGrant } from '@rehab/shared-schema';
import { BreakGlassService } from './break-glass';
import { HashQueue, HashQueueFull, hashQueueOptionsFromEnv, type HashQueueOptions } from './hash-queue';
import { recordSecurityEvent, type SecurityEventInput } from './security-events';
import { OfficerAccount, OfficerSession } from './entities';
import { hashPassword, verifyPassword } from './passwords';
import { newRefreshToken, parseRefreshToken, sameHash } from './refresh-tokens';
import { signAccessToken, verifyAccessToken, type AccessClaims } from './tokens';
import { SessionCache, sessionChanged } from './session-cache';

export const MAX_FAILED_ATTEMPTS = 5;
const LOCK_MINUTES = 15;

export interface IdentityConfig {
  accessTokenSecret: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
  /** Bounds of the password-hashing queue (default hashQueueOptionsFromEnv()). */
  hashQueue?: HashQueueOptions;
}

/** Who is asking: the client address (express req.ip, per TRUST_PROXY). */
export interface ClientInfo {
  ip: string;
}

const UNKNOWN_CLIENT: ClientInfo = { ip: 'unknown' };

export interface LoginResult {
  accessToken: string;
  expiresAt: string;
  /** Opaque; exchange it at POST /auth/refresh for new tokens. Single use: each exchange rotates it. */
  refreshToken: string;
  /** When the session ends; no refresh extends it. */
  refreshExpiresAt: string;
  officer: { username: string; displayName: string; agency: string; role: string; unitCode: string; unitName: string };
}

export class LoginError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly status: number,
  ) {
    super(text.en);
  }
}

const BAD_CREDENTIALS: Bilingual = { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' };
const LOCKED: Bilingual = {
  vi: `Tài khoản tạm khóa do nhập sai mật khẩu quá ${MAX_FAILED_ATTEMPTS} lần; thử lại sau ${LOCK_MINUTES} phút`,
  en: `Account locked after ${MAX_FAILED_ATTEMPTS} failed attempts; try again in ${LOCK_MINUTES} minutes`,
};
const BUSY: Bilingual = {
  vi: 'Máy chủ đang xử lý quá nhiều lần đăng nhập; vui lòng thử lại sau ít giây',
  en: 'The server is handling too many logins; please try again in a few seconds',
};
const INVALID_REFRESH: Bilingual = {
  vi: 'Mã làm mới phiên không hợp lệ hoặc phiên đã kết thúc; vui lòng đăng nhập lại',
  en: 'The refresh token is invalid or the session has ended; please log in again',
};
const REFRESH_REUSED: Bilingual = {
  vi: 'Mã làm mới phiên đã được dùng trước đó nên phiên bị thu hồi để bảo vệ tài khoản; vui lòng đăng nhập lại',
  en: 'The refresh token had already been used, so the session has been revoked to protect the account; please log in again',
};

/** A valid access token's claims and the session's active break-the-glass grants. */
export interface AuthenticatedRequest {
  claims: AccessClaims;
  grants: BreakGlassGrant[];
}

interface GrantJson {
  grantId: string;
  unitPath: string;
  reason: string;
  expiresAt: string;
}

/** Officer login, sessions and token checks, on the gateway's identity database. */
export class IdentityService {
  // Unknown usernames cost one scrypt too, so timing does not reveal which accounts exist.
  private dummyHash: Promise<string> | undefined;

  readonly breakGlass: BreakGlassService;
  private readonly hashes: HashQueue;
  private readonly sessions: SessionCache;

  constructor(
    private readonly db: DataSource,
    private readonly config: IdentityConfig,
  ) {
    this.breakGlass = new BreakGlassService(db);
    this.hashes = new HashQueue(config.hashQueue ?? hashQueueOptionsFromEnv());
    this.sessions = new SessionCache(db);
  }

  /** Stops listening for session changes (the gateway's stop). */
  async close(): Promise<void> {
    await this.sessions.close();
  }

  /** The identity database (security events are read from it). */
  get database(): DataSource {
    return this.db;
  }

  /** Appends a security event; a failure to record it is not the caller's failure. */
  private async event(input: SecurityEventInput): Promise<void> {
    await recordSecurityEvent(this.db, input).catch(() => undefined);
  }

  /** A password check in the bounded, per-client fair queue (unauthenticated work). */
  private async checkPassword(client: ClientInfo, password: string, stored: string, unknownAccount = false): Promise<boolean> {
    try {
      return await this.hashes.run(client.ip, () => verifyPassword(password, stored), unknownAccount);
    } catch (error) {
      if (error instanceof HashQueueFull) throw new LoginError(BUSY, error.scope === 'client' ? 429 : 503);
      throw error;
    }
  }

  /**
   * Counts a failure atomically (UPDATE … RETURNING, so concurrent failures all count);
   * the count starts again after a lock has run out. Returns whether the account is now locked.
   */
  private async countFailure(accountId: string): Promise<{ failedAttempts: number; locked: boolean }> {
    const rows = await this.db.query<[{ failed_attempts: number; locked: boolean | null }[], number]>(
      `UPDATE officer_account SET
         failed_attempts = CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_attempts + 1 END,
         locked_until = CASE
           WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1 ELSE failed_attempts + 1 END) >= $2
             THEN GREATEST(COALESCE(locked_until, now()), now() + make_interval(mins => $3))
           WHEN locked_until IS NOT NULL AND locked_until <= now() THEN NULL
           ELSE locked_until END
       WHERE id = $1 RETURNING failed_attempts, locked_until > now() AS locked`,
      [accountId, MAX_FAILED_ATTEMPTS, LOCK_MINUTES],
    );
    const row = rows[0][0];
    return { failedAttempts: row?.failed_attempts ?? 0, locked: row?.locked === true };
  }

  async login(username: string, password: string, client: ClientInfo = UNKNOWN_CLIENT): Promise<LoginResult> {
    const accounts = this.db.getRepository(OfficerAccount);
    const account = await accounts.findOneBy({ username });
    if (!account?.active) {
      this.dummyHash ??= hashPassword('not-an-account');
      await this.checkPassword(client, password, await this.dummyHash, true);
      await this.event({
        kind: 'LOGIN_FAILED',
        username,
        accountId: account?.id ?? null,
        unitCode: account?.unitCode ?? null,
        ip: client.ip,
        detail: { reason: account ? 'inactive' : 'unknown-account' },
      });
      throw new LoginError(BAD_CREDENTIALS, 401);
    }
    const who = { username, accountId: account.id, unitCode: account.unitCode, ip: client.ip };
    if (account.lockedUntil && account.lockedUntil > new Date()) {
      await this.event({ ...who, kind: 'LOGIN_FAILED', detail: { reason: 'locked' } });
      throw new LoginError(LOCKED, 423);
    }
    if (!(await this.checkPassword(client, password, account.passwordHash))) {
      const { failedAttempts, locked } = await this.countFailure(account.id);
      await this.event({ ...who, kind: 'LOGIN_FAILED', detail: { reason: 'wrong-password', failedAttempts } });
      if (locked && failedAttempts === MAX_FAILED_ATTEMPTS)
        await this.event({ ...who, kind: 'LOCKOUT', detail: { minutes: LOCK_MINUTES } });
      throw new LoginError(locked ? LOCKED : BAD_CREDENTIALS, locked ? 423 : 401);
    }
    // The lock may have been set while the password was checked.
    const cleared = await this.db.query<[unknown[], number]>(
      `UPDATE officer_account SET failed_attempts = 0, locked_until = NULL
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now()) RETURNING id`,
      [account.id],
    );
    if (cleared[0].length === 0) {
      await this.event({ ...who, kind: 'LOGIN_FAILED', detail: { reason: 'locked' } });
      throw new LoginError(LOCKED, 423);
    }
    const id = randomUUID();
    const refresh = newRefreshToken(id);
    const session = await this.db.getRepository(OfficerSession).save({
      id,
      accountId: account.id,
      expiresAt: new Date(Date.now() + this.config.sessionTtlSeconds * 1000),
      revokedAt: null,
      revokedReason: null,
      refreshTokenHash: refresh.hash,
      rotatedRefreshHashes: [],
      refreshedAt: null,
    });
    await this.event({ ...who, kind: 'LOGIN', sessionId: session.id });
    return this.issue(account, session, refresh.token);
  }

  /** A new access token for the session, with the account's current role and unit. */
  private async issue(account: OfficerAccount, session: OfficerSession, refreshToken: string): Promise<LoginResult> {
    const { token, expiresAt } = await signAccessToken(
      {
        accountId: account.id,
        sessionId: session.id,
        username: account.username,
        agency: account.agency,
        role: account.role,
        unitCode: account.unitCode,
      },
      this.config.accessTokenSecret,
      this.config.accessTokenTtlSeconds,
    );
    return {
      accessToken: token,
      expiresAt: expiresAt.toISOString(),
      refreshToken,
      refreshExpiresAt: session.expiresAt.toISOString(),
      officer: {
        username: account.username,
        displayName: account.displayName,
        agency: account.agency,
        role: account.role,
        unitCode: account.unitCode,
        unitName: unitByCode(account.unitCode)?.name ?? account.unitCode,
      },
    };
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token (the old
   * one is spent). A spent token presented again means it was copied: the session is
   * revoked, so neither the thief nor the officer can go on with it.
   */
  async refresh(token: unknown, client: ClientInfo = UNKNOWN_CLIENT): Promise<LoginResult> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw new LoginError(INVALID_REFRESH, 401);
    const session = await this.db.getRepository(OfficerSession).findOneBy({ id: parsed.sessionId });
    if (!session) throw new LoginError(INVALID_REFRESH, 401);
    if (session.rotatedRefreshHashes.some((h) => sameHash(h, parsed.hash))) {
      await this.revoke(session.id, 'refresh-reuse');
      await this.sessionEvent('REFRESH_REUSE', session, client);
      throw new LoginError(REFRESH_REUSED, 401);
    }
    if (!sameHash(session.refreshTokenHash, parsed.hash) || session.revokedAt || session.expiresAt <= new Date()) {
      throw new LoginError(INVALID_REFRESH, 401);
    }
    const account = await this.db.getRepository(OfficerAccount).findOneBy({ id: session.accountId });
    if (!account?.active) {
      await this.revoke(session.id, 'inactive');
      throw new LoginError(INVALID_REFRESH, 401);
    }
    const next = newRefreshToken(session.id);
    const rotated = await this.db
      .createQueryBuilder()
      .update(OfficerSession)
      .set({
        refreshTokenHash: next.hash,
        rotatedRefreshHashes: () => 'array_append(rotated_refresh_hashes, :spent)',
        refreshedAt: () => 'now()',
      })
      .where('id = :id AND refresh_token_hash = :spent AND revoked_at IS NULL AND expires_at > now()', {
        id: session.id,
        spent: parsed.hash,
      })
      .execute();
    if (!rotated.affected) {
      // Another request spent the same token at the same moment: the same token was used twice.
      await this.revoke(session.id, 'refresh-reuse');
      await this.sessionEvent('REFRESH_REUSE', session, client);
      throw new LoginError(REFRESH_REUSED, 401);
    }
    return this.issue(account, session, next.token);
  }

  private async revoke(sessionId: string, reason: string): Promise<void> {
    await this.db
      .createQueryBuilder()
      .update(OfficerSession)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('id = :id AND revoked_at IS NULL', { id: sessionId })
      .execute();
    sessionChanged(this.db, sessionId);
  }

  /**
   * For a GraphQL request: the claims of a valid token whose session is open, with the
   * session's active break-the-glass grants, in one statement (none while the session
   * cache knows it open and without grants); null otherwise.
   */
  async authenticateRequest(token: string): Promise<AuthenticatedRequest | null> {
    const claims = await verifyAccessToken(token, this.config.accessTokenSecret);
    if (!claims) return null;
    if (this.sessions.isOpen(claims.sessionId)) return { claims, grants: [] };
    const generation = this.sessions.current;
    const rows = await this.db.query<{ grants: GrantJson[]; expiresAt: Date }[]>(
      `SELECT s.expires_at AS "expiresAt",
              COALESCE(json_agg(json_build_object('grantId', g.id, 'unitPath', g.target_unit_path, 'reason', g.reason,
                'expiresAt', g.expires_at) ORDER BY g.created_at) FILTER (WHERE g.id IS NOT NULL), '[]'::json) AS grants
         FROM officer_session s
         LEFT JOIN break_glass_grant g ON g.session_id = s.id AND g.status = 'OPEN' AND g.expires_at > now()
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
        GROUP BY s.id`,
      [claims.sessionId],
    );
    const [row] = rows;
    if (!row) return null;
    if (row.grants.length === 0) this.sessions.remember(claims.sessionId, row.expiresAt, generation);
    return { claims, grants: row.grants.map((g) => ({ ...g, expiresAt: new Date(g.expiresAt).toISOString() })) };
  }

  /** Claims of a valid token whose session is still open; null otherwise. */
  async authenticate(token: string): Promise<AccessClaims | null> {
    const claims = await verifyAccessToken(token, this.config.accessTokenSecret);
    if (!claims) return null;
    const session = await this.db.getRepository(OfficerSession).findOneBy({ id: claims.sessionId });
    if (!session || session.revokedAt || session.expiresAt <= new Date()) return null;
    return claims;
  }

  async logout(claims: AccessClaims, client: ClientInfo = UNKNOWN_CLIENT): Promise<void> {
    await this.revoke(claims.sessionId, 'logout');
    await this.event({
      kind: 'LOGOUT',
      username: claims.username,
      accountId: claims.accountId,
      sessionId: claims.sessionId,
      unitCode: claims.unitCode,
      ip: client.ip,
    });
  }

  /** An event about a session, named by its account. */
  private async sessionEvent(kind: 'REFRESH_REUSE' | 'LOGOUT', session: OfficerSession, client: ClientInfo): Promise<void> {
    const account = await this.db.getRepository(OfficerAccount).findOneBy({ id: session.accountId });
    await this.event({
      kind,
      username: account?.username ?? '?',
      accountId: session.accountId,
      sessionId: session.id,
      unitCode: account?.unitCode ?? null,
      ip: client.ip,
    });
  }

  /** Logout when the access token has expired: the session's current refresh token revokes it. */
  async logoutWithRefreshToken(token: unknown, client: ClientInfo = UNKNOWN_CLIENT): Promise<void> {
    const parsed = parseRefreshToken(token);
    if (!parsed) return;
    const session = await this.db.getRepository(OfficerSession).findOneBy({ id: parsed.sessionId });
    if (session && sameHash(session.refreshTokenHash, parsed.hash)) {
      await this.revoke(session.id, 'logout');
      await this.sessionEvent('LOGOUT', session, client);
    }
  }
}

export const notAuthenticated = () =>
  domainError(
    'UNAUTHENTICATED',
    {
      vi: 'Chưa đăng nhập hoặc phiên làm việc đã hết hạn',
      en: 'Not logged in, or the session has expired',
    },
    { httpStatus: 401 },
  );
