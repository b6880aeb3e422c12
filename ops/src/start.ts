import { join } from 'node:path';
import {
  CONTEXT_PRIVATE_KEY,
  ensureDevelopmentKeys,
  noticePrivateKeyName,
  pseudonymSecret,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '@rehab/server-kit';
import { DEFAULT_SUBGRAPH_PORTS, REPO_ROOT, SUBGRAPH_NAMES, subgraphEnvPrefix, type SubgraphName } from '@rehab/shared-schema';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, accessTokenSecret } from '@rehab/gateway';
import { isEmpty, openAllDatabases, seedAll } from './databases';
import { startChild, stopChild, waitForHealth, type Child } from './children';
import { SUBGRAPHS } from './registry';

/**
 * npm start: database (embedded PostgreSQL unless DATABASE_URL is set), migrations,
 * demo data when empty, four subgraphs, the gateway with the built portal. Ctrl-C
 * stops every process it started.
 */
const env: NodeJS.ProcessEnv = { ...process.env };
const children: Child[] = [];
let database: EmbeddedPostgresHandle | undefined;
let stopping = false;

async function startDatabase(): Promise<void> {
  if (env.DATABASE_URL) return;
  const dataDir = env.REHAB_DATA_DIR ?? join(REPO_ROOT, '.data', 'postgres');
  console.log(`Starting embedded PostgreSQL (data in ${dataDir})…`);
  database = await startEmbeddedPostgres({ dataDir, ...(env.EMBEDDED_PG_PORT ? { port: Number(env.EMBEDDED_PG_PORT) } : {}) });
  env.DATABASE_URL = database.url;
}

async function prepareData(): Promise<void> {
  const dbs = await openAllDatabases(env);
  try {
    if (await isEmpty(dbs)) {
      const persons = env.SEED_PERSONS ? Number(env.SEED_PERSONS) : undefined;
      console.log('Empty database: seeding the Hà Nội demo data…');
      const count = await seedAll(dbs, { ...(persons ? { persons } : {}), log: (m) => console.log(m) });
      console.log(`Seeded ${count} persons.`);
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
    const port = Number(env[`${prefix}_PORT`] ?? DEFAULT_SUBGRAPH_PORTS[s.name]);
    env[`${prefix}_PORT`] = String(port);
    const child = startChild(s.name, join(REPO_ROOT, 'subgraphs', s.name, 'dist', 'index.js'), subgraphEnv(s.name));
    children.push(child);
    await waitForHealth(`http://127.0.0.1:${port}/health`, child);
  }
  const port = Number(env.PORT ?? 4000);
  const gateway = startChild('gateway', join(REPO_ROOT, 'gateway', 'dist', 'index.js'), {
    ...envWithOnly(CONTEXT_PRIVATE_KEY),
    PORT: String(port),
  });
  children.push(gateway);
  await waitForHealth(`http://127.0.0.1:${port}/health`, gateway);
  return `http://localhost:${port}/`;
}

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('Stopping…');
    await Promise.all(children.map((c) => stopChild(c)));
    await database?.stop();
  }
  process.exit(code);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  await startDatabase();
  // Ed25519 pairs made for this start when not given: the gateway's context pair, one notice pair per subgraph.
  ensureDevelopmentKeys(env);
  pseudonymSecret(env);
  accessTokenSecret(env);
  await prepareData();
  const url = await startServices();
  for (const child of children) {
    void child.exited.then((exitCode) => {
      if (stopping) return;
      console.error(`${child.name} stopped unexpectedly (exit ${exitCode}); stopping everything.`);
      void shutdown(1);
    });
  }
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

main().catch((error: unknown) => {
  console.error('Start failed:', error instanceof Error ? error.message : error);
  void shutdown(1);
});
