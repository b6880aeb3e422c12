import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SUBGRAPH_NAMES, subgraphEnvPrefix, type SubgraphName } from '@rehab/shared-schema';
import { RETIRED_VARIABLES, ownerPrefix, variables, type Reader, type Variable } from './variables';

/** Whose configuration to check: the gateway, one subgraph, or `npm start` (everything it passes on). */
export type ConfigTarget = { reader: 'gateway' } | { reader: 'subgraph'; name: SubgraphName } | { reader: 'start' };

/** The start is refused: every problem found, one line each, naming its variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Cấu hình không hợp lệ / invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Minimum length of a production secret, in bytes (256 bits when random). */
export const MIN_SECRET_BYTES = 32;

/** Values from examples and demos that must never protect production data. */
const KNOWN_WEAK_SECRETS = [
  'secret',
  'changeme',
  'change-me',
  'password',
  'rehab',
  'rehab-embedded',
  'rehab-dev',
  'cainghien@2026',
  'development',
  'test',
];

/** Why a production secret is weak, or null when it is strong enough. */
export function weakSecretReason(value: string): string | null {
  const lower = value.toLowerCase();
  const repeats = (weak: string) => lower.length % weak.length === 0 && weak.repeat(lower.length / weak.length) === lower;
  if (KNOWN_WEAK_SECRETS.some(repeats)) return 'is a known demo value';
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
    return `must be at least ${MIN_SECRET_BYTES} bytes in production (e.g. node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))")`;
  }
  if (new Set(value).size < 10) return 'is too repetitive to be random (fewer than 10 distinct characters)';
  return null;
}

const readersOf = (target: ConfigTarget): readonly Reader[] =>
  target.reader === 'start' ? ['start', 'gateway', 'subgraph'] : [target.reader];

/** Database owners whose connection the target opens. */
function ownersOf(target: ConfigTarget, subgraphs: readonly SubgraphName[]): string[] {
  if (target.reader === 'gateway') return ['identity'];
  if (target.reader === 'subgraph') return [target.name];
  return [...subgraphs, 'identity'];
}

/** Key variables a process must be given in production (development makes them per start). */
function productionKeys(target: ConfigTarget, subgraphs: readonly SubgraphName[]): string[] {
  const gateway = ['CONTEXT_PRIVATE_KEY'];
  const subgraph = (name: SubgraphName) => [
    'CONTEXT_PUBLIC_KEY',
    `${subgraphEnvPrefix(name)}_NOTICE_PRIVATE_KEY`,
    ...subgraphs.map((s) => `${subgraphEnvPrefix(s)}_NOTICE_PUBLIC_KEY`),
  ];
  if (target.reader === 'gateway') return gateway;
  if (target.reader === 'subgraph') return subgraph(target.name);
  return [...new Set([...gateway, ...subgraphs.flatMap(subgraph)])];
}

function productionSecrets(target: ConfigTarget): string[] {
  if (target.reader === 'gateway') return ['ACCESS_TOKEN_SECRET'];
  if (target.reader === 'subgraph') return ['PSEUDONYM_SECRET'];
  return ['ACCESS_TOKEN_SECRET', 'PSEUDONYM_SECRET'];
}

/** Set and not blank (an empty variable counts as unset, as everywhere in the code). */
const isSet = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

function shown(variable: Variable | undefined, raw: string | undefined): string {
  if (variable?.kind !== 'plain' || raw === undefined) return '';
  const value = raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
  return ` (got "${value}")`;
}

/**
 * The schema of the target's environment: each variable it reads, checked when set, and
 * the rules across them (retired names, key files, production secrets and keys).
 */
