import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { openTestDatabase, type TestDatabase } from '@rehab/server-kit';
import { IdentityService } from '../identity/accounts';
import { createIdentityDataSource } from '../identity/datasource';
import { DEMO_PASSWORD, seedIdentity } from '../identity/seed';
import { authRoutes } from '../identity/routes';

export const SECRET = 'r'.repeat(40);

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** The /auth routes on a seeded throwaway identity database, over real HTTP. */
export interface AuthHarness {
  database: TestDatabase;
  identity: IdentityService;
  post<T = Record<string, unknown>>(path: string, body: unknown, token?: string): Promise<JsonResponse<T>>;
  get<T = Record<string, unknown>>(path: string, token?: string): Promise<JsonResponse<T>>;
  login(username: string): Promise<{ accessToken: string; refreshToken: string }>;
  close(): Promise<void>;
}

export async function openAuthHarness(): Promise<AuthHarness> {
  const database = await openTestDatabase('identity', createIdentityDataSource);
  await seedIdentity(database.db);
  // The gateway's own access-token lifetime: a suite's tokens, taken once, outlive its tests even on a slow shared
  // machine (a 60-second lifetime expired mid-suite). Expiry itself is tested in identity.test.ts.
  const identity = new IdentityService(database.db, {
    accessTokenSecret: SECRET,
    accessTokenTtlSeconds: 15 * 60,
    sessionTtlSeconds: 3600,
  });
  const app = express();
  app.use('/auth', authRoutes(identity));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async <T>(method: string, path: string, body: unknown, token?: string): Promise<JsonResponse<T>> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  const harness: AuthHarness = {
    database,
    identity,
    post: (path, body, token) => call('POST', path, body, token),
    get: (path, token) => call('GET', path, undefined, token),
    login: async (username) => {
      const response = await call<{ accessToken: string; refreshToken: string }>('POST', '/auth/login', {
        username,
        password: DEMO_PASSWORD,
      });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
      return response.body;
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await identity.close();
      await database.close();
    },
  };
  return harness;
}
