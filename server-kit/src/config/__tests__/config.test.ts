import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, SUBGRAPH_NAMES, subgraphEnvPrefix } from '@rehab/shared-schema';
import { generateEd25519Pem } from '../../secrets';
import { ConfigError, configurationProblems, validateEnvironment, variables, type ConfigTarget } from '..';

const GATEWAY: ConfigTarget = { reader: 'gateway' };
const POLICE: ConfigTarget = { reader: 'subgraph', name: 'police' };
const DATABASE_URL = 'postgres://rehab:rehab@127.0.0.1:5432/postgres';
const strong = () => randomBytes(32).toString('base64url');

/** A development environment as npm start hands it to a child: a server, nothing else required. */
const dev = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ DATABASE_URL, ...extra });

/** A complete production environment for every service. */
function production(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    DATABASE_URL,
    ACCESS_TOKEN_SECRET: strong(),
    PSEUDONYM_SECRET: strong(),
    APP_DATABASE_PASSWORD: strong(),
  };
  const context = generateEd25519Pem();
  env.CONTEXT_PRIVATE_KEY = context.privateKey;
  env.CONTEXT_PUBLIC_KEY = context.publicKey;
  for (const name of SUBGRAPH_NAMES) {
    const pair = generateEd25519Pem();
    env[`${subgraphEnvPrefix(name)}_NOTICE_PRIVATE_KEY`] = pair.privateKey;
    env[`${subgraphEnvPrefix(name)}_NOTICE_PUBLIC_KEY`] = pair.publicKey;
  }
  return env;
}

/** The single problem an environment has; fails when there is none or several. */
function onlyProblem(target: ConfigTarget, env: NodeJS.ProcessEnv): string {
  const problems = configurationProblems(target, env);
  expect(problems).toHaveLength(1);
  return problems[0] as string;
}

