import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envPrefix, fallbackDataDir, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@rehab/server-kit';
import { REPO_ROOT } from '@rehab/shared-schema';
import { DrillError, runRestoreDrill, systemOwners, type DrillReport, type DrillSource } from './restore-drill/drill';

/**
 * npm run restore-drill [-- --keep-dumps <folder>] [--json]: backs up the system's databases
 * (DATABASE_URL and <OWNER>_DATABASE_URL, or else npm start's embedded server), restores
 * them into a fresh PostgreSQL server, compares every table and runs the smoke test.
 * Exit code 0 only when all of it passed.
 */
const EMBEDDED_PASSWORD = 'rehab-embedded';

function keepDumpsIn(args: readonly string[]): string | undefined {
  const at = args.indexOf('--keep-dumps');
  return at >= 0 ? args[at + 1] : undefined;
}

/** npm start's data folder (or where it lives when the postgres account cannot reach it). */
function embeddedDataDir(env: NodeJS.ProcessEnv): string | null {
  const requested = env.REHAB_DATA_DIR || join(REPO_ROOT, '.data', 'postgres');
  for (const dir of [requested, fallbackDataDir(requested)]) if (existsSync(join(dir, 'PG_VERSION'))) return dir;
  return null;
}

/** The port of a running server of that folder (postmaster.pid's fourth line), if one runs. */
function runningPort(dataDir: string): number | null {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
  return Number.isInteger(port) && port > 0 ? port : null;
}

async function embeddedSource(env: NodeJS.ProcessEnv): Promise<{ source: DrillSource; stop: () => Promise<void> }> {
  const dataDir = embeddedDataDir(env);
  if (!dataDir) throw new DrillError('Nothing to back up: set DATABASE_URL, or run npm start once so its database exists.');
  const port = runningPort(dataDir);
  let started: EmbeddedPostgresHandle | undefined;
  const serverUrl = port
    ? `postgres://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`
    : (started = await startEmbeddedPostgres({ dataDir })).url;
  return {
    source: { env: { ...env, DATABASE_URL: serverUrl }, localCluster: { dataDir, serverUrl } },
    stop: async () => started?.stop(),
  };
}

function print(report: DrillReport): void {
  for (const d of report.databases) {
    const size = d.dumpBytes === null ? '' : `, dump ${(d.dumpBytes / 1024).toFixed(0)} KiB`;
    const state = d.differences.length ? `DIFFERS: ${d.differences.join('; ')}` : 'rows equal';
    console.log(`  ${d.owner}: ${d.tables} tables, ${d.rows} rows${size}: ${state}`);
  }
  console.log(`  migrations applied on the copy: ${report.migrationsApplied}`);
  console.log(`  /ready on the restored system: ${report.smoke.ready ? 'yes' : 'NO'}`);
  const person = report.smoke.person;
  console.log(
    person
      ? `  person ${person.identificationNumber} read through the gateway from every agency${report.smoke.failedAgencies.length ? `, except: ${report.smoke.failedAgencies.join(', ')}` : ''}`
      : '  NO person could be read through the gateway',
  );
  console.log(report.ok ? 'Restore drill passed.' : 'Restore drill FAILED.');
}

/** Whether the environment names every database of the system (else npm start's server holds them). */
function namesEveryDatabase(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.DATABASE_URL) || systemOwners().every((owner) => Boolean(env[`${envPrefix(owner)}_DATABASE_URL`]));
}

async function main(): Promise<void> {
  const own = namesEveryDatabase(process.env) ? null : await embeddedSource(process.env);
  const source = own?.source ?? { env: process.env };
  try {
    const args = process.argv.slice(2);
    const keep = keepDumpsIn(args);
    const json = args.includes('--json');
    // With --json the report is the only thing on stdout (for scripts); progress goes to stderr.
    const log = (line: string): void => (json ? console.error(line) : console.log(line));
    const report = await runRestoreDrill({ source, ...(keep ? { keepDumpsIn: keep } : {}), log });
    if (json) console.log(JSON.stringify(report));
    else print(report);
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await own?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof DrillError ? error.message : error instanceof Error ? `Restore drill FAILED: ${error.message}` : error,
  );
  process.exit(1);
});
