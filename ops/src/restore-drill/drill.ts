import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseUrl, envPrefix, startEmbeddedPostgres, type DatabaseOwner } from '@rehab/server-kit';
import { SUBGRAPHS } from '../registry';
import { countDifferences, countRows, migrationCount, totalRows } from './counts';
import { dumpDatabase, restoreDump, type DumpFile } from './logical';
import { baseBackup } from './physical';
import { findDumpTools, serverMajor, type PgTool } from './pg-tools';
import { smokeTest, type SmokeResult } from './smoke';

export type DrillMethod = 'dump' | 'base-backup';

export interface DrillSource {
  /** How the system reaches its databases: DATABASE_URL and/or <OWNER>_DATABASE_URL. */
  env: NodeJS.ProcessEnv;
  /** The server's data folder, when it is on this machine (npm start's embedded server). */
  localCluster?: { dataDir: string; serverUrl: string };
}

export interface DrillOptions {
  source: DrillSource;
  /** Keep the dump files here (the drill's copies are deleted otherwise). */
  keepDumpsIn?: string;
  log?: (line: string) => void;
}

export interface DatabaseReport {
  owner: DatabaseOwner;
  tables: number;
  rows: number;
  /** Tables whose restored row count differs from the source's. */
  differences: string[];
  dumpBytes: number | null;
}

export interface DrillReport {
  method: DrillMethod;
  databases: DatabaseReport[];
  backupMs: number;
  restoreMs: number;
  /** Migrations the restored databases lacked, applied when the system opened them. */
  migrationsApplied: number;
  smoke: SmokeResult;
  ok: boolean;
}

export class DrillError extends Error {}

/** The drill's own server's log lines are not the operator's business. */
const quiet = (): void => undefined;

/** Every database of the system: one per registered subgraph and the gateway's identity store. */
export const systemOwners = (): DatabaseOwner[] => [...SUBGRAPHS.map((s) => s.name), 'identity'];

/** The same databases on another server (same names, that server's credentials). */
function onServer(url: string, serverUrl: string): string {
  const moved = new URL(serverUrl);
  moved.pathname = new URL(url).pathname;
  return moved.toString();
}

/** Environment naming each restored database explicitly, and nothing of the source's. */
function restoredEnv(urls: Map<DatabaseOwner, string>): NodeJS.ProcessEnv {
  return Object.fromEntries([...urls].map(([owner, url]) => [`${envPrefix(owner)}_DATABASE_URL`, url]));
}

async function chooseMethod(
  source: DrillSource,
  urls: Map<DatabaseOwner, string>,
): Promise<{ method: DrillMethod; tools: { dump: PgTool; restore: PgTool } | null }> {
  const tools = await findDumpTools(source.env);
  const majors = await Promise.all([...urls.values()].map(serverMajor));
  const needed = Math.max(...majors);
  if (tools && tools.dump.major >= needed) return { method: 'dump', tools };
  if (source.localCluster) return { method: 'base-backup', tools: null };
  const found = tools ? `pg_dump ${tools.dump.major}` : 'no pg_dump';
  throw new DrillError(
    `The databases run PostgreSQL ${needed} and this machine has ${found}: pg_dump must be of version ${needed} or newer. ` +
      'Install PostgreSQL client tools of that version and name their folder in PG_BIN_DIR.',
  );
}