describe('configuration schema', () => {
  it('accepts an empty development environment with a database, and a complete production one', () => {
    expect(configurationProblems(GATEWAY, dev())).toEqual([]);
    expect(configurationProblems(POLICE, dev())).toEqual([]);
    expect(configurationProblems({ reader: 'start' }, {})).toEqual([]);
    for (const target of [GATEWAY, POLICE, { reader: 'start' } as const]) {
      expect(configurationProblems(target, production())).toEqual([]);
    }
  });

  it('accepts well-formed values of every kind', () => {
    const env = dev({
      PORT: '8080',
      POLICE_PORT: '4101',
      POLICE_URL: 'http://police:4001/graphql',
      HEALTH_DATABASE_URL: 'postgresql://h:p@db/health',
      SUBGRAPH_TIMEOUT_MS: '2500',
      GRAPHQL_RATE_PER_SECOND: '0.5',
      TRUST_PROXY: 'loopback, 10.0.0.0/8, 192.168.1.1, ::1, 172.16.0.0/255.240.0.0',
      TRUSTED_DOCUMENTS: 'off',
      DATABASE_PREFIX: 'rehab_staging',
      SEED_PERSONS: '300',
      ACCESS_TOKEN_SECRET: 'x', // development accepts a weak value
    });
    expect(configurationProblems({ reader: 'start' }, env)).toEqual([]);
    for (const hops of ['true', 'false', '2']) expect(configurationProblems(GATEWAY, dev({ TRUST_PROXY: hops }))).toEqual([]);
  });

  it.each([
    [
      'SUBGRAPH_TIMEOUT_MS',
      '10s',
      GATEWAY,
      /SUBGRAPH_TIMEOUT_MS: expected a whole number ≥ 1 \(milliseconds, e\.g\. 10000\) \(got "10s"\)/,
    ],
    ['SUBGRAPH_TIMEOUT_MS', '0', GATEWAY, /SUBGRAPH_TIMEOUT_MS: expected a whole number/],
    ['SUBGRAPH_MAX_SOCKETS', '-3', GATEWAY, /SUBGRAPH_MAX_SOCKETS: expected a whole number/],
    ['PORT', '70000', GATEWAY, /PORT: expected a whole number from 1 to 65535 \(a TCP port\)/],
    ['POLICE_PORT', 'four', POLICE, /POLICE_PORT: expected a whole number/],
    ['HEALTH_URL', 'health:4003', POLICE, /HEALTH_URL: expected a URL/],
    ['DATABASE_URL', 'mysql://db/x', POLICE, /DATABASE_URL: expected a URL such as postgres:\/\//],
    ['TRUSTED_DOCUMENTS', 'yes', GATEWAY, /TRUSTED_DOCUMENTS: expected one of "enforce", "off"/],
    ['TRUST_PROXY', '10.0.0.0/99', GATEWAY, /TRUST_PROXY: expected true, false, a hop count/],
    ['TRUST_PROXY', 'proxy.example', GATEWAY, /TRUST_PROXY: expected/],
    ['GRAPHQL_RATE_PER_SECOND', 'fast', GATEWAY, /GRAPHQL_RATE_PER_SECOND: expected a positive number/],
    ['LOGIN_HASH_CONCURRENCY', '1.5', GATEWAY, /LOGIN_HASH_CONCURRENCY: expected a whole number/],
    ['GRAPHQL_MAX_DEPTH', 'deep', POLICE, /GRAPHQL_MAX_DEPTH: expected a whole number/],
    ['SUBGRAPH_MAX_COST', '0', POLICE, /SUBGRAPH_MAX_COST: expected a whole number/],
    ['SMALL_CELL_THRESHOLD', 'five', POLICE, /SMALL_CELL_THRESHOLD: expected a whole number/],
    ['SUBGRAPH_MAX_BODY_MIB', '32MB', POLICE, /SUBGRAPH_MAX_BODY_MIB: expected a positive number/],
    ['DATABASE_POOL_SIZE', 'ten', POLICE, /DATABASE_POOL_SIZE: expected a whole number/],
    ['APP_DATABASE_ROLE', 'Rehab-App', POLICE, /APP_DATABASE_ROLE: expected a plain lower-case identifier/],
    ['GRAPHQL_SCHEMA_TOOLS_FOR_ALL', '1', GATEWAY, /GRAPHQL_SCHEMA_TOOLS_FOR_ALL: expected one of "true", "false"/],
    ['CONTEXT_PRIVATE_KEY', 'short', GATEWAY, /CONTEXT_PRIVATE_KEY: expected an Ed25519 private key in PEM form/],
    ['CONTEXT_PUBLIC_KEY', generateEd25519Pem().privateKey, POLICE, /CONTEXT_PUBLIC_KEY: expected an Ed25519 public key/],
    ['CONTEXT_SECRET', 'short', GATEWAY, /CONTEXT_SECRET: is no longer read/],
    ['CONTEXT_SECRET', 'short', POLICE, /CONTEXT_SECRET: is no longer read/],
  ])('refuses a malformed %s naming it (case %#)', (name, value, target, expected) => {
    const problem = onlyProblem(target, dev({ [name]: value }));
    expect(problem).toMatch(expected);
    expect(() => validateEnvironment(target, dev({ [name]: value }))).toThrow(ConfigError);
  });

  it('never repeats a key or secret in its message', () => {
    const pem = generateEd25519Pem().publicKey;
    const problem = onlyProblem(GATEWAY, dev({ CONTEXT_PRIVATE_KEY: pem }));
    expect(problem).not.toContain('BEGIN');
    const weak = onlyProblem(GATEWAY, { ...production(), ACCESS_TOKEN_SECRET: 'x' });
    expect(weak).not.toContain('"x"');
  });

  it('lists every problem at once', () => {
    const error = (() => {
      try {
        validateEnvironment(GATEWAY, dev({ PORT: 'abc', SUBGRAPH_TIMEOUT_MS: '10s', CONTEXT_SECRET: 'short' }));
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'SUBGRAPH_TIMEOUT_MS', 'CONTEXT_SECRET']) expect(message).toContain(`  - ${name}: `);
  });

  it('refuses a service without a database', () => {
    expect(onlyProblem(POLICE, {})).toMatch(/DATABASE_URL: no database for police: set DATABASE_URL .* or POLICE_DATABASE_URL/);
    expect(configurationProblems(POLICE, { POLICE_DATABASE_URL: DATABASE_URL })).toEqual([]);
  });

  describe('key files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rehab-config-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reads a key from its _FILE, refuses an unreadable or wrong one and both forms at once', () => {
      const pair = generateEd25519Pem();
      writeFileSync(join(dir, 'private.pem'), pair.privateKey);
      writeFileSync(join(dir, 'public.pem'), pair.publicKey);
      expect(configurationProblems(GATEWAY, dev({ CONTEXT_PRIVATE_KEY_FILE: join(dir, 'private.pem') }))).toEqual([]);
      expect(onlyProblem(GATEWAY, dev({ CONTEXT_PRIVATE_KEY_FILE: join(dir, 'public.pem') }))).toMatch(
        /^CONTEXT_PRIVATE_KEY_FILE: the file ".*public\.pem": expected an Ed25519 private key/,
      );
      expect(onlyProblem(GATEWAY, dev({ CONTEXT_PRIVATE_KEY_FILE: join(dir, 'missing.pem') }))).toMatch(
        /^CONTEXT_PRIVATE_KEY_FILE: cannot read the file/,
      );
      expect(
        onlyProblem(GATEWAY, dev({ CONTEXT_PRIVATE_KEY: pair.privateKey, CONTEXT_PRIVATE_KEY_FILE: join(dir, 'private.pem') })),
      ).toMatch(/^CONTEXT_PRIVATE_KEY: set CONTEXT_PRIVATE_KEY or CONTEXT_PRIVATE_KEY_FILE, not both/);
    });
  });

  describe('production', () => {
    it.each([
      ['ACCESS_TOKEN_SECRET', 'x', GATEWAY, /ACCESS_TOKEN_SECRET: must be at least 32 bytes in production/],
      ['ACCESS_TOKEN_SECRET', 'changeme'.repeat(4), GATEWAY, /ACCESS_TOKEN_SECRET: is a known demo value/],
      ['ACCESS_TOKEN_SECRET', 'p'.repeat(40), GATEWAY, /ACCESS_TOKEN_SECRET: is too repetitive/],
      ['PSEUDONYM_SECRET', 'short', POLICE, /PSEUDONYM_SECRET: must be at least 32 bytes/],
      ['APP_DATABASE_PASSWORD', 'rehab', POLICE, /APP_DATABASE_PASSWORD: is a known demo value/],
      ['APP_DATABASE_PASSWORD', 'rehab', GATEWAY, /APP_DATABASE_PASSWORD: is a known demo value/],
    ])('refuses a weak %s', (name, value, target, expected) => {
      expect(onlyProblem(target, { ...production(), [name]: value })).toMatch(expected);
    });

    it.each([
      ['ACCESS_TOKEN_SECRET', GATEWAY],
      ['CONTEXT_PRIVATE_KEY', GATEWAY],
      ['APP_DATABASE_PASSWORD', GATEWAY],
      ['PSEUDONYM_SECRET', POLICE],
      ['CONTEXT_PUBLIC_KEY', POLICE],
      ['POLICE_NOTICE_PRIVATE_KEY', POLICE],
      ['HEALTH_NOTICE_PUBLIC_KEY', POLICE],
    ])('requires %s', (name, target) => {
      const env = { ...production(), [name]: undefined };
      expect(onlyProblem(target, env)).toMatch(new RegExp(`^${name}: .*must be set in production`));
    });

    it('needs no APP_DATABASE_PASSWORD when the restricted role has its own URL', () => {
      const env: NodeJS.ProcessEnv = { ...production(), POLICE_APP_DATABASE_URL: 'postgres://app:pw@db/police' };
      delete env.APP_DATABASE_PASSWORD;
      expect(configurationProblems(POLICE, env)).toEqual([]);
      expect(onlyProblem(GATEWAY, env)).toMatch(/^APP_DATABASE_PASSWORD: must be set in production/);
    });

    it('keeps the generated development defaults: no secret or key required outside production', () => {
      const env: NodeJS.ProcessEnv = { DATABASE_URL };
      expect(configurationProblems({ reader: 'start' }, env)).toEqual([]);
    });
  });

  it('is documented: docs/configuration.md names every variable', () => {
    const docs = readFileSync(join(REPO_ROOT, 'docs', 'configuration.md'), 'utf8');
    const prefixes = SUBGRAPH_NAMES.map(subgraphEnvPrefix).sort((a, b) => b.length - a.length);
    const generic = (name: string) => {
      for (const prefix of [...prefixes, 'IDENTITY']) {
        if (name.startsWith(`${prefix}_`)) return `<OWNER>${name.slice(prefix.length)}`;
      }
      return name;
    };
    const missing = [
      ...new Set(
        variables()
          .map((v) => v.name)
          .map(generic),
      ),
    ].filter((name) => !docs.includes(`\`${name}\``) && !docs.includes(`\`${name.replace('<OWNER>', '<NAME>')}\``));
    expect(missing).toEqual([]);
  });
});
