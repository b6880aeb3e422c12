import { execFileSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@rehab/server-kit';
import { generateDemoPopulation, REPO_ROOT, SUBGRAPH_NAMES, todayInHanoi } from '@rehab/shared-schema';
import { dropAllDatabases, openAllDatabases, seedAll, seedVolume } from './databases';
import { DEMO_PASSWORD } from '@rehab/gateway';
import { InProcessSystem } from './system';
import { demo2026PlanId } from '@rehab/labor-welfare';
import { compareGateways } from './bench/compare';
import { PERSON_360 } from './bench/queries';
import { percentile } from './bench/load';

/**
 * npm run bench [-- --persons N] [--volume] [--compare] [--out FILE]: seeds N persons (bulk), then measures
 * the gateway on real HTTP: Person-360 lookups, 100-person lists with fields from all four
 * subgraphs, name searches, dashboards, and concurrent lookups. Writes docs/benchmarks.md.
 */
const LIST_100 = `query($after: String) { persons(first: 100, after: $after) { pageInfo { endCursor }
  nodes { id fullName currentResidence { unit { name } } rehabEpisodes { status facility { name } }
    addictionDeterminations { addicted } substitutionTreatment { phase } supportAssignments { startedOn } } } }`;

/** A page of a name search as the portal's search page asks for it. */
const NAME_SEARCH = `query($name: String!) { persons(name: $name, first: 20) { totalCount totalCountExact
  nodes { id fullName dateOfBirth currentResidence { unit { name } } } } }`;

/** What the bench keeps of docs/benchmarks.md: measurements made by hand, under this heading. */
const KEPT_HEADING = '## Measurements outside `npm run bench`';

/** Every indicator of the city for a year, and one indicator over the city's units of that year (126 communes and wards in 2026). */
const INDICATORS = `query($plan: ID!, $unit: ID!) { indicators(plan: $plan, unit: $unit, period: { kind: YEAR, year: 2026 }) {
  indicator { code } target actual ratio numerator denominator computedAt } }`;
const BREAKDOWN = `query($plan: ID!, $unit: ID!) { indicatorBreakdown(plan: $plan, indicator: "RECORDS_IN_TREATMENT_SHARE", unit: $unit,
  period: { kind: YEAR, year: 2026 }) { unit { code } actual numerator denominator } }`;

/** The time of one login from `ip` (through TRUST_PROXY's forwarded address), and whether it succeeded. */
async function loginFrom(url: string, ip: string, username: string, password: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const response = await fetch(new URL('auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ username, password }),
  });
  await response.arrayBuffer();
  return { ms: performance.now() - started, ok: response.ok };
}

/**
 * A flood of wrong passwords from other addresses (20 at once, unknown usernames so no
 * account locks) while an officer logs in: the officer's login time, over `rounds` floods.
 */
async function loginUnderFlood(url: string, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const flood = Array.from({ length: 20 }, (_v, i) =>
      loginFrom(url, `10.9.${round}.${i + 1}`, `khong.ton.tai.${round}.${i}`, 'sai-mat-khau'),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const officer = await loginFrom(url, '10.1.1.1', 'giamsat.hanoi', DEMO_PASSWORD);
    if (!officer.ok) throw new Error('the officer could not log in during the flood');
    times.push(officer.ms);
    await Promise.all(flood);
  }
  return times;
}

/** --out FILE: where the figures are written (docs/benchmarks.md by default; the harness test writes elsewhere). */
function outputFile(): string {
  const index = process.argv.indexOf('--out');
  const given = index < 0 ? undefined : process.argv[index + 1];
  if (index >= 0 && (!given || given.startsWith('--'))) throw new Error('--out needs a file name');
  return given ? resolve(given) : join(REPO_ROOT, 'docs', 'benchmarks.md');
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

interface Timing {
  p50: number;
  p95: number;
  mean: number;
  count: number;
}

function summarise(samples: number[]): Timing {
  const at = (q: number) => (samples.length === 0 ? 0 : percentile(samples, q));
  return { p50: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length, count: samples.length };
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const ms = (t: number) => `${t.toFixed(1)} ms`;

/** Where the side-by-side run's figures go in docs/benchmarks.md (inside the kept part). */
const COMPARE_START = '<!-- bench --compare: start -->';
const COMPARE_END = '<!-- bench --compare: end -->';

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} GiB free), Node ${process.version}`;
}

const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

/** --cpu-profile [folder]: each process's CPU profile of the rounds (default: a new temporary folder). */
function cpuProfileDir(): string | undefined {
  const index = process.argv.indexOf('--cpu-profile');
  if (index < 0) return undefined;
  const given = process.argv[index + 1];
  return given && !given.startsWith('--') ? given : mkdtempSync(join(tmpdir(), 'rehab-cpu-'));
}

/** npm run bench -- --compare: the side-by-side figures, written between their markers in docs/benchmarks.md. */
async function compare(): Promise<void> {
  const file = outputFile();
  const options = {
    persons: option('persons', 20_000),
    rounds: option('rounds', 4),
    seconds: option('seconds', 20),
    clients: option('clients', 50),
    reuse: process.argv.includes('--reuse'),
    cpuProfileDir: cpuProfileDir(),
  };
  const loadAtStart = loads();
  const started = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const result = await compareGateways(options, (m) => console.log(`[compare] ${m}`));
  const args = `--compare --persons ${options.persons} --rounds ${options.rounds} --seconds ${options.seconds} --clients ${options.clients}`;
  const section = [
    COMPARE_START,
    '### Person-360 side by side with Hive Gateway (`npm run bench -- --compare`)',
    '',
    `Run: ${started} UTC with \`npm run bench -- ${args}\` at commit ${commit()}; ${options.persons} persons.`,
    `Machine: ${machine()}; ${process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL 17 (throwaway, fsync off)'}.`,
    'Each gateway and each subgraph its own process (as `npm start` runs them), the load generator in the benchmark process, all on this machine; CPU per request from /proc (user + system) over each round.',
    `Load average (1, 5, 15 min) at the start: ${loadAtStart}; at the end: ${loads()}.`,
    '',
    ...result,
    COMPARE_END,
  ].join('\n');
  console.log(section);
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const from = previous.indexOf(COMPARE_START);
  const to = previous.indexOf(COMPARE_END);
  const next =
    from >= 0 && to > from
      ? previous.slice(0, from) + section + previous.slice(to + COMPARE_END.length)
      : `${previous.trimEnd()}\n\n${previous.includes(KEPT_HEADING) ? '' : `${KEPT_HEADING}\n\n`}${section}\n`;
  writeFileSync(file, next);
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown (not a git checkout)';
  }
}

