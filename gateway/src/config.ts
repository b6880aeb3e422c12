import { join } from 'node:path';
import { contextSecret } from '@rehab/server-kit';
import { DEFAULT_SUBGRAPH_PORTS, REPO_ROOT, SUBGRAPH_NAMES, SUPERGRAPH_FILE, subgraphEnvPrefix, type SubgraphName } from '@rehab/shared-schema';
import { randomBytes } from 'node:crypto';

/** URL of each subgraph: <NAME>_URL, else localhost on <NAME>_PORT (4001–4004). */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, string> {
  const urls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    const prefix = subgraphEnvPrefix(name);
    urls[name] = env[`${prefix}_URL`] ?? `http://localhost:${env[`${prefix}_PORT`] ?? DEFAULT_SUBGRAPH_PORTS[name]}/graphql`;
  }
  return urls;
}

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
