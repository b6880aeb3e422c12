import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fallbackDataDir } from '@rehab/server-kit';
import { PERSON_360, population } from './fixtures';
import { NpmStart, START_SCRIPT, alive, descendantProcesses, eventually, freeStartPorts } from './start-support';

/**
 * `npm start` as a user runs it: the built ops/dist/start.js in its own process group, a
 * persistent embedded PostgreSQL in a fresh data folder, demo data seeded. A service killed
 * comes back while the others keep answering; so does PostgreSQL; Ctrl-C to the whole group
 * and SIGTERM stop everything in order. Needs the TypeScript build (npm test builds first).
 */
interface Person360 {
  personByIdentificationNumber: Record<string, unknown> | null;
}

const person = population.find((p) => p.stage === 'POST_REHAB') ?? population[0];

function person360(start: NpmStart, token: string) {
  return start.graphql<Person360>(token, PERSON_360, { number: person?.identificationNumber });
}

/** What a Person-360 answer lacks (an error, the person, an agency's part), or undefined when it is whole. */
async function lacking(start: NpmStart, token: string): Promise<string | undefined> {
  const body = await person360(start, token);
  const found = body.data?.personByIdentificationNumber;
  if (body.errors !== undefined) return `errors: ${JSON.stringify(body.errors)}`;
  if (found?.fullName !== person?.fullName) return `not the person: ${JSON.stringify(found?.fullName)}`;
  return Array.isArray(found?.rehabEpisodes) ? undefined : 'no rehab episodes';
}

/** A Person-360 answer with every agency's part and no error. */
async function complete(start: NpmStart, token: string): Promise<true | undefined> {
  return (await lacking(start, token)) === undefined ? true : undefined;
}

