import { join } from 'node:path';
import {
  CONTEXT_PRIVATE_KEY,
  ConfigError,
  ensureDevelopmentKeys,
  freePort,
  noticePrivateKeyName,
  pseudonymSecret,
  validateEnvironment,
} from '@rehab/server-kit';
import { DEFAULT_SUBGRAPH_PORTS, REPO_ROOT, SUBGRAPH_NAMES, subgraphEnvPrefix, type SubgraphName } from '@rehab/shared-schema';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, accessTokenSecret } from '@rehab/gateway';
import { isEmpty, openAllDatabases, seedAll } from './databases';
import type { Child } from './children';
import { SupervisedService, watchHealth } from './supervisor';
import { SUBGRAPHS } from './registry';

/**
 * npm start: database (embedded PostgreSQL unless DATABASE_URL is set), migrations, demo
 * data when empty, the subgraphs, the gateway with the built portal, all supervised: a
 * service that exits (or stops answering /health) is restarted with backoff while the
 * others keep serving; the embedded PostgreSQL likewise. Ctrl-C or SIGTERM stops the
 * gateway first (it drains requests in flight), then the subgraphs, then PostgreSQL; a
 * second Ctrl-C stops everything at once.
 */
const env: NodeJS.ProcessEnv = { ...process.env };
let database: SupervisedService | undefined;
const subgraphs: SupervisedService[] = [];
let gateway: SupervisedService | undefined;
let stopWatching = (): void => undefined;
let stopping = false;

const log = (line: string): void => console.log(`[start] ${line}`);
const script = (...path: string[]): string => join(REPO_ROOT, ...path);

async function startDatabase(): Promise<void> {
  if (env.DATABASE_URL) return;
  const dataDir = env.REHAB_DATA_DIR || join(REPO_ROOT, '.data', 'postgres');
  const port = env.EMBEDDED_PG_PORT ? Number(env.EMBEDDED_PG_PORT) : await freePort();
  log(`Starting embedded PostgreSQL on port ${port} (data in ${dataDir})…`);
  let url: string | undefined;
  database = new SupervisedService(
    {
      name: 'postgres',
      script: script('ops', 'dist', 'postgres-runner.js'),
      env: { ...process.env, REHAB_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) },
      stopGraceMs: 20_000,
      // The runner says when the server accepts connections (the same URL on every restart).
      ready: (child: Child) =>
        new Promise<void>((resolve, reject) => {
          const onMessage = (message: unknown) => {
            if (typeof message === 'object' && message !== null && 'url' in message && typeof message.url === 'string') {
              url = message.url;
              resolve();
            }
          };
          child.process.on('message', onMessage);
          void child.exited.then(() => reject(new Error('PostgreSQL exited during start-up')));
        }),
    },
    log,
  );
  await database.start();
  if (!url) throw new Error('PostgreSQL gave no URL');
  env.DATABASE_URL = url;
}

async function prepareData(): Promise<void> {
  const dbs = await openAllDatabases(env);
  try {
    if (await isEmpty(dbs)) {
      const persons = env.SEED_PERSONS ? Number(env.SEED_PERSONS) : undefined;
      log('Empty database: seeding the Hà Nội demo data…');
      const count = await seedAll(dbs, { ...(persons ? { persons } : {}), log: (m) => log(m) });
      log(`Seeded ${count} persons.`);
    }
  } finally {
    await dbs.close();
  }
}

/** Private keys: each process gets only its own (public keys go to everyone). */
const PRIVATE_KEY_NAMES = [CONTEXT_PRIVATE_KEY, ...SUBGRAPH_NAMES.map(noticePrivateKeyName)];

function envWithOnly(own: string): NodeJS.ProcessEnv {
  const withheld = new Set(PRIVATE_KEY_NAMES.filter((name) => name !== own).flatMap((name) => [name, `${name}_FILE`]));
  return Object.fromEntries(Object.entries(env).filter(([name]) => !withheld.has(name)));
}

const subgraphEnv = (name: SubgraphName): NodeJS.ProcessEnv => envWithOnly(noticePrivateKeyName(name));

async function startServices(): Promise<string> {
  for (const s of SUBGRAPHS) {
    const prefix = subgraphEnvPrefix(s.name);
    const port = Number(env[`${prefix}_PORT`] || DEFAULT_SUBGRAPH_PORTS[s.name]);
    env[`${prefix}_PORT`] = String(port);
  }
  for (const s of SUBGRAPHS) {
    const port = env[`${subgraphEnvPrefix(s.name)}_PORT`] as string;
    const service = new SupervisedService(
      {
        name: s.name,
        script: script('subgraphs', s.name, 'dist', 'index.js'),
        env: subgraphEnv(s.name),
        healthUrl: `http://127.0.0.1:${port}/health`,
      },
      log,
    );
    subgraphs.push(service);
  }
  // Each subgraph migrates its own database: they start side by side, the gateway after them all.
  await Promise.all(subgraphs.map((service) => service.start()));
  const port = Number(env.PORT || 4000);
  gateway = new SupervisedService(
    {
      name: 'gateway',
      // GATEWAY_ENGINE=hive: the same supergraph, login and signing under Hive Gateway.
      script: env.GATEWAY_ENGINE === 'hive' ? script('hive-gateway', 'dist', 'index.js') : script('gateway', 'dist', 'index.js'),
      env: { ...envWithOnly(CONTEXT_PRIVATE_KEY), PORT: String(port) },
      healthUrl: `http://127.0.0.1:${port}/health`,
      // Apollo's drain plugin lets requests in flight finish (up to 10 s) before the server closes.
      stopGraceMs: 20_000,
    },
    log,
  );
  await gateway.start();
  return `http://localhost:${port}/`;
}

/** Gateway first (draining), then the subgraphs, then PostgreSQL. */
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    stopWatching();
    if (gateway) {
      log('Stopping the gateway (requests in flight finish first)…');
      await gateway.stop();
    }
    if (subgraphs.length > 0) {
      log('Stopping the subgraphs…');
      await Promise.all(subgraphs.map((s) => s.stop()));
    }
    if (database) {
      log('Stopping PostgreSQL…');
      await database.stop();
    }
    log('Stopped.');
  }
  process.exit(code);
}

function force(): void {
  log('Second signal: stopping everything now.');
  for (const service of [gateway, ...subgraphs, database]) service?.kill();
  process.exit(130);
}

function onSignal(): void {
  if (stopping) force();
  else void shutdown(0);
}

async function main(): Promise<void> {
  try {
    validateEnvironment({ reader: 'start' }, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    console.error('See docs/configuration.md.');
    process.exit(2);
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await startDatabase();
  // Ed25519 pairs made for this start when not given: the gateway's context pair, one notice pair per subgraph.
  ensureDevelopmentKeys(env);
  pseudonymSecret(env);
  accessTokenSecret(env);
  await prepareData();
  const url = await startServices();
  stopWatching = watchHealth(() => [...subgraphs, ...(gateway ? [gateway] : [])]);
  console.log(
    [
      '',
      `Ready. Portal: ${url}`,
      `       API:    ${url}graphql`,
      `Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

// Children do not outlive npm start, however it ends: each stops itself when its IPC channel closes.
main().catch((error: unknown) => {
  console.error('Start failed:', error instanceof Error ? error.message : error);
  void shutdown(1);
});
