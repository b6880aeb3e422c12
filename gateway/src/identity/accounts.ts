import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { domainError, type Bilingual } from '@rehab/server-kit';
import { unitByCode } from '@rehab/shared-schema';
import { OfficerAccount, OfficerSession } from './entities';
import { hashPassword, verifyPassword } from './passwords';
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

/** Officer login, sessions and token checks, on the gateway's identity database. */
export class IdentityService {
  // Unknown usernames cost one scrypt too, so timing does not reveal which accounts exist.
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly db: DataSource, private readonly config: IdentityConfig) {}

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
    const session = await this.db.getRepository(OfficerSession).save({
      id: randomUUID(), accountId: account.id, expiresAt: new Date(Date.now() + this.config.sessionTtlSeconds * 1000), revokedAt: null,
    });
    const { token, expiresAt } = await signAccessToken({
      accountId: account.id, sessionId: session.id, username: account.username, agency: account.agency, role: account.role, unitCode: account.unitCode,
    }, this.config.accessTokenSecret, this.config.accessTokenTtlSeconds);
    return {
      accessToken: token,
      expiresAt: expiresAt.toISOString(),
      officer: {
        username: account.username, displayName: account.displayName, agency: account.agency, role: account.role,
        unitCode: account.unitCode, unitName: unitByCode(account.unitCode)?.name ?? account.unitCode,
      },
    };
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
    await this.db.getRepository(OfficerSession).update({ id: claims.sessionId }, { revokedAt: new Date() });
  }
}

export const notAuthenticated = () => domainError('UNAUTHENTICATED', {
  vi: 'Chưa đăng nhập hoặc phiên làm việc đã hết hạn', en: 'Not logged in, or the session has expired',
}, { httpStatus: 401 });
