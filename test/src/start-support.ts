import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { freePort } from '@rehab/server-kit';
import { REPO_ROOT } from '@rehab/shared-schema';
import { DEMO_PASSWORD } from '@rehab/gateway';

/**
 * `npm start` as a user runs it, for the tests: the built ops/dist/start.js in its own
 * process group (as a terminal runs it), its output collected, and the process tree read
 * from `ps`. Needs the TypeScript build and the built portal (npm test builds both first).
 */
export const START_SCRIPT = join(REPO_ROOT, 'ops', 'dist', 'start.js');

interface ProcessRow {
  pid: number;
  ppid: number;
  args: string;
}

function processTable(): ProcessRow[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const [, pid, ppid, args] = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line) ?? [];
      return { pid: Number(pid), ppid: Number(ppid), args: args ?? '' };
    });
}

/** Every process below pid, with its command line. */
export function descendantProcesses(pid: number): ProcessRow[] {
  const rows = processTable();
  const found: ProcessRow[] = [];
  const walk = (parent: number) => {
    for (const row of rows.filter((r) => r.ppid === parent)) {
      found.push(row);
      walk(row.pid);
    }
  };
  walk(pid);
  return found;
}

export const descendants = (pid: number): number[] => descendantProcesses(pid).map((p) => p.pid);

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls check until it returns a value (not undefined) or timeoutMs passes. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${last})` : ''}`);
}

export interface StartPorts {
  PORT: number;
  POLICE_PORT: number;
  LABOR_WELFARE_PORT: number;
  HEALTH_PORT: number;
  VOLUNTEERS_PORT: number;
}

export async function freeStartPorts(): Promise<StartPorts> {
  return {
    PORT: await freePort(),
    POLICE_PORT: await freePort(),
    LABOR_WELFARE_PORT: await freePort(),
    HEALTH_PORT: await freePort(),
    VOLUNTEERS_PORT: await freePort(),
  };
}

/** A running `npm start`: its process, everything it printed, and waits on its output. */
export class NpmStart {
  output = '';
  readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly ports: StartPorts,
  ) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    process.stdout?.on('data', collect);
    process.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
  }

  /** Starts ops/dist/start.js with an embedded PostgreSQL in dataDir (no DATABASE_URL). */
  static launch(dataDir: string, ports: StartPorts, extraEnv: NodeJS.ProcessEnv = {}): NpmStart {
    const env: NodeJS.ProcessEnv = { ...process.env, REHAB_DATA_DIR: dataDir, SEED_PERSONS: '300', ...extraEnv };
    delete env.DATABASE_URL;
    for (const [key, value] of Object.entries(ports)) env[key] = String(value);
    const child = spawn(process.execPath, [START_SCRIPT], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    return new NpmStart(child, ports);
  }

  get pid(): number {
    return this.process.pid as number;
  }

  get base(): string {
    return `http://localhost:${this.ports.PORT}`;
  }

  /** Resolves when the output (from `from` on) matches, with the output so far; rejects if start exits first. */
  async waitFor(pattern: RegExp, timeoutMs = 150_000, from = 0): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (pattern.test(this.output.slice(from))) return this.output;
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        throw new Error(`start exited (${this.process.exitCode ?? this.process.signalCode}) before ${pattern}:\n${this.output}`);
      }
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${this.output}`);
      await sleep(100);
    }
  }

  /** The pid of the supervised child running this script (e.g. "subgraphs/police/dist/index.js"). */
  childPid(scriptPart: string): number {
    const row = descendantProcesses(this.pid).find((p) => p.args.includes('child-runner.js') && p.args.includes(scriptPart));
    if (!row) throw new Error(`no child running ${scriptPart}`);
    return row.pid;
  }

  /** Kills the whole process group, if still running (test cleanup). */
  kill(): void {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const pids = [this.pid, ...descendants(this.pid)];
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }

  async login(username = 'giamsat.hanoi'): Promise<Response> {
    return fetch(`${this.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
  }

  async token(username = 'giamsat.hanoi'): Promise<string> {
    const response = await this.login(username);
    if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  async graphql<T>(
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{
    status: number;
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  }> {
    const response = await fetch(`${this.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  }

  /**
   * A GraphQL request held in flight: its headers and half its body are sent now, the rest
   * when `finish` is called, so the gateway has it open across whatever happens between.
   */
  heldGraphql<T>(token: string, query: string, variables: Record<string, unknown> = {}): HeldRequest<T> {
    const body = Buffer.from(JSON.stringify({ query, variables }));
    const half = Math.floor(body.length / 2);
    let finish = (): void => undefined;
    const response = new Promise<{ status: number; body: GraphQLBody<T> }>((resolve, reject) => {
      const req = request(
        `${this.base}/graphql`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as GraphQLBody<T> }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, half));
      finish = () => req.end(body.subarray(half));
    });
    return { response, finish: () => finish() };
  }
}

export interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface HeldRequest<T> {
  response: Promise<{ status: number; body: GraphQLBody<T> }>;
  finish(): void;
}