async function main(): Promise<void> {
  const file = outputFile();
  const persons = option('persons', 100_000);
  const loadAtStart = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  // One benchmark user sends far more than an officer's rate limit allows.
  process.env.GRAPHQL_RATE_PER_SECOND = '100000';
  process.env.GRAPHQL_RATE_BURST = '100000';
  // The login flood comes from many forwarded addresses, each under the per-address limit.
  process.env.TRUST_PROXY = 'loopback';
  process.env.LOGIN_FAILURES_PER_MINUTE = '1000';
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PREFIX: 'rehab_bench' };
  let database: EmbeddedPostgresHandle | undefined;
  if (!env.DATABASE_URL) {
    database = await startEmbeddedPostgres();
    env.DATABASE_URL = database.url;
  }
  const lines: string[] = [];
  try {
    await dropAllDatabases(env);
    const dbs = await openAllDatabases(env);
    const generationMs = await timed(async () => {
      generateDemoPopulation({ persons });
    });
    const seedLog: string[] = [];
    const seedMs = await timed(async () => {
      await seedAll(dbs, { persons, log: (m) => seedLog.push(m.trim()) });
    });
    // --volume: a year of daily witnessed doses per patient in treatment (COPY, indexes built after).
    const volumeLog: string[] = [];
    const volume = process.argv.includes('--volume');
    const volumeMs = volume
      ? await timed(() => seedVolume(dbs, env, { asOf: todayInHanoi() }, (m) => volumeLog.push(m.trim())))
      : 0;
    await dbs.close();
    console.log(`seeded ${persons} persons in ${(seedMs / 1000).toFixed(1)} s`);

    const system = await InProcessSystem.start({ env, persons, skipSeed: true, webDir: null });
    const token = await system.login('giamsat.hanoi');
    const sample = generateDemoPopulation({ persons: Math.min(persons, 5000) });
    const lookup = async (i: number) => {
      const person = sample[(i * 7919) % sample.length];
      const response = await system.graphql(token, PERSON_360, { n: person?.identificationNumber });
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    };
    for (let i = 0; i < 20; i++) await lookup(i); // warm-up
    const single: number[] = [];
    for (let i = 0; i < 300; i++) single.push(await timed(() => lookup(i)));
    system.resetQueryCounts();
    const lists: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 30; i++) {
      lists.push(
        await timed(async () => {
          const response = await system.graphql<{ persons: { pageInfo: { endCursor: string } } }>(token, LIST_100, { after });
          if (response.errors) throw new Error(JSON.stringify(response.errors));
          after = response.data?.persons.pageInfo.endCursor ?? null;
        }),
      );
    }
    const statements = SUBGRAPH_NAMES.map((n) => `${n} ${(system.queryCount(n) / 30).toFixed(1)}`).join(', ');
    // A common surname (thousands of matches) and full names of the sample (a few each).
    const search = async (name: string) => {
      const response = await system.graphql(token, NAME_SEARCH, { name });
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    };
    const commonSearches: number[] = [];
    for (let i = 0; i < 50; i++) commonSearches.push(await timed(() => search(i % 2 === 0 ? 'nguyen' : 'Trần')));
    const fullNameSearches: number[] = [];
    for (let i = 0; i < 50; i++)
      fullNameSearches.push(await timed(() => search(sample[(i * 104729) % sample.length]?.fullName ?? 'an')));
    const analyst = await system.login('phantich.hanoi');
    let breakdownUnits = 0;
    const indicatorRun =
      (query: string, unit = '01') =>
      async () => {
        const response = await system.graphql<{ indicatorBreakdown?: unknown[] }>(analyst, query, {
          plan: demo2026PlanId(),
          unit,
        });
        if (response.errors) throw new Error(JSON.stringify(response.errors));
        breakdownUnits = response.data?.indicatorBreakdown?.length ?? breakdownUnits;
      };
    // The first request of a dashboard computes its measures; the next ones are served the kept measures (no record written meanwhile).
    const firstAndKept = async (run: () => Promise<void>): Promise<{ first: number; kept: number[] }> => {
      const first = await timed(run);
      const kept: number[] = [];
      for (let i = 0; i < 20; i++) kept.push(await timed(run));
      return { first, kept };
    };
    const ward = await firstAndKept(indicatorRun(INDICATORS, '00004'));
    const city = await firstAndKept(indicatorRun(INDICATORS));
    const indicatorTimes = city.kept;
    system.resetQueryCounts();
    const breakdown = await firstAndKept(indicatorRun(BREAKDOWN));
    const breakdownTimes = breakdown.kept;
    const breakdownStatements = SUBGRAPH_NAMES.map((n) => `${n} ${(system.queryCount(n) / 21).toFixed(1)}`).join(', ');
    const concurrency = 8;
    const total = 800;
    let next = 0;
    const concurrentMs = await timed(async () => {
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < total) await lookup(next++);
        }),
      );
    });
    const flood = summarise(await loginUnderFlood(system.url, 10));
    const rssMb = process.memoryUsage().rss / 1024 / 1024;
    await system.stop();

    const s = summarise(single);
    const l = summarise(lists);
    const common = summarise(commonSearches);
    const fullName = summarise(fullNameSearches);
    const ind = summarise(indicatorTimes);
    const brk = summarise(breakdownTimes);
    const wardKept = summarise(ward.kept);
    lines.push(
      `# Benchmarks`,
      '',
      `Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench -- --persons ${persons}${volume ? ' --volume' : ''}\` at commit ${commit()}.`,
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} GiB free), Node ${process.version}, ${database ? 'embedded PostgreSQL 17 (throwaway, fsync off)' : 'PostgreSQL at DATABASE_URL'}.`,
      'Gateway, four subgraphs and PostgreSQL on the same machine, real HTTP on loopback, one process for gateway and subgraphs (the benchmark harness).',
      `Load average (1, 5, 15 min) at the start: ${loadAtStart}; at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}.`,
      '',
      '| what | figure |',
      '|---|---|',
      `| demo population generated (${persons} persons) | ${(generationMs / 1000).toFixed(1)} s |`,
      `| bulk seed, all four subgraphs (multi-row INSERTs) | ${(seedMs / 1000).toFixed(1)} s (${seedLog.join('; ')}) |`,
      ...(volume
        ? [
            `| a year of witnessed doses (\`--volume\`: COPY, indexes built after, VACUUM ANALYZE) | ${(volumeMs / 1000).toFixed(1)} s (${volumeLog.join('; ')}) |`,
          ]
        : []),
      `| Person-360 by identification number, sequential (${s.count} requests) | p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, mean ${ms(s.mean)} |`,
      `| 100-person page with fields from all four subgraphs (${l.count} pages) | p50 ${ms(l.p50)}, p95 ${ms(l.p95)} |`,
      `| SQL statements per 100-person page, per subgraph | ${statements} |`,
      `| name search, a common surname ("nguyen", "Trần"), first page of 20 (${common.count} requests) | p50 ${ms(common.p50)}, p95 ${ms(common.p95)} |`,
      `| name search, a person's full name (${fullName.count} requests) | p50 ${ms(fullName.p50)}, p95 ${ms(fullName.p95)} |`,
      `| \`indicators\`: every indicator of a ward (Phường Ba Đình) for 2026, as the analyst: first request, then ${wardKept.count} more (kept measures) | first ${ms(ward.first)}; then p50 ${ms(wardKept.p50)}, p95 ${ms(wardKept.p95)} |`,
      `| \`indicators\`: every indicator of the city for 2026, as the analyst: first request, then ${ind.count} more (kept measures) | first ${ms(city.first)}; then p50 ${ms(ind.p50)}, p95 ${ms(ind.p95)} |`,
      `| \`indicatorBreakdown\`: the cross-agency share over the city's ${breakdownUnits} units of 2026: first request, then ${brk.count} more | first ${ms(breakdown.first)}; then p50 ${ms(brk.p50)}, p95 ${ms(brk.p95)}; SQL statements per request: ${breakdownStatements} |`,
      `| Person-360 with ${concurrency} concurrent clients (${total} requests) | ${(total / (concurrentMs / 1000)).toFixed(0)} requests/s |`,
      `| an officer's login while 20 wrong-password logins from other addresses run at once (${flood.count} floods) | p50 ${ms(flood.p50)}, p95 ${ms(flood.p95)} |`,
      `| resident memory of the harness process after the run | ${rssMb.toFixed(0)} MiB |`,
      '',
    );
  } finally {
    await dropAllDatabases(env).catch(() => undefined);
    await database?.stop();
  }
  mkdirSync(dirname(file), { recursive: true });
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const kept = previous.indexOf(KEPT_HEADING);
  writeFileSync(file, [...lines, ...(kept < 0 ? [] : ['', previous.slice(kept)])].join('\n'));
  console.log(lines.join('\n'));
}

(process.argv.includes('--compare') ? compare() : main()).catch((error: unknown) => {
  console.error('Benchmark failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
