import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { domainError, type Bilingual } from '@rehab/server-kit';
import { unitByCode, type BreakGlassGrant } from '@rehab/shared-schema';
import { BreakGlassService } from './break-glass';
import { OfficerAccount, OfficerSession } from './entities';
import { hashPassword, verifyPassword } from './passwords';
import { newRefreshToken, parseRefreshToken, sameHash } from './refresh-tokens';
import { signAccessToken, verifyAccessToken, type AccessClaims } from './tokens';

export const MAX_FAILED_ATTEMPTS = 5;
const LOCK_MINUTES = 15;

export interface IdentityConfig {
  accessTokenSecret: string;
  accessTokenTtlSeconds: number;
  sessionTtlSeconds: number;
}

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
  constructor(readonly text: Bilingual, readonly status: number) {
    super(text.en);
  }
}

const BAD_CREDENTIALS: Bilingual = { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' };
const LOCKED: Bilingual = {
  vi: `Tài khoản tạm khóa do nhập sai mật khẩu quá ${MAX_FAILED_ATTEMPTS} lần; thử lại sau ${LOCK_MINUTES} phút`,
  en: `Account locked after ${MAX_FAILED_ATTEMPTS} failed attempts; try again in ${LOCK_MINUTES} minutes`,
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

  constructor(private readonly db: DataSource, private readonly config: IdentityConfig) {
    this.breakGlass = new BreakGlassService(db);
  }

  async login(username: string, password: string): Promise<LoginResult> {
    const accounts = this.db.getRepository(OfficerAccount);
    const account = await accounts.findOneBy({ username });
    if (!account || !account.active) {
      this.dummyHash ??= hashPassword('not-an-account');
      await verifyPassword(password, await this.dummyHash);
      throw new LoginError(BAD_CREDENTIALS, 401);
    }
    if (account.lockedUntil && account.lockedUntil > new Date()) throw new LoginError(LOCKED, 423);
    if (!(await verifyPassword(password, account.passwordHash))) {
      const failed = account.failedAttempts + 1;
      const lockedUntil = failed >= MAX_FAILED_ATTEMPTS ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null;
      await accounts.update({ id: account.id }, { failedAttempts: lockedUntil ? 0 : failed, lockedUntil });
      throw new LoginError(lockedUntil ? LOCKED : BAD_CREDENTIALS, lockedUntil ? 423 : 401);
    }
    await accounts.update({ id: account.id }, { failedAttempts: 0, lockedUntil: null });
    const id = randomUUID();
    const refresh = newRefreshToken(id);
    const session = await this.db.getRepository(OfficerSession).save({
      id, accountId: account.id, expiresAt: new Date(Date.now() + this.config.sessionTtlSeconds * 1000), revokedAt: null,
      revokedReason: null, refreshTokenHash: refresh.hash, rotatedRefreshHashes: [], refreshedAt: null,
    });
    return this.issue(account, session, refresh.token);
  }

  /** A new access token for the session, with the account's current role and unit. */
  private async issue(account: OfficerAccount, session: OfficerSession, refreshToken: string): Promise<LoginResult> {
    const { token, expiresAt } = await signAccessToken({
      accountId: account.id, sessionId: session.id, username: account.username, agency: account.agency, role: account.role, unitCode: account.unitCode,
    }, this.config.accessTokenSecret, this.config.accessTokenTtlSeconds);
    return {
      accessToken: token,
      expiresAt: expiresAt.toISOString(),
      refreshToken,
      refreshExpiresAt: session.expiresAt.toISOString(),
      officer: {
        username: account.username, displayName: account.displayName, agency: account.agency, role: account.role,
        unitCode: account.unitCode, unitName: unitByCode(account.unitCode)?.name ?? account.unitCode,
      },
    };
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token (the old
   * one is spent). A spent token presented again means it was copied: the session is
   * revoked, so neither the thief nor the officer can go on with it.
   */
  async refresh(token: unknown): Promise<LoginResult> {
    const parsed = parseRefreshToken(token);
    if (!parsed) throw new LoginError(INVALID_REFRESH, 401);
    const session = await this.db.getRepository(OfficerSession).findOneBy({ id: parsed.sessionId });
    if (!session) throw new LoginError(INVALID_REFRESH, 401);
    if (session.rotatedRefreshHashes.some((h) => sameHash(h, parsed.hash))) {
      await this.revoke(session.id, 'refresh-reuse');
      throw new LoginError(REFRESH_REUSED, 401);
    }
    if (!sameHash(session.refreshTokenHash, parsed.hash) || session.revokedAt || session.expiresAt <= new Date()) {
      throw new LoginError(INVALID_REFRESH, 401);
    }
    const account = await this.db.getRepository(OfficerAccount).findOneBy({ id: session.accountId });
    if (!account || !account.active) {
      await this.revoke(session.id, 'inactive');
      throw new LoginError(INVALID_REFRESH, 401);
    }
    const next = newRefreshToken(session.id);
    const rotated = await this.db.createQueryBuilder().update(OfficerSession)
      .set({ refreshTokenHash: next.hash, rotatedRefreshHashes: () => 'array_append(rotated_refresh_hashes, :spent)', refreshedAt: () => 'now()' })
      .where('id = :id AND refresh_token_hash = :spent AND revoked_at IS NULL AND expires_at > now()', { id: session.id, spent: parsed.hash })
      .execute();
    if (!rotated.affected) {
      // Another request spent the same token at the same moment: the same token was used twice.
      await this.revoke(session.id, 'refresh-reuse');
      throw new LoginError(REFRESH_REUSED, 401);
    }
    return this.issue(account, session, next.token);
  }

  private async revoke(sessionId: string, reason: string): Promise<void> {
    await this.db.createQueryBuilder().update(OfficerSession).set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('id = :id AND revoked_at IS NULL', { id: sessionId }).execute();
  }

  /**
   * For a GraphQL request: the claims of a valid token whose session is open, with the
   * session's active break-the-glass grants, in one statement; null otherwise.
   */
  async authenticateRequest(token: string): Promise<AuthenticatedRequest | null> {
    const claims = await verifyAccessToken(token, this.config.accessTokenSecret);
    if (!claims) return null;
    const rows = await this.db.query(
      `SELECT COALESCE(json_agg(json_build_object('grantId', g.id, 'unitPath', g.target_unit_path, 'reason', g.reason,
                'expiresAt', g.expires_at) ORDER BY g.created_at) FILTER (WHERE g.id IS NOT NULL), '[]'::json) AS grants
         FROM officer_session s
         LEFT JOIN break_glass_grant g ON g.session_id = s.id AND g.expires_at > now()
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
        GROUP BY s.id`, [claims.sessionId]) as { grants: GrantJson[] }[];
    const [row] = rows;
    if (!row) return null;
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

  async logout(claims: AccessClaims): Promise<void> {
    await this.revoke(claims.sessionId, 'logout');
  }

  /** Logout when the access token has expired: the session's current refresh token revokes it. */
  async logoutWithRefreshToken(token: unknown): Promise<void> {
    const parsed = parseRefreshToken(token);
    if (!parsed) return;
    const session = await this.db.getRepository(OfficerSession).findOneBy({ id: parsed.sessionId });
    if (session && sameHash(session.refreshTokenHash, parsed.hash)) await this.revoke(session.id, 'logout');
  }
}

export const notAuthenticated = () => domainError('UNAUTHENTICATED', {
  vi: 'Chưa đăng nhập hoặc phiên làm việc đã hết hạn', en: 'Not logged in, or the session has expired',
}, { httpStatus: 401 });
