import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<ExitStatus>;
}

/** How a child ended, for the log: "exit 1", "signal SIGKILL". */
export const describeExit = ({ code, signal }: ExitStatus): string => (signal ? `signal ${signal}` : `exit ${code}`);

/** The runner every child starts through (see child-runner.ts). */
const RUNNER = join(__dirname, 'child-runner.js');

/**
 * Starts a node script as a child process, its output prefixed with its name. The child
 * runs in its own process group, so a terminal's Ctrl-C reaches only npm start, which then
 * stops the services in order; through its IPC channel it stops itself when npm start is gone.
 */
export function startChild(name: string, script: string, env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, [RUNNER, script], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}`)
      .join('\n');
  child.stdout?.on('data', (chunk: Buffer) => console.log(prefix(chunk)));
  child.stderr?.on('data', (chunk: Buffer) => console.error(prefix(chunk)));
  // A child that died leaves its channel closed; sending to it must not throw in npm start.
  child.on('error', (error) => console.error(`[${name}] ${error.message}`));
  const exited = new Promise<ExitStatus>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { name, process: child, exited };
}

export const isRunning = (child: Child): boolean => child.process.exitCode === null && child.process.signalCode === null;

/** Polls a health URL until it answers 200, or fails after timeoutMs. */
export async function waitForHealth(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(child)) throw new Error(`${child.name} exited during start-up`);
    if (await answers(url, 2_000)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} did not become healthy at ${url} within ${timeoutMs / 1000}s`);
}

/** Whether a URL answers 200 within timeoutMs. */
export async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL (of its whole process group) after graceMs for a child that does not exit. */
export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  if (!isRunning(child)) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => killGroup(child), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** SIGKILL to the child and everything it started (its process group). */
export function killGroup(child: Child): void {
  const pid = child.process.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