async function logicalCopy(
  tools: { dump: PgTool; restore: PgTool },
  urls: Map<DatabaseOwner, string>,
  workDir: string,
  serverUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<{ restored: Map<DatabaseOwner, string>; dumps: Map<DatabaseOwner, DumpFile>; backupMs: number; restoreMs: number }> {
  const dumps = new Map<DatabaseOwner, DumpFile>();
  let started = Date.now();
  for (const [owner, url] of urls) dumps.set(owner, await dumpDatabase(tools.dump, url, workDir, env));
  const backupMs = Date.now() - started;
  started = Date.now();
  const restored = new Map<DatabaseOwner, string>();
  for (const [owner, dump] of dumps) {
    await restoreDump(tools.restore, dump, serverUrl, env);
    restored.set(owner, onServer(urls.get(owner) as string, serverUrl));
  }
  return { restored, dumps, backupMs, restoreMs: Date.now() - started };
}

/**
 * The restore drill: back up every database of the system, restore the backup into a
 * fresh PostgreSQL server, check every table's rows against the source, start the whole
 * system on the copy and read a person from every agency through the gateway. The source
 * is only read. With pg_dump of the server's version (or newer) the backup is a pg_dump
 * per database; otherwise, for a server whose data folder is here, a base backup.
 */
export async function runRestoreDrill(options: DrillOptions): Promise<DrillReport> {
  const log = options.log ?? (() => undefined);
  const urls = new Map(systemOwners().map((owner) => [owner, databaseUrl(owner, options.source.env)] as const));
  const { method, tools } = await chooseMethod(options.source, urls);
  log(`Method: ${method === 'dump' ? `pg_dump ${tools?.dump.major} per database` : 'base backup of the local cluster'}`);
  const sourceCounts = new Map(await Promise.all([...urls].map(async ([o, url]) => [o, await countRows(url)] as const)));
  const workDir = await mkdtemp(join(options.keepDumpsIn ?? tmpdir(), 'rehab-restore-drill-'));
  // PostgreSQL runs as an unprivileged account when we are root: it must enter this folder.
  await chmod(workDir, 0o755);
  await mkdir(join(workDir, 'server'), { mode: 0o755 });
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  try {
    let restored: Map<DatabaseOwner, string>;
    let dumps = new Map<DatabaseOwner, DumpFile>();
    let backupMs: number;
    let restoreMs: number;
    if (method === 'dump' && tools) {
      server = await startEmbeddedPostgres({ dataDir: join(workDir, 'server', 'data'), log: quiet });
      log(`Fresh server: PostgreSQL at ${new URL(server.url).host}`);
      ({ restored, dumps, backupMs, restoreMs } = await logicalCopy(tools, urls, workDir, server.url, options.source.env));
    } else {
      const cluster = options.source.localCluster as NonNullable<DrillSource['localCluster']>;
      let started = Date.now();
      await baseBackup(cluster.serverUrl, cluster.dataDir, join(workDir, 'server', 'data'));
      backupMs = Date.now() - started;
      started = Date.now();
      server = await startEmbeddedPostgres({ dataDir: join(workDir, 'server', 'data'), log: quiet });
      restoreMs = Date.now() - started;
      const serverUrl = server.url;
      restored = new Map([...urls].map(([owner, url]) => [owner, onServer(url, serverUrl)]));
    }
    log(`Backed up in ${backupMs} ms, restored in ${restoreMs} ms`);
    const databases: DatabaseReport[] = [];
    for (const [owner, url] of restored) {
      const source = sourceCounts.get(owner) ?? new Map<string, number>();
      const copy = await countRows(url);
      databases.push({
        owner,
        tables: copy.size,
        rows: totalRows(copy),
        differences: countDifferences(source, copy),
        dumpBytes: dumps.get(owner)?.bytes ?? null,
      });
    }
    const before = await Promise.all([...restored.values()].map(migrationCount));
    const smoke = await smokeTest(restoredEnv(restored), restored.get('police') as string);
    const after = await Promise.all([...restored.values()].map(migrationCount));
    const migrationsApplied = after.reduce((sum, n, i) => sum + n - (before[i] ?? 0), 0);
    const ok =
      databases.every((d) => d.differences.length === 0) &&
      smoke.ready &&
      smoke.person !== null &&
      smoke.person.fullName === smoke.sample?.fullName &&
      smoke.failedAgencies.length === 0;
    return { method, databases, backupMs, restoreMs, migrationsApplied, smoke, ok };
  } finally {
    await server?.stop();
    // The copies hold the agencies' records: nothing of them stays behind unless asked.
    if (options.keepDumpsIn) await rm(join(workDir, 'server'), { recursive: true, force: true });
    else await rm(workDir, { recursive: true, force: true });
  }
}
