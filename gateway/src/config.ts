import { join } from 'node:path';
import { contextPrivateKeyFromEnv, secretFromEnv, subgraphUrlsFromEnv } from '@rehab/server-kit';
import { REPO_ROOT, SUPERGRAPH_FILE } from '@rehab/shared-schema';
import { trustedDocumentsFromEnv } from './trusted-documents';

export { subgraphUrlsFromEnv };

/** Key of officers' access tokens (ACCESS_TOKEN_SECRET); only the gateway holds it. */
export function accessTokenSecret(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv('ACCESS_TOKEN_SECRET', env);
}

export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const webDir = env.WEB_DIR ?? join(REPO_ROOT, 'web', 'dist');
  return {
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    subgraphUrls: subgraphUrlsFromEnv(env),
    supergraphPath: env.SUPERGRAPH_PATH ?? SUPERGRAPH_FILE,
    webDir,
    trustedDocuments: trustedDocumentsFromEnv(env, webDir),
    contextPrivateKey: contextPrivateKeyFromEnv(env),
    accessTokenSecret: accessTokenSecret(env),
    production: env.NODE_ENV === 'production',
    fetch: {
      timeoutMs: Number(env.SUBGRAPH_TIMEOUT_MS ?? 10_000),
      maxSockets: Number(env.SUBGRAPH_MAX_SOCKETS ?? 32),
    },
  };
}
