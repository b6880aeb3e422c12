// Relative imports and plain node modules only: global setup runs outside jest's module mapping.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
/** The size of the demo population test systems start with (test/src/fixtures.ts). */
export const TEMPLATE_PERSONS = 300;

interface Ops {
  openAllDatabases(env: NodeJS.ProcessEnv): Promise<{ close(): Promise<void> }>;
  seedAll(dbs: { close(): Promise<void> }, options: { persons: number }): Promise<number>;
  dropAllDatabases(env: NodeJS.ProcessEnv): Promise<void>;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir)) {
    if (entry === '__tests__' || entry === 'node_modules') continue;
    const path = join(dir, entry);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSource(path) : stat.mtimeMs);
  }
  return newest;
}

/** The server workspaces, each built to dist/ by `tsc -b`. */
function serverProjects(): string[] {
  // Folders starting with a dot are scratch space, not subgraphs (a test's throwaway subgraph).
  const subgraphs = readdirSync(join(ROOT, 'subgraphs'))
    .filter((name) => !name.startsWith('.'))
    .map((name) => join('subgraphs', name))
    .filter((dir) => existsSync(join(ROOT, dir, 'tsconfig.json')));
  return ['shared-schema', 'server-kit', 'gateway', 'ops', ...subgraphs].map((dir) => join(ROOT, dir));
}

/** Whether every server workspace's build is newer than its sources (templates are made by the built code). */
export function buildIsFresh(): boolean {
  return serverProjects().every((dir) => {
    const info = join(dir, 'dist', '.tsbuildinfo');
    return existsSync(info) && newestSource(join(dir, 'src')) <= statSync(info).mtimeMs;
  });
}

async function loadOps(): Promise<Ops> {
  return (await import(join(ROOT, 'ops', 'dist', 'exports.js'))) as Ops;
}

/**
 * Migrates one set of databases (and seeds another with the demo population) for test
 * files to copy: each file's databases then start in a second instead of migrating the
 * real unit lists again. Returns the environment entries that point tests at them.
 */
export async function makeTemplates(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const ops = await loadOps();
  const id = randomBytes(4).toString('hex');
  const migrated = `tpl_${id}`;
  const seeded = `tps_${id}`;
  const plain = await ops.openAllDatabases({ ...env, DATABASE_PREFIX: migrated });
  await plain.close();
  const demo = await ops.openAllDatabases({ ...env, DATABASE_PREFIX: seeded, DATABASE_TEMPLATE_PREFIX: migrated });
  await ops.seedAll(demo, { persons: TEMPLATE_PERSONS });
  await demo.close();
  return { REHAB_TEST_TEMPLATE_PREFIX: migrated, REHAB_TEST_SEEDED_TEMPLATE: `${seeded}:${TEMPLATE_PERSONS}` };
}

export async function dropTemplates(env: NodeJS.ProcessEnv): Promise<void> {
  const migrated = env.REHAB_TEST_TEMPLATE_PREFIX;
  const seeded = env.REHAB_TEST_SEEDED_TEMPLATE?.split(':')[0];
  if (!migrated || !seeded || !env.DATABASE_URL) return;
  const ops = await loadOps();
  await ops.dropAllDatabases({ ...env, DATABASE_PREFIX: seeded });
  await ops.dropAllDatabases({ ...env, DATABASE_PREFIX: migrated });
}