export function environmentSchema(target: ConfigTarget, subgraphs: readonly SubgraphName[] = SUBGRAPH_NAMES) {
  const readers = readersOf(target);
  const list = variables(subgraphs).filter((v) => v.readers.some((r) => readers.includes(r)));
  const shape: Record<string, z.ZodType<unknown, string | undefined>> = {};
  for (const v of list) shape[v.name] = v.schema.optional();
  for (const v of list.filter((v) => v.file)) shape[`${v.name}_FILE`] = z.string().optional();
  return z
    .object(shape)
    .loose()
    .superRefine((env: Record<string, unknown>, ctx) => {
      const raw = (name: string): string | undefined => {
        const value = env[name];
        return typeof value === 'string' && value.trim() !== '' ? value : undefined;
      };
      const issue = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
      const production = raw('NODE_ENV') === 'production';

      for (const [name, why] of Object.entries(RETIRED_VARIABLES)) if (raw(name) !== undefined) issue(name, why);

      for (const v of list.filter((v) => v.file)) {
        const file = raw(`${v.name}_FILE`);
        if (file === undefined) continue;
        if (raw(v.name) !== undefined) {
          issue(v.name, `set ${v.name} or ${v.name}_FILE, not both`);
          continue;
        }
        let content: string;
        try {
          content = readFileSync(file, 'utf8');
        } catch {
          issue(`${v.name}_FILE`, `cannot read the file "${file}"`);
          continue;
        }
        const checked = v.schema.safeParse(content);
        if (!checked.success) issue(`${v.name}_FILE`, `the file "${file}": ${checked.error.issues[0]?.message ?? 'invalid'}`);
      }

      for (const owner of ownersOf(target, subgraphs)) {
        if (target.reader === 'start') break; // npm start runs an embedded server when DATABASE_URL is unset
        if (raw('DATABASE_URL') === undefined && raw(`${ownerPrefix(owner)}_DATABASE_URL`) === undefined) {
          issue(
            'DATABASE_URL',
            `no database for ${owner}: set DATABASE_URL (a PostgreSQL server) or ${ownerPrefix(owner)}_DATABASE_URL`,
          );
        }
      }

      if (!production) return;
      for (const name of productionKeys(target, subgraphs)) {
        if (raw(name) === undefined && raw(`${name}_FILE`) === undefined) {
          issue(name, `must be set in production (or ${name}_FILE)`);
        }
      }
      const secrets = productionSecrets(target);
      const owners = ownersOf(target, subgraphs);
      if (owners.some((o) => raw(`${ownerPrefix(o)}_APP_DATABASE_URL`) === undefined)) secrets.push('APP_DATABASE_PASSWORD');
      for (const name of secrets) {
        const value = raw(name);
        if (value === undefined) {
          issue(name, 'must be set in production');
          continue;
        }
        const weak = weakSecretReason(value);
        if (weak) issue(name, weak);
      }
    });
}

/** Every problem of the target's environment, one line each ("NAME: what is expected"). */
export function configurationProblems(
  target: ConfigTarget,
  env: NodeJS.ProcessEnv = process.env,
  subgraphs: readonly SubgraphName[] = SUBGRAPH_NAMES,
): string[] {
  // Blank counts as unset, so the field schemas see only values that were really given.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => isSet(value)));
  const result = environmentSchema(target, subgraphs).safeParse(given);
  if (result.success) return [];
  const byName = new Map(variables(subgraphs).map((v) => [v.name, v]));
  const problems = result.error.issues.map((i) => {
    const name = String(i.path[0] ?? '(environment)');
    const message = i.code === 'invalid_type' ? 'expected text' : i.message;
    return `${name}: ${message}${shown(byName.get(name), given[name])}`;
  });
  return [...new Set(problems)];
}

/**
 * Checks the environment before anything starts; a malformed value, an unreadable key
 * file or (in production) a missing or weak secret throws a ConfigError naming each
 * variable and what it expects.
 */
export function validateEnvironment(
  target: ConfigTarget,
  env: NodeJS.ProcessEnv = process.env,
  subgraphs: readonly SubgraphName[] = SUBGRAPH_NAMES,
): void {
  const problems = configurationProblems(target, env, subgraphs);
  if (problems.length > 0) throw new ConfigError(problems);
}

/** A whole-number variable already checked by validateEnvironment, or its default. */
export function numberFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  return isSet(value) ? Number(value.trim()) : fallback;
}
