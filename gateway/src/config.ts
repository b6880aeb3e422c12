import { join } from 'node:path';
import {
  contextPrivateKeyFromEnv,
  numberFromEnv,
  secretFromEnv,
  subgraphUrlsFromEnv,
  validateEnvironment,
} from '@rehab/server-kit';
import { REPO_ROOT, SUPERGRAPH_FILE } from '@rehab/shared-schema';
import { DEFAULT_BREAKER_FAILURES, DEFAULT_BREAKER_OPEN_MS, DEFAULT_READ_TIMEOUT_MS } from './fetcher';
import { trustedDocumentsFromEnv } from './trusted-documents';

export { subgraphUrlsFromEnv };

/** Key of officers' access tokens (ACCESS_TOKEN_SECRET); only the gateway holds it. */
export function accessTokenSecret(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv('ACCESS_TOKEN_SECRET', env);
}

/**
 * The gateway's configuration. The environment is checked first (server-kit's config
 * schema): a malformed value, or a missing or weak secret in production, refuses the start
 * with the variable's name and what it expects (docs/configuration.md).
 */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv = process.env) {
  validateEnvironment({ reader: 'gateway' }, env);
  const webDir = env.WEB_DIR || join(REPO_ROOT, 'web', 'dist');
  return {
    port: numberFromEnv(env, 'PORT', 4000),
    host: env.HOST || '127.0.0.1',
    subgraphUrls: subgraphUrlsFromEnv(env),
    supergraphPath: env.SUPERGRAPH_PATH || SUPERGRAPH_FILE,
    webDir,
    trustedDocuments: trustedDocumentsFromEnv(env, webDir),
    contextPrivateKey: contextPrivateKeyFromEnv(env),
    accessTokenSecret: accessTokenSecret(env),
    production: env.NODE_ENV === 'production',
    fetch: {
      timeoutMs: numberFromEnv(env, 'SUBGRAPH_TIMEOUT_MS', 10_000),
      readTimeoutMs: numberFromEnv(env, 'SUBGRAPH_READ_TIMEOUT_MS', DEFAULT_READ_TIMEOUT_MS),
      breakerFailures: numberFromEnv(env, 'SUBGRAPH_BREAKER_FAILURES', DEFAULT_BREAKER_FAILURES),
      breakerOpenMs: numberFromEnv(env, 'SUBGRAPH_BREAKER_OPEN_MS', DEFAULT_BREAKER_OPEN_MS),
      maxSockets: numberFromEnv(env, 'SUBGRAPH_MAX_SOCKETS', 32),
    },
  };
}
