import { randomBytes } from 'node:crypto';

/**
 * A secret from the environment. Production must set it; elsewhere a random one is made
 * and stored in env, so child processes started with that env share it.
 */
export function secretFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value) return value;
  if (env.NODE_ENV === 'production') throw new Error(`${name} must be set in production`);
  const secret = randomBytes(32).toString('base64url');
  env[name] = secret;
  return secret;
}

/** The secret shared by gateway and subgraphs for context signatures (CONTEXT_SECRET). */
export function contextSecret(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv('CONTEXT_SECRET', env);
}

/**
 * The secret the subgraphs derive analysts' person pseudonyms from (PSEUDONYM_SECRET).
 * Every subgraph must have the same one; the gateway does not need it. Changing it
 * changes every pseudonym.
 */
export function pseudonymSecret(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv('PSEUDONYM_SECRET', env);
}
