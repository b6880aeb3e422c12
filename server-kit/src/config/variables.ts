import { createPrivateKey, createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { SUBGRAPH_NAMES, subgraphEnvPrefix, type SubgraphName } from '@rehab/shared-schema';

/**
 * Every environment variable the gateway, the subgraphs and `npm start` read, with what
 * each accepts. docs/configuration.md documents the same list (a test keeps the two equal).
 */

/** Who reads a variable: the gateway, every subgraph, or `npm start` itself (ops). */
export type Reader = 'gateway' | 'subgraph' | 'start';

/** How a value is checked beyond its format. */
export type Kind = 'plain' | 'secret' | 'private-key' | 'public-key';

export interface Variable {
  name: string;
  readers: readonly Reader[];
  /** The raw text's check; its error messages say what is expected. */
  schema: z.ZodType<unknown, string>;
  kind: Kind;
  /** Accepted with a `_FILE` twin holding the value in a file (keys). */
  file?: boolean;
}

// --- value schemas (raw environment text in, parsed value out) ---------------------------

const text = () => z.string();

/** A whole number in [min, max]; "10s" or "1e3" are refused. `note` says what it counts. */
export const wholeNumber = (min: number, max: number, note = '') => {
  const expected = `expected a whole number ${max < Number.MAX_SAFE_INTEGER ? `from ${min} to ${max}` : `≥ ${min}`}${note ? ` (${note})` : ''}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: expected })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: expected });
};

const positiveInteger = (note = '') => wholeNumber(1, Number.MAX_SAFE_INTEGER, note);
const port = () => wholeNumber(1, 65_535, 'a TCP port');

/** A positive number, decimals allowed (rates). */
const positiveNumber = () =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, { error: 'expected a positive number, e.g. 30 or 0.5' })
    .transform(Number)
    .refine((n) => n > 0, { error: 'expected a positive number, e.g. 30 or 0.5' });

const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .trim()
    .refine((v): v is T => (values as readonly string[]).includes(v), {
      error: `expected one of ${values.map((v) => `"${v}"`).join(', ')}`,
    });

const urlWith = (protocols: readonly string[], example: string) =>
  z.string().refine(
    (raw) => {
      try {
        return protocols.includes(new URL(raw).protocol);
      } catch {
        return false;
      }
    },
    { error: `expected a URL such as ${example}` },
  );

const httpUrl = () => urlWith(['http:', 'https:'], 'http://police:4001/graphql');
const postgresUrl = () => urlWith(['postgres:', 'postgresql:'], 'postgres://user:password@host:5432/database');

/** A lower-case SQL identifier (database name prefix, role name). */
const identifier = () =>
  z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'expected a plain lower-case identifier (a–z, 0–9, _)' });

const nonEmpty = () => z.string().trim().min(1, { error: 'expected a non-empty value' });

const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isTrustedAddress(entry: string): boolean {
  if (TRUST_PROXY_NAMES.includes(entry)) return true;
  const [address, mask, ...rest] = entry.split('/');
  if (!address || rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (mask === undefined) return true;
  if (/^\d+$/.test(mask)) return Number(mask) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(mask) === 4; // 10.0.0.0/255.0.0.0
}

/** TRUST_PROXY: true, false, a hop count, or a comma-separated list of addresses, subnets and names. */
const trustProxy = () =>
  z.string().refine(
    (raw) => {
      const value = raw.trim();
      if (value === '' || value === 'true' || value === 'false' || /^\d+$/.test(value)) return true;
      return value.split(',').every((entry) => isTrustedAddress(entry.trim()));
    },
    {
      error:
        'expected true, false, a hop count, or addresses/subnets separated by commas (e.g. "loopback, 10.0.0.0/8"; names: loopback, linklocal, uniquelocal)',
    },
  );

function isEd25519(kind: 'private' | 'public', pem: string): boolean {
  // Node derives a public key from a private PEM too; a private key where a public one belongs is refused.
  if (kind === 'public' && pem.includes('PRIVATE KEY')) return false;
  try {
    const key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' && key.type === kind;
  } catch {
    return false;
  }
}

const pemKey = (kind: 'private' | 'public') =>
  z.string().refine((raw) => isEd25519(kind, raw.replace(/\\n/g, '\n')), {
    error: `expected an Ed25519 ${kind} key in PEM form (${kind === 'private' ? 'PKCS#8' : 'SPKI'}; node ops/dist/keys.js writes them)`,
  });

// --- the variables ------------------------------------------------------------------------

const SERVICES: readonly Reader[] = ['gateway', 'subgraph', 'start'];
const GATEWAY: readonly Reader[] = ['gateway', 'start'];
const SUBGRAPH: readonly Reader[] = ['subgraph', 'start'];
const START: readonly Reader[] = ['start'];

const plain = (name: string, readers: readonly Reader[], schema: z.ZodType<unknown, string>): Variable => ({
  name,
  readers,
  schema,
  kind: 'plain',
});

/** Database owners: every registered subgraph and the gateway's identity store. */
export const DATABASE_OWNERS: readonly string[] = [...SUBGRAPH_NAMES, 'identity'];
export const ownerPrefix = (owner: string): string => subgraphEnvPrefix(owner);

export const GATEWAY_LIMIT_NAMES = ['MAX_DEPTH', 'MAX_ALIASES', 'MAX_TOKENS', 'MAX_COST', 'MAX_DIRECTIVES'] as const;

/** Variables that are no longer read; setting one refuses the start so an operator notices. */
export const RETIRED_VARIABLES: Readonly<Record<string, string>> = {
  CONTEXT_SECRET:
    'is no longer read: the gateway signs caller contexts with an Ed25519 key pair (CONTEXT_PRIVATE_KEY for the gateway, CONTEXT_PUBLIC_KEY for the subgraphs); remove it',
};

/** The variables of the system with the registered subgraphs. */
export function variables(subgraphs: readonly SubgraphName[] = SUBGRAPH_NAMES): Variable[] {
  const owners = [...subgraphs, 'identity'];
  const list: Variable[] = [
    plain('NODE_ENV', SERVICES, text()),
    plain('HOST', SERVICES, nonEmpty()),
    plain('PORT', GATEWAY, port()),
    ...subgraphs.flatMap((s) => [
      plain(`${subgraphEnvPrefix(s)}_PORT`, SERVICES, port()),
      plain(`${subgraphEnvPrefix(s)}_URL`, SERVICES, httpUrl()),
    ]),
    plain('DATABASE_URL', SERVICES, postgresUrl()),
    ...owners.flatMap((o) => [
      plain(`${ownerPrefix(o)}_DATABASE_URL`, SERVICES, postgresUrl()),
      plain(`${ownerPrefix(o)}_APP_DATABASE_URL`, SERVICES, postgresUrl()),
    ]),
    plain('DATABASE_PREFIX', SERVICES, identifier()),
    plain('DATABASE_TEMPLATE_PREFIX', SERVICES, identifier()),
    plain('DATABASE_POOL_SIZE', SERVICES, positiveInteger()),
    plain('APP_DATABASE_ROLE', SERVICES, identifier()),
    { name: 'APP_DATABASE_PASSWORD', readers: SERVICES, schema: nonEmpty(), kind: 'secret' },
    plain('REHAB_DATA_DIR', START, nonEmpty()),
    plain('EMBEDDED_PG_PORT', START, port()),
    plain('SEED_PERSONS', START, positiveInteger('persons')),
    plain('PG_BIN_DIR', START, nonEmpty()),
    { name: 'CONTEXT_PRIVATE_KEY', readers: GATEWAY, schema: pemKey('private'), kind: 'private-key', file: true },
    { name: 'CONTEXT_PUBLIC_KEY', readers: SUBGRAPH, schema: pemKey('public'), kind: 'public-key', file: true },
    ...subgraphs.flatMap((s): Variable[] => [
      {
        name: `${subgraphEnvPrefix(s)}_NOTICE_PRIVATE_KEY`,
        readers: SUBGRAPH,
        schema: pemKey('private'),
        kind: 'private-key',
        file: true,
      },
      {
        name: `${subgraphEnvPrefix(s)}_NOTICE_PUBLIC_KEY`,
        readers: SUBGRAPH,
        schema: pemKey('public'),
        kind: 'public-key',
        file: true,
      },
    ]),
    { name: 'ACCESS_TOKEN_SECRET', readers: GATEWAY, schema: nonEmpty(), kind: 'secret' },
    { name: 'PSEUDONYM_SECRET', readers: SUBGRAPH, schema: nonEmpty(), kind: 'secret' },
    plain('TRUST_PROXY', GATEWAY, trustProxy()),
    plain('TRUSTED_DOCUMENTS', GATEWAY, oneOf(['enforce', 'off'])),
    plain('GRAPHQL_SCHEMA_TOOLS_FOR_ALL', GATEWAY, oneOf(['true', 'false'])),
    plain('SUBGRAPH_TIMEOUT_MS', GATEWAY, positiveInteger('milliseconds, e.g. 10000')),
    plain('SUBGRAPH_READ_TIMEOUT_MS', GATEWAY, positiveInteger('milliseconds, e.g. 4000')),
    plain('SUBGRAPH_BREAKER_FAILURES', GATEWAY, wholeNumber(0, 1000, '0 turns the breaker off')),
    plain('SUBGRAPH_BREAKER_OPEN_MS', GATEWAY, positiveInteger('milliseconds, e.g. 10000')),
    plain('GATEWAY_ENGINE', START, oneOf(['apollo', 'hive'])),
    plain('SUBGRAPH_MAX_SOCKETS', GATEWAY, positiveInteger()),
    plain('SUPERGRAPH_PATH', GATEWAY, nonEmpty()),
    plain('WEB_DIR', GATEWAY, nonEmpty()),
    plain('LOGIN_HASH_CONCURRENCY', GATEWAY, positiveInteger()),
    plain('LOGIN_HASH_WAITING_PER_IP', GATEWAY, positiveInteger()),
    plain('LOGIN_HASH_WAITING', GATEWAY, positiveInteger()),
    plain('GRAPHQL_RATE_PER_SECOND', GATEWAY, positiveNumber()),
    plain('GRAPHQL_RATE_BURST', GATEWAY, positiveNumber()),
    plain('LOGIN_FAILURES_PER_MINUTE', GATEWAY, positiveNumber()),
    plain('LOGIN_FAILURES_BURST', GATEWAY, positiveNumber()),
    // The gateway's limits; a subgraph derives its own from them, so both read GRAPHQL_MAX_*.
    ...GATEWAY_LIMIT_NAMES.map((n) => plain(`GRAPHQL_${n}`, SERVICES, positiveInteger())),
    ...GATEWAY_LIMIT_NAMES.map((n) => plain(`SUBGRAPH_${n}`, SUBGRAPH, positiveInteger())),
    plain('SUBGRAPH_MAX_BODY_MIB', SUBGRAPH, positiveNumber()),
    plain('SMALL_CELL_THRESHOLD', SUBGRAPH, positiveInteger()),
    plain('INDICATOR_MAX_STALENESS_SECONDS', SUBGRAPH, positiveNumber()),
    plain('OUTBOX_STUCK_AFTER_SECONDS', SUBGRAPH, positiveInteger('seconds, e.g. 600')),
    plain('LOG_LEVEL', SERVICES, oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
    { name: 'METRICS_TOKEN', readers: SERVICES, schema: nonEmpty(), kind: 'secret' },
    plain('OTEL_EXPORTER_OTLP_ENDPOINT', SERVICES, httpUrl()),
    plain('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', SERVICES, httpUrl()),
  ];
  return list;
}
