import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SUBGRAPH_NAMES, subgraphEnvPrefix, type SubgraphName } from '@rehab/shared-schema';

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

/**
 * The secret the subgraphs derive analysts' person pseudonyms from (PSEUDONYM_SECRET).
 * Every subgraph must have the same one; the gateway does not need it. Changing it
 * changes every pseudonym.
 */
export function pseudonymSecret(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv('PSEUDONYM_SECRET', env);
}

// --- Asymmetric keys (Ed25519) -------------------------------------------------------------

/** An Ed25519 key pair as PEM text (PKCS#8 private, SPKI public). */
export interface PemKeyPair {
  privateKey: string;
  publicKey: string;
}

export function generateEd25519Pem(): PemKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** PEM text from NAME, or from the file NAME_FILE names; undefined when neither is set. */
export function pemFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const inline = env[name];
  if (inline) return inline.replace(/\\n/g, '\n');
  const file = env[`${name}_FILE`];
  if (file) return readFileSync(file, 'utf8');
  return undefined;
}

function ed25519(key: KeyObject, name: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${name} must be an Ed25519 key`);
  return key;
}

export const privateKeyFrom = (pem: string, name: string): KeyObject => ed25519(createPrivateKey(pem), name);
export const publicKeyFrom = (pem: string, name: string): KeyObject => ed25519(createPublicKey(pem), name);

/** Env names of the gateway's context key pair. */
export const CONTEXT_PRIVATE_KEY = 'CONTEXT_PRIVATE_KEY';
export const CONTEXT_PUBLIC_KEY = 'CONTEXT_PUBLIC_KEY';
/** Env names of a subgraph's notice key pair, e.g. POLICE_NOTICE_PRIVATE_KEY. */
export const noticePrivateKeyName = (name: SubgraphName): string => `${subgraphEnvPrefix(name)}_NOTICE_PRIVATE_KEY`;
export const noticePublicKeyName = (name: SubgraphName): string => `${subgraphEnvPrefix(name)}_NOTICE_PUBLIC_KEY`;

function required(name: string, env: NodeJS.ProcessEnv): string {
  const pem = pemFromEnv(name, env);
  if (!pem) throw new Error(`${name} (or ${name}_FILE) must be set`);
  return pem;
}

/**
 * Development only: makes every key pair of which neither half is set and stores the PEM
 * text in env, so the children npm start launches with that env share them (a process
 * given only a public key keeps it). Production must provide them; there this throws.
 */
export function ensureDevelopmentKeys(env: NodeJS.ProcessEnv = process.env): void {
  const pairs: [string, string][] = [
    [CONTEXT_PRIVATE_KEY, CONTEXT_PUBLIC_KEY],
    ...SUBGRAPH_NAMES.map((s): [string, string] => [noticePrivateKeyName(s), noticePublicKeyName(s)]),
  ];
  for (const [privateName, publicName] of pairs) {
    if (pemFromEnv(privateName, env) || pemFromEnv(publicName, env)) continue;
    if (env.NODE_ENV === 'production') throw new Error(`${privateName} and ${publicName} must be set in production`);
    const pair = generateEd25519Pem();
    env[privateName] = pair.privateKey;
    env[publicName] = pair.publicKey;
  }
}

/** What a subgraph holds: the gateway's PUBLIC key, its own notice private key, the others' notice public keys. */
export interface SubgraphTrust {
  contextPublicKey: KeyObject;
  noticePrivateKey: KeyObject;
  noticePublicKeys: Readonly<Record<SubgraphName, KeyObject>>;
}

/** A subgraph's keys from env (development: made when missing, see ensureDevelopmentKeys). */
export function subgraphTrustFromEnv(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): SubgraphTrust {
  if (env.NODE_ENV !== 'production') ensureDevelopmentKeys(env);
  const noticePublicKeys = Object.fromEntries(
    SUBGRAPH_NAMES.map((s) => [s, publicKeyFrom(required(noticePublicKeyName(s), env), noticePublicKeyName(s))]),
  );
  return {
    contextPublicKey: publicKeyFrom(required(CONTEXT_PUBLIC_KEY, env), CONTEXT_PUBLIC_KEY),
    noticePrivateKey: privateKeyFrom(required(noticePrivateKeyName(name), env), noticePrivateKeyName(name)),
    noticePublicKeys: noticePublicKeys,
  };
}

/** The gateway's context signing key (CONTEXT_PRIVATE_KEY); only the gateway holds it. */
export function contextPrivateKeyFromEnv(env: NodeJS.ProcessEnv = process.env): KeyObject {
  if (env.NODE_ENV !== 'production') ensureDevelopmentKeys(env);
  return privateKeyFrom(required(CONTEXT_PRIVATE_KEY, env), CONTEXT_PRIVATE_KEY);
}

/** Generated key objects for an in-process system (tests): the gateway's pair and one per subgraph. */
export interface GeneratedTrust {
  contextPrivateKey: KeyObject;
  contextPublicKey: KeyObject;
  noticePrivateKeys: Record<SubgraphName, KeyObject>;
  noticePublicKeys: Record<SubgraphName, KeyObject>;
}

export function generateTrust(names: readonly SubgraphName[] = SUBGRAPH_NAMES): GeneratedTrust {
  const context = generateKeyPairSync('ed25519');
  const pairs = names.map((s) => [s, generateKeyPairSync('ed25519')] as const);
  return {
    contextPrivateKey: context.privateKey,
    contextPublicKey: context.publicKey,
    noticePrivateKeys: Object.fromEntries(pairs.map(([s, p]) => [s, p.privateKey])),
    noticePublicKeys: Object.fromEntries(pairs.map(([s, p]) => [s, p.publicKey])),
  };
}

/** One subgraph's share of generated keys. */
export function subgraphTrustOf(trust: GeneratedTrust, name: SubgraphName): SubgraphTrust {
  return {
    contextPublicKey: trust.contextPublicKey,
    noticePrivateKey: noticePrivateKeyOf(trust, name),
    noticePublicKeys: trust.noticePublicKeys,
  };
}

/** A subgraph's notice private key; an unknown name is a programming error. */
export function noticePrivateKeyOf(trust: Pick<GeneratedTrust, 'noticePrivateKeys'>, name: SubgraphName): KeyObject {
  const key = trust.noticePrivateKeys[name];
  if (!key) throw new Error(`No notice key of subgraph ${name}`);
  return key;
}