describe('npm start', () => {
  const dataRoot = mkdtempSync(join(tmpdir(), 'rehab-start-'));
  const dataDir = join(dataRoot, 'pg');
  let start: NpmStart | undefined;
  afterEach(() => start?.kill());
  afterAll(() => {
    rmSync(dataRoot, { recursive: true, force: true });
    // As root, the private temporary folder is out of postgres's reach: start used the fallback.
    rmSync(join(fallbackDataDir(dataDir), '..'), { recursive: true, force: true });
  });

  it('serves Person-360, restarts a killed subgraph and a killed PostgreSQL while the rest keeps serving, and Ctrl-C leaves nothing behind', async () => {
    expect(existsSync(START_SCRIPT)).toBe(true);
    start = NpmStart.launch(dataDir, await freeStartPorts());
    const output = await start.waitFor(/Ready\. Portal: http:\/\/localhost:\d+\//);
    expect(output).toContain('Seeded 300 persons');
    const token = await start.token();
    expect(await lacking(start, token)).toBeUndefined();
    const processes = descendantProcesses(start.pid).map((p) => p.pid);
    expect(processes.length).toBeGreaterThanOrEqual(6); // 4 subgraphs, gateway, postgres (+ its workers)

    // A subgraph dies: it is restarted, and meanwhile the gateway answers the other agencies' parts.
    const laborWelfare = start.childPid('subgraphs/labor-welfare/dist/index.js');
    let mark = start.output.length;
    process.kill(laborWelfare, 'SIGKILL');
    await start.waitFor(/labor-welfare stopped unexpectedly \(signal SIGKILL\)/, 10_000, mark);
    const healthUrl = `http://127.0.0.1:${start.ports.LABOR_WELFARE_PORT}/health`;
    await expect(fetch(healthUrl)).rejects.toThrow(); // the restart waits its backoff: down for now
    const during = await person360(start, token);
    const partial = during.data?.personByIdentificationNumber;
    expect(partial?.fullName).toBe(person?.fullName); // police
    expect(partial).toHaveProperty('addictionDeterminations'); // health
    expect(partial).toHaveProperty('supportAssignments'); // volunteers
    const missing = during.errors?.find((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE');
    expect(missing?.extensions?.subgraph).toBe('labor-welfare'); // down
    await start.waitFor(/labor-welfare is back\./, 60_000, mark);
    expect((await fetch(healthUrl)).status).toBe(200);
    expect(start.childPid('subgraphs/labor-welfare/dist/index.js')).not.toBe(laborWelfare);
    expect(await lacking(start, token)).toBeUndefined();
    const otherServices = ['police', 'health', 'volunteers'].map((s) => start?.childPid(`subgraphs/${s}/dist/index.js`));
    expect(otherServices.every((pid) => pid !== undefined && processes.includes(pid))).toBe(true); // never restarted

    // PostgreSQL's postmaster dies: noticed, started again on the same port, the services reconnect.
    const runner = start.childPid('postgres-runner.js');
    const postmaster = descendantProcesses(runner).find((p) => /bin\/postgres\s/.test(p.args));
    expect(postmaster).toBeDefined();
    mark = start.output.length;
    process.kill(postmaster?.pid as number, 'SIGKILL');
    await start.waitFor(/postgres stopped unexpectedly/, 30_000, mark);
    await start.waitFor(/postgres is back\./, 60_000, mark);
    expect(await eventually('Person-360 after PostgreSQL came back', () => complete(start as NpmStart, token))).toBe(true);
    expect(
      await eventually('a login after PostgreSQL came back', async () => ((await start?.login())?.ok ? true : undefined)),
    ).toBe(true);

    const all = descendantProcesses(start.pid).map((p) => p.pid);
    process.kill(-start.pid, 'SIGINT'); // Ctrl-C reaches the whole foreground group
    expect(await start.exited).toBe(0);
    expect(start.output).toMatch(/Stopping the gateway[\s\S]*Stopping the subgraphs[\s\S]*Stopping PostgreSQL[\s\S]*Stopped\./);
    await eventually('every process gone', async () => (all.filter(alive).length === 0 ? true : undefined), 10_000);
  });

  it('on SIGTERM lets the requests in flight finish before stopping the subgraphs and PostgreSQL', async () => {
    // The same data folder: already seeded, so this start skips seeding.
    start = NpmStart.launch(dataDir, await freeStartPorts());
    await start.waitFor(/Ready\. Portal:/);
    const token = await start.token();
    // Logins hash one at a time per client address, so the later ones wait in the gateway's queue.
    const logins = Array.from({ length: 3 }, () => (start as NpmStart).login());
    // A Person-360 query whose body is still arriving when the stop begins: it runs during the
    // gateway's drain and needs every subgraph then.
    const held = start.heldGraphql<Person360>(token, PERSON_360, { number: person?.identificationNumber });
    await Promise.race(logins);
    const all = descendantProcesses(start.pid).map((p) => p.pid);
    const mark = start.output.length;
    process.kill(start.pid, 'SIGTERM'); // a process manager stops the main process only
    await start.waitFor(/Stopping the gateway/, 10_000, mark);
    held.finish();
    const answer = await held.response;
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.personByIdentificationNumber?.fullName).toBe(person?.fullName);
    expect(answer.body.data?.personByIdentificationNumber).toHaveProperty('rehabEpisodes');
    expect((await Promise.all(logins)).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await start.exited).toBe(0);
    expect(start.output).not.toContain('Seeded');
    expect(start.output).toMatch(/Stopping the gateway[\s\S]*Stopping the subgraphs[\s\S]*Stopping PostgreSQL[\s\S]*Stopped\./);
    await eventually('every process gone', async () => (all.filter(alive).length === 0 ? true : undefined), 10_000);
  });

  it('GATEWAY_ENGINE=hive serves the same system through Hive Gateway, and stops in order', async () => {
    // The same data folder again: seeded, so only the engine differs.
    start = NpmStart.launch(dataDir, await freeStartPorts(), { GATEWAY_ENGINE: 'hive' });
    const output = await start.waitFor(/Ready\. Portal:/);
    expect(output).toContain('gateway (Hive Gateway) ready at');
    expect(start.childPid('hive-gateway/dist/index.js')).toBeGreaterThan(0);
    const token = await start.token();
    expect(await lacking(start, token)).toBeUndefined();
    const mark = start.output.length;
    process.kill(start.pid, 'SIGTERM');
    expect(await start.exited).toBe(0);
    expect(start.output.slice(mark)).toMatch(/Stopping the gateway[\s\S]*Stopping the subgraphs[\s\S]*Stopped\./);
  });
});
