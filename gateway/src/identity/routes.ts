import express, { type Request, type Response, type Router } from 'express';
import { IdentityService, LoginError } from './accounts';

/** Bearer token of a request, or null. */
export function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : null;
}

function fail(res: Response, status: number, text: { vi: string; en: string }, code = 'UNAUTHENTICATED'): void {
  res.status(status).json({ code, message: text.vi, messageEn: text.en });
}

/** POST /auth/login and POST /auth/logout. */
export function authRoutes(identity: IdentityService): Router {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));
  router.post('/login', async (req, res) => {
    const body: unknown = req.body;
    const { username, password } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      fail(res, 400, { vi: 'Cần nhập tên đăng nhập và mật khẩu', en: 'Username and password are required' }, 'BAD_USER_INPUT');
      return;
    }
    try {
      res.json(await identity.login(username, password));
    } catch (error) {
      if (error instanceof LoginError) fail(res, error.status, error.text);
      else fail(res, 500, { vi: 'Lỗi hệ thống, vui lòng thử lại sau', en: 'Internal error, please try again later' }, 'INTERNAL_SERVER_ERROR');
    }
  });
  router.post('/logout', async (req, res) => {
    const token = bearerToken(req);
    const claims = token ? await identity.authenticate(token) : null;
    if (claims) await identity.logout(claims);
    res.status(204).end();
  });
  return router;
}
