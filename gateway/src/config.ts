import { join } from 'node:path';
import { contextSecret, subgraphUrlsFromEnv } from '@rehab/server-kit';
import { REPO_ROOT, SUPERGRAPH_FILE } from '@rehab/shared-schema';
import { randomBytes } from 'node:crypto';

export { subgraphUrlsFromEnv };

export function accessTokenSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ACCESS_TOKEN_SECRET) return env.ACCESS_TOKEN_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('ACCESS_TOKEN_SECRET must be set in production');
  const secret = randomBytes(32).toString('base64url');
  env.ACCESS_TOKEN_SECRET = secret;
  return secret;
}

export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env) {
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    subgraphUrls: subgraphUrlsFromEnv(env),
    supergraphPath: env.SUPERGRAPH_PATH ?? SUPERGRAPH_FILE,
    webDir: env.WEB_DIR ?? join(REPO_ROOT, 'web', 'dist'),
    contextSecret: contextSecret(env),
    accessTokenSecret: accessTokenSecret(env),
    production: env.NODE_ENV === 'production',
    fetch: {
      timeoutMs: Number(env.SUBGRAPH_TIMEOUT_MS ?? 10_000),
      maxSockets: Number(env.SUBGRAPH_MAX_SOCKETS ?? 32),
    },
  };
}
