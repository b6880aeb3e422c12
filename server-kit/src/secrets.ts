import { randomBytes } from 'node:crypto';

/**
 * The secret shared by gateway and subgraphs for context signatures. Production must
 * set CONTEXT_SECRET; elsewhere a random one is made for this process tree.
 */
export function contextSecret(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONTEXT_SECRET) return env.CONTEXT_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('CONTEXT_SECRET must be set in production');
  const secret = randomBytes(32).toString('base64url');
  env.CONTEXT_SECRET = secret;
  return secret;
}
