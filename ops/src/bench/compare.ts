import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import {
  contextPrivateKeyFromEnv,
  ensureDevelopmentKeys,
  freePort,
  pseudonymSecret,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from '@rehab/server-kit';
import { generateDemoPopulation, REPO_ROOT, SUBGRAPH_NAMES, subgraphEnvPrefix } from '@rehab/shared-schema';
import { accessTokenSecret, DEMO_PASSWORD, MANIFEST_FILE } from '@rehab/gateway';
import { startChild, stopChild, waitForHealth, type Child } from '../children';
import { dropAllDatabases, isEmpty, openAllDatabases, seedAll } from '../databases';
import { closedLoop, cpuMillis, percentile, post, type LoadResult } from './load';
import { directCriticalPath, RecordingProxies, type CapturedPlan } from './direct';
import { profileSummary, startProfiles, stopProfiles } from './profiles';
import { PERSON_360 } from './queries';

export interface CompareOptions {
  persons: number;
  rounds: number;
  seconds: number;
  clients: number;
  /** Keep databases seeded by an earlier run with the same prefix (the seed of 200,000 persons takes minutes). */
  reuse: boolean;
  /** A folder for each process's CPU profile of the measured rounds, summarised in the report. */
  cpuProfileDir?: string | undefined;
}

interface Engine {
  name: string;
  child: Child;
  url: URL;
}

interface RoundFigures {
  engine: string;
  round: number;
  load: LoadResult;
  gatewayCpuMs: number;
  subgraphsCpuMs: number;
}

const script = (...path: string[]): string => join(REPO_ROOT, ...path);

async function login(base: string): Promise<string> {
  const response = await fetch(new URL('auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'giamsat.hanoi', password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function prepareDatabases(env: NodeJS.ProcessEnv, options: CompareOptions, log: (m: string) => void): Promise<void> {
  if (!options.reuse) await dropAllDatabases(env);
  const dbs = await openAllDatabases(env);
  try {
    if (await isEmpty(dbs)) {
      log(`seeding ${options.persons} persons…`);
      await seedAll(dbs, { persons: options.persons, log: (m) => log(m.trim()) });
    }
  } finally {
    await dbs.close();
  }
}

/** The subgraphs as npm start runs them, each its own process on a free port. */
async function startSubgraphs(env: NodeJS.ProcessEnv): Promise<{ children: Child[]; urls: Record<string, string> }> {
  const urls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const port = await freePort();
    env[`${subgraphEnvPrefix(name)}_PORT`] = String(port);
    env[`${subgraphEnvPrefix(name)}_URL`] = urls[name] = `http://127.0.0.1:${port}/graphql`;
  }
  const children = SUBGRAPH_NAMES.map((name) => startChild(name, script('subgraphs', name, 'dist', 'index.js'), env));
  await Promise.all(
    children.map((child, i) =>
      waitForHealth(`http://127.0.0.1:${env[`${subgraphEnvPrefix(SUBGRAPH_NAMES[i] ?? '')}_PORT`]}/health`, child, 180_000),
    ),
  );
  return { children, urls };
}

async function startEngine(name: string, path: string, env: NodeJS.ProcessEnv): Promise<Engine> {
  const port = await freePort();
  const child = startChild(name, path, { ...env, PORT: String(port) });
  await waitForHealth(`http://127.0.0.1:${port}/health`, child, 120_000);
  return { name, child, url: new URL(`http://127.0.0.1:${port}/`) };
}

const pidOf = (child: Child): number => {
  if (child.process.pid === undefined) throw new Error(`${child.name} has no pid`);
  return child.process.pid;
};

/** One engine's round: 50 clients (by default) for the round's seconds, and the CPU each process spent meanwhile. */
async function round(
  engine: Engine,
  subgraphs: Child[],
  bodyOf: (i: number) => string,
  options: CompareOptions,
  index: number,
  token: string,
): Promise<RoundFigures> {
  const headers = { authorization: `Bearer ${token}` };
  const cpu = () => ({
    gateway: cpuMillis(pidOf(engine.child)),
    subgraphs: subgraphs.reduce((t, c) => t + cpuMillis(pidOf(c)), 0),
  });
  const before = cpu();
  const load = await closedLoop(new URL('graphql', engine.url), headers, bodyOf, options.clients, options.seconds);
  const after = cpu();
  const per = (ms: number) => (load.completed > 0 ? ms / load.completed : Number.NaN);
  return {
    engine: engine.name,
    round: index,
    load,
    gatewayCpuMs: per(after.gateway - before.gateway),
    subgraphsCpuMs: per(after.subgraphs - before.subgraphs),
  };
}

/** Single client: each engine's latency and the direct critical path of the same fetches, interleaved per person. */
async function singleClient(
  engines: Engine[],
  plans: { body: string; plan: CapturedPlan }[],
  subgraphUrls: Record<string, string>,
  env: NodeJS.ProcessEnv,
  repeats: number,
  token: string,
): Promise<Map<string, number[]>> {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const key = contextPrivateKeyFromEnv(env);
  const times = new Map<string, number[]>([...engines.map((e): [string, number[]] => [e.name, []]), ['direct', []]]);
  for (let r = 0; r < repeats; r++) {
    for (const { body, plan } of plans) {
      for (const engine of engines) {
        const started = performance.now();
        const status = await post(agent, new URL('graphql', engine.url), { authorization: `Bearer ${token}` }, body);
        if (status !== 200) throw new Error(`${engine.name} answered ${status}`);
        times.get(engine.name)?.push(performance.now() - started);
      }
      times.get('direct')?.push(await directCriticalPath(plan, subgraphUrls, key, agent));
    }
  }
  agent.destroy();
  return times;
}

/** The subgraph requests our gateway makes for each body, through recording proxies. */
async function capturePlans(
  env: NodeJS.ProcessEnv,
  subgraphUrls: Record<string, string>,
  bodies: string[],
): Promise<{ body: string; plan: CapturedPlan }[]> {
  const proxies = await RecordingProxies.start(subgraphUrls);
  const proxied = { ...env };
  for (const name of SUBGRAPH_NAMES) proxied[`${subgraphEnvPrefix(name)}_URL`] = proxies.urls[name];
  const capture = await startEngine('capture', script('gateway', 'dist', 'index.js'), proxied);
  const agent = new Agent({ keepAlive: true });
  try {
    const token = await login(capture.url.href);
    const plans: { body: string; plan: CapturedPlan }[] = [];
    for (const body of bodies) {
      const status = await post(agent, new URL('graphql', capture.url), { authorization: `Bearer ${token}` }, body);
      if (status !== 200) throw new Error(`capture answered ${status}`);
      plans.push({ body, plan: proxies.take() });
    }
    return plans;
  } finally {
    agent.destroy();
    await stopChild(capture.child);
    await proxies.stop();
  }
}

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

function report(rounds: RoundFigures[], single: Map<string, number[]>, plans: { plan: CapturedPlan }[]): string[] {
  const ours = rounds.filter((r) => r.engine === 'project');
  const hive = rounds.filter((r) => r.engine === 'hive');
  const rate = (r: RoundFigures) => r.load.completed / r.load.seconds;
  const rows = ours.map((o, i) => {
    const h = hive[i];
    const cells = (r: RoundFigures | undefined) =>
      r
        ? `${fixed(rate(r))} req/s, p50 ${fixed(percentile(r.load.latencies, 0.5), 0)} ms, p95 ${fixed(percentile(r.load.latencies, 0.95), 0)} ms, gateway ${fixed(r.gatewayCpuMs, 2)} + subgraphs ${fixed(r.subgraphsCpuMs, 2)} ms CPU/request${r.load.failed ? `, ${r.load.failed} failed` : ''}`
        : '–';
    return `| ${o.round} | ${cells(o)} | ${cells(h)} | ${h ? fixed(rate(o) / rate(h), 2) : '–'}× |`;
  });
  const sum = (rs: RoundFigures[]) => rs.reduce((t, r) => t + r.load.completed, 0) / rs.reduce((t, r) => t + r.load.seconds, 0);
  const p50 = (name: string) => percentile(single.get(name) ?? [], 0.5);
  const p95 = (name: string) => percentile(single.get(name) ?? [], 0.95);
  const stages = plans[0]?.plan.stages.map((s) => s.map((f) => f.subgraph).join(' + ')).join(' → ') ?? '';
  return [
    '| round | project gateway (every check on) | Hive Gateway (signing plugin only) | ratio |',
    '|---|---|---|---|',
    ...rows,
    `| all rounds | ${fixed(sum(ours))} req/s | ${fixed(sum(hive))} req/s | ${fixed(sum(ours) / sum(hive), 2)}× |`,
    '',
    `Single client, the same persons in turn (${single.get('direct')?.length ?? 0} requests each): project gateway p50 ${fixed(p50('project'))} ms, p95 ${fixed(p95('project'))} ms; Hive Gateway p50 ${fixed(p50('hive'))} ms, p95 ${fixed(p95('hive'))} ms; the direct critical path of the same subgraph requests (${stages}) p50 ${fixed(p50('direct'))} ms, p95 ${fixed(p95('direct'))} ms; project gateway p50 / direct p50 = ${fixed(p50('project') / p50('direct'), 2)}×, Hive ${fixed(p50('hive') / p50('direct'), 2)}×.`,
  ];
}

/**
 * `npm run bench -- --compare`: the project's gateway and Hive Gateway in front of the same
 * four subgraph processes and database, in interleaved rounds; markdown lines of the result.
 */
export async function compareGateways(options: CompareOptions, log: (m: string) => void): Promise<string[]> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PREFIX: 'rehab_compare',
    LOG_LEVEL: 'error',
    // One benchmark user sends far more than an officer's rate limit allows; the limiter still runs.
    GRAPHQL_RATE_PER_SECOND: '100000',
    GRAPHQL_RATE_BURST: '100000',
    ...(options.cpuProfileDir ? { REHAB_CPU_PROFILE_DIR: options.cpuProfileDir } : {}),
  };
  const web = script('web', 'dist');
  if (!existsSync(join(web, MANIFEST_FILE))) {
    log('the portal is not built: trusted documents off for this run (npm run build -w web turns them on)');
    env.TRUSTED_DOCUMENTS = 'off';
  }
  let database: EmbeddedPostgresHandle | undefined;
  if (!env.DATABASE_URL) {
    database = await startEmbeddedPostgres();
    env.DATABASE_URL = database.url;
  }
  ensureDevelopmentKeys(env);
  pseudonymSecret(env);
  accessTokenSecret(env);
  const children: Child[] = [];
  try {
    await prepareDatabases(env, options, log);
    const subgraphs = await startSubgraphs(env);
    children.push(...subgraphs.children);
    const project = await startEngine('project', script('gateway', 'dist', 'index.js'), env);
    const hive = await startEngine('hive', script('hive-gateway', 'dist', 'signing-only.js'), env);
    children.push(project.child, hive.child);
    const sample = generateDemoPopulation({ persons: Math.min(options.persons, 5000) });
    const bodyOf = (i: number) =>
      JSON.stringify({ query: PERSON_360, variables: { n: sample[(i * 7919) % sample.length]?.identificationNumber } });
    log('warming up both gateways…');
    // Tokens from the project's login (Hive Gateway checks the same signature); 15 minutes each, so one per round.
    const token = () => login(project.url.href);
    for (const engine of [project, hive])
      await round(engine, subgraphs.children, bodyOf, { ...options, seconds: 3 }, 0, await token());
    const profiled = [...subgraphs.children, project.child, hive.child];
    if (options.cpuProfileDir) startProfiles(profiled);
    const figures: RoundFigures[] = [];
    for (let r = 1; r <= options.rounds; r++) {
      const order = r % 2 === 1 ? [project, hive] : [hive, project];
      for (const engine of order) {
        log(`round ${r}: ${engine.name}…`);
        figures.push(await round(engine, subgraphs.children, bodyOf, options, r, await token()));
      }
    }
    const profiles = options.cpuProfileDir ? await stopProfiles(profiled) : [];
    log('single client: capturing the subgraph requests of 40 Person-360s…');
    const plans = await capturePlans(
      env,
      subgraphs.urls,
      Array.from({ length: 40 }, (_v, i) => bodyOf(i)),
    );
    const single = await singleClient([project, hive], plans, subgraphs.urls, env, 5, await token());
    const served = (name: string) => figures.filter((f) => f.engine === name).reduce((t, f) => t + f.load.completed, 0);
    const requestsOf = (child: Child) =>
      child === project.child ? served('project') : child === hive.child ? served('hive') : served('project') + served('hive');
    return [...report(figures, single, plans), ...profileSummary(profiles, requestsOf)];
  } finally {
    await Promise.all(children.map((c) => stopChild(c)));
    if (!options.reuse) await dropAllDatabases(env).catch(() => undefined);
    await database?.stop();
  }
}
