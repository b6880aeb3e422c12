import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts a node script as a child process, its output prefixed with its name. */
export function startChild(name: string, script: string, env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}`)
      .join('\n');
  child.stdout.on('data', (chunk: Buffer) => console.log(prefix(chunk)));
  child.stderr.on('data', (chunk: Buffer) => console.error(prefix(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, process: child, exited };
}

/** Polls a health URL until it answers 200, or fails after timeoutMs. */
export async function waitForHealth(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const state = { exited: false };
  void child.exited.then(() => {
    state.exited = true;
  });
  while (Date.now() < deadline) {
    if (state.exited) throw new Error(`${child.name} exited during start-up`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} did not become healthy at ${url} within ${timeoutMs / 1000}s`);
}

/** SIGTERM, then SIGKILL after graceMs for a child that does not exit. */
export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}
