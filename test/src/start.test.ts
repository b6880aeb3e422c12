import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fallbackDataDir, freePort } from '@rehab/server-kit';
import { REPO_ROOT } from '@rehab/shared-schema';
import { DEMO_PASSWORD } from '@rehab/gateway';
import { PERSON_360, population } from './fixtures';

/**
 * `npm start` as a user runs it: the built ops/dist/start.js in its own process group,
 * a persistent embedded PostgreSQL in a fresh data folder, demo data seeded, then a
 * Ctrl-C to the whole group. Needs the TypeScript build (npm test builds first).
 */
const START_SCRIPT = join(REPO_ROOT, 'ops', 'dist', 'start.js');

function descendants(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(pid);
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start exited (${code}) before ready:\n${output}`));
    });
  });
}

describe('npm start', () => {
  const dataRoot = mkdtempSync(join(tmpdir(), 'rehab-start-'));
  afterAll(() => {
    rmSync(dataRoot, { recursive: true, force: true });
    // As root, the private temporary folder is out of postgres's reach: start used the fallback.
    rmSync(join(fallbackDataDir(join(dataRoot, 'pg')), '..'), { recursive: true, force: true });
  });

  it('reaches ready, answers a Person-360 query from all four subgraphs, and Ctrl-C leaves no process behind', async () => {
    expect(existsSync(START_SCRIPT)).toBe(true);
    const ports = {
      PORT: await freePort(),
      POLICE_PORT: await freePort(),
      LABOR_WELFARE_PORT: await freePort(),
      HEALTH_PORT: await freePort(),
      VOLUNTEERS_PORT: await freePort(),
    };
    const env: NodeJS.ProcessEnv = { ...process.env, REHAB_DATA_DIR: join(dataRoot, 'pg'), SEED_PERSONS: '300' };
    delete env.DATABASE_URL;
    for (const [key, value] of Object.entries(ports)) env[key] = String(value);
    const start = spawn(process.execPath, [START_SCRIPT], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    try {
      const output = await waitForOutput(start, /Ready\. Portal: http:\/\/localhost:\d+\//, 150_000);
      expect(output).toContain('Seeded 300 persons');
      const base = `http://localhost:${ports.PORT}`;
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'giamsat.hanoi', password: DEMO_PASSWORD }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const person = population.find((p) => p.stage === 'POST_REHAB') ?? population[0];
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ query: PERSON_360, variables: { number: person?.identificationNumber } }),
      });
      const body = (await response.json()) as {
        data: { personByIdentificationNumber: Record<string, unknown> };
        errors?: unknown;
      };
      expect(body.errors).toBeUndefined();
      const found = body.data.personByIdentificationNumber;
      expect(found.fullName).toBe(person?.fullName);
      expect(found).toHaveProperty('rehabEpisodes');
      expect(found).toHaveProperty('addictionDeterminations');
      expect(found).toHaveProperty('supportAssignments');
      const processes = descendants(start.pid as number);
      expect(processes.length).toBeGreaterThanOrEqual(6); // 4 subgraphs, gateway, postgres (+ its workers)
      process.kill(-(start.pid as number), 'SIGINT'); // Ctrl-C reaches the whole foreground group
      expect(await exited).toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      expect(processes.filter(alive)).toEqual([]);
    } finally {
      if (start.exitCode === null) process.kill(-(start.pid as number), 'SIGKILL');
    }
  });
});
