import { execFile } from 'node:child_process';
import { chown, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withClient } from './pg-tools';

const run = promisify(execFile);

/**
 * Left out of a base backup, as pg_basebackup leaves them out: the running server's own
 * files and folders whose contents are rebuilt at start. pg_wal is copied last, after
 * pg_backup_stop, so it holds the WAL up to the end of the backup.
 */
const SKIPPED = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);
const EMPTIED = new Set([
  'pg_wal',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_stat_tmp',
  'pg_subtrans',
]);

/** Copies keeping owners and modes (PostgreSQL insists on both). */
async function copy(from: string, to: string): Promise<void> {
  await run('cp', ['-a', from, to]);
}

/** An empty folder owned as the original is. */
async function emptyLike(original: string, folder: string): Promise<void> {
  const { uid, gid } = await stat(original);
  await mkdir(folder, { mode: 0o700 });
  await chown(folder, uid, gid);
}

/** A file private to the account that owns the cluster (the server reads and renames it). */
async function writeLike(dataDir: string, file: string, text: string): Promise<void> {
  const { uid, gid } = await stat(dataDir);
  await writeFile(file, text, { mode: 0o600 });
  await chown(file, uid, gid);
}

async function copyCluster(dataDir: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(dataDir)) {
    if (SKIPPED.has(entry) || entry.startsWith('pgsql_tmp')) continue;
    if (EMPTIED.has(entry)) await emptyLike(join(dataDir, entry), join(target, entry));
    else await copy(join(dataDir, entry), target);
  }
}

/**
 * A base backup of a cluster whose data folder is on this machine (the embedded server of
 * `npm start`), taken with PostgreSQL's low-level backup functions while it keeps serving:
 * pg_backup_start, a copy of the data folder, pg_backup_stop's backup label, then the WAL.
 * Started on its own, the copy recovers to the moment the backup ended.
 */
export async function baseBackup(serverUrl: string, dataDir: string, target: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    // Both calls must come from this one session.
    await client.query("SELECT pg_backup_start('rehab-restore-drill', true)");
    try {
      await copyCluster(dataDir, target);
    } finally {
      const stopped = await client.query<{ labelfile: string; spcmapfile: string }>(
        'SELECT labelfile, spcmapfile FROM pg_backup_stop(false)',
      );
      const row = stopped.rows[0];
      if (row) {
        await writeLike(dataDir, join(target, 'backup_label'), row.labelfile);
        if (row.spcmapfile) await writeLike(dataDir, join(target, 'tablespace_map'), row.spcmapfile);
      }
    }
  });
  await emptyLike(join(dataDir, 'pg_wal', 'archive_status'), join(target, 'pg_wal', 'archive_status'));
  for (const segment of await readdir(join(dataDir, 'pg_wal'))) {
    if (segment !== 'archive_status') await copy(join(dataDir, 'pg_wal', segment), join(target, 'pg_wal'));
  }
}
