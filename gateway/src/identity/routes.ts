import express, { type Request, type Response, type Router } from 'express';
import type { Bilingual } from '@rehab/server-kit';
import { IdentityService, LoginError, type ClientInfo } from './accounts';
import { RequestError, REVIEWER_ROLES, type GrantStatus } from './break-glass';
import { listSecurityEvents, SECURITY_EVENT_KINDS, type SecurityEventKind } from './security-events';
import { unitByCode } from '@rehab/shared-schema';
import type { AccessClaims } from './tokens';

/** Bearer token of a request, or null. */
export function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : null;
}

/** The client as express sees it (req.ip follows TRUST_PROXY). */
export const clientOf = (req: Request): ClientInfo => ({ ip: req.ip ?? req.socket.remoteAddress ?? 'unknown' });

function fail(res: Response, status: number, text: Bilingual, code = 'UNAUTHENTICATED', field?: string): void {
  res.status(status).json({ code, message: text.vi, messageEn: text.en, ...(field ? { field } : {}) });
}

const INTERNAL: Bilingual = { vi: 'Lỗi hệ thống, vui lòng thử lại sau', en: 'Internal error, please try again later' };
const NOT_LOGGED_IN: Bilingual = {
  vi: 'Chưa đăng nhập hoặc phiên làm việc đã hết hạn',
  en: 'Not logged in, or the session has expired',
};

function failWith(res: Response, error: unknown): void {
  if (error instanceof LoginError) fail(res, error.status, error.text);
  else if (error instanceof RequestError) fail(res, error.status, error.text, error.code, error.field);
  else fail(res, 500, INTERNAL, 'INTERNAL_SERVER_ERROR');
}

function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

type Handler = (req: Request, res: Response, claims: AccessClaims) => Promise<void>;

/** Runs `handle` for a request with a valid access token of an open session; 401 otherwise. */
function authenticated(identity: IdentityService, handle: Handler) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const token = bearerToken(req);
      const claims = token ? await identity.authenticate(token) : null;
      if (!claims) {
        fail(res, 401, NOT_LOGGED_IN);
        return;
      }
      await handle(req, res, claims);
    } catch (error) {
      failWith(res, error);
    }
  };
}

const STATUSES: readonly GrantStatus[] = ['pending', 'awaiting-approval', 'reviewed', 'all'];

const queryString = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** GET /auth/security-events?kind=&before=&limit=: supervisors only, events of their subtree, newest first. */
async function securityEvents(identity: IdentityService, claims: AccessClaims, query: Record<string, unknown>) {
  const unit = unitByCode(claims.unitCode);
  if (!REVIEWER_ROLES.includes(claims.role) || !unit) {
    throw new RequestError(403, 'FORBIDDEN', {
      vi: 'Chỉ cán bộ giám sát mới được xem nhật ký sự kiện an ninh',
      en: 'Only supervisors may read the security events',
    });
  }
  const kind = queryString(query.kind);
  const before = queryString(query.before);
  const limit = Number(queryString(query.limit) ?? 100);
  if (kind !== undefined && !(SECURITY_EVENT_KINDS as readonly string[]).includes(kind)) {
    throw new RequestError(400, 'BAD_USER_INPUT', { vi: 'Loại sự kiện không hợp lệ', en: 'Unknown event kind' }, 'kind');
  }
  if ((before !== undefined && !/^\d{1,18}$/.test(before)) || !Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new RequestError(
      400,
      'BAD_USER_INPUT',
      {
        vi: 'Tham số phân trang không hợp lệ (limit từ 1 đến 500)',
        en: 'Invalid paging parameters (limit 1 to 500)',
      },
      before !== undefined && !/^\d{1,18}$/.test(before) ? 'before' : 'limit',
    );
  }
  return listSecurityEvents(identity.database, unit.path, {
    ...(kind ? { kind: kind as SecurityEventKind } : {}),
    ...(before ? { beforeId: before } : {}),
    limit,
  });
}

/**
 * /auth: login, refresh, logout, and break-the-glass grants (request, own active
 * grants, supervisors' review list and review).
 */
export function authRoutes(identity: IdentityService): Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));
  router.post('/login', async (req, res) => {
    const { username, password } = bodyOf(req);
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      fail(res, 400, { vi: 'Cần nhập tên đăng nhập và mật khẩu', en: 'Username and password are required' }, 'BAD_USER_INPUT');
      return;
    }
    try {
      res.json(await identity.login(username, password, clientOf(req)));
    } catch (error) {
      failWith(res, error);
    }
  });
  router.post('/refresh', async (req, res) => {
    try {
      res.json(await identity.refresh(bodyOf(req).refreshToken, clientOf(req)));
    } catch (error) {
      failWith(res, error);
    }
  });
  router.post('/logout', async (req, res) => {
    try {
      const token = bearerToken(req);
      const claims = token ? await identity.authenticate(token) : null;
      if (claims) await identity.logout(claims, clientOf(req));
      else await identity.logoutWithRefreshToken(bodyOf(req).refreshToken, clientOf(req));
      res.status(204).end();
    } catch (error) {
      failWith(res, error);
    }
  });

  router.post(
    '/break-glass',
    authenticated(identity, async (req, res, claims) => {
      const { unitCode, reason, durationMinutes } = bodyOf(req);
      res.status(201).json(await identity.breakGlass.request(claims, { unitCode, reason, durationMinutes }, clientOf(req)));
    }),
  );
  router.get(
    '/break-glass/mine',
    authenticated(identity, async (_req, res, claims) => {
      res.json({ grants: await identity.breakGlass.mine(claims) });
    }),
  );
  router.get(
    '/break-glass',
    authenticated(identity, async (req, res, claims) => {
      const status = typeof req.query.status === 'string' ? req.query.status : 'pending';
      if (!(STATUSES as readonly string[]).includes(status)) {
        fail(
          res,
          400,
          { vi: 'Trạng thái phải là pending, reviewed hoặc all', en: 'status must be pending, reviewed or all' },
          'BAD_USER_INPUT',
          'status',
        );
        return;
      }
      res.json({ grants: await identity.breakGlass.list(claims, status as GrantStatus) });
    }),
  );
  router.post(
    '/break-glass/:id/review',
    authenticated(identity, async (req, res, claims) => {
      res.json(await identity.breakGlass.review(claims, String(req.params.id), bodyOf(req).note, clientOf(req)));
    }),
  );
  router.post(
    '/break-glass/:id/decide',
    authenticated(identity, async (req, res, claims) => {
      const { approve, note } = bodyOf(req);
      res.json(await identity.breakGlass.decide(claims, String(req.params.id), approve, note, clientOf(req)));
    }),
  );
  router.get(
    '/security-events',
    authenticated(identity, async (req, res, claims) => {
      res.json({ events: await securityEvents(identity, claims, req.query) });
    }),
  );
  return router;
}
