import { execFile, fork, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@rehab/server-kit';
import { REPO_ROOT } from '@rehab/shared-schema';
import { dropAllDatabases, openAllDatabases, seedAll } from '@rehab/ops';

const run = promisify(execFile);
const script = (name: string): string => join(REPO_ROOT, 'ops', 'dist', name);

/** What `npm run restore-drill -- --json` prints (the parts the tests read). */
interface DrillReport {
  method: 'dump' | 'base-backup';
  databases: { owner: string; tables: number; rows: number; differences: string[]; dumpBytes: number | null }[];
  migrationsApplied: number;
  smoke: {
    ready: boolean;
    sample: { identificationNumber: string; fullName: string } | null;
    person: { identificationNumber: string; fullName: string } | null;
    failedAgencies: string[];
  };
  ok: boolean;
}

interface DrillRun {
  code: number;
  report: DrillReport | null;
  stderr: string;
}

/** Runs the drill as an operator does, in its own process. */
async function drill(env: NodeJS.ProcessEnv): Promise<DrillRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script('restore-drill.js'), '--json'], {
      env,
      maxBuffer: 8 * 1024 * 1024,
    });
    return { code: 0, report: JSON.parse(stdout) as DrillReport, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: failed.code ?? -1,
      report: failed.stdout ? (JSON.parse(failed.stdout) as DrillReport) : null,
      stderr: failed.stderr ?? '',
    };
  }
}

function expectPassed(result: DrillRun): DrillReport {
  expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
  const report = result.report as DrillReport;
  for (const database of report.databases) {
    expect({ owner: database.owner, differences: database.differences }).toEqual({ owner: database.owner, differences: [] });
    expect(database.tables).toBeGreaterThan(0);
  }
  expect(report.databases.map((d) => d.owner).sort()).toEqual(['health', 'identity', 'labor-welfare', 'police', 'volunteers']);
  expect(report.databases.find((d) => d.owner === 'police')?.rows).toBeGreaterThan(60);
  expect(report.migrationsApplied).toBe(0);
  expect(report.smoke.ready).toBe(true);
  expect(report.smoke.sample).not.toBeNull();
  expect(report.smoke.person).toMatchObject(report.smoke.sample as object);
  expect(report.smoke.failedAgencies).toEqual([]);
  expect(report.ok).toBe(true);
  return report;
}

/** npm start's PostgreSQL child on a data folder, running until stopped. */
async function runningServer(dataDir: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, REHAB_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
  delete env.DATABASE_URL;
  const child = fork(script('postgres-runner.js'), [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited (${code}) before it started`)));
  });
  return child;
}

async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (child?.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('npm run restore-drill', () => {
  it("backs up npm start's running PostgreSQL (a base backup), restores it on a fresh server and passes the smoke test", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'rehab-drill-source-'));
    await chmod(folder, 0o755);
    const dataDir = join(folder, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, REHAB_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    let server: ChildProcess | undefined;
    try {
      await run(process.execPath, [script('seed.js'), '--persons', '60'], { env });
      server = await runningServer(dataDir);
      // PG_BIN_DIR names a folder without pg_dump, so the drill takes the local cluster's base backup.
      const report = expectPassed(await drill({ ...env, PG_BIN_DIR: folder }));
      expect(report.method).toBe('base-backup');
    } finally {
      await stopServer(server);
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("dumps every database with pg_dump when one of the server's version is here, else says which version it needs", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PREFIX: `drill_${process.pid}` };
    const dbs = await openAllDatabases(env);
    try {
      await seedAll(dbs, { persons: 60 });
      await dbs.close();
      const result = await drill(env);
      if (result.code === 0) {
        const report = expectPassed(result);
        expect(report.method).toBe('dump');
        for (const database of report.databases) expect(database.dumpBytes).toBeGreaterThan(0);
      } else {
        // Only a version mismatch may stop it: anything else fails the test here.
        expect(result.stderr).toMatch(
          /The databases run PostgreSQL (\d+) and this machine has (pg_dump \d+|no pg_dump): pg_dump must be of version \1 or newer/,
        );
        expect(result.report).toBeNull();
      }
    } finally {
      await dropAllDatabases(env);
    }
  });
});
