import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@rehab/server-kit';
import { generateDemoPopulation, SUBGRAPH_NAMES } from '@rehab/shared-schema';
import { dropAllDatabases } from './databases';
import { InProcessSystem } from './system';
import { PERSON_360 } from './bench/queries';

/**
 * `npm run profile`: where the CPU of a Person-360 goes. The gateway and the four subgraphs
 * run in this one process (the benchmark harness) over real HTTP; the V8 profiler samples
 * it while 8 clients ask for Person-360, and the self time is summed by whose code ran.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Whose code a frame is: the project's workspaces by name, packages by name, V8's own entries. */
export function ownerOfFrame(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  const workspace = /\/(gateway|hive-gateway|server-kit|shared-schema|ops|subgraphs\/[^/]+)\/(?:src|dist)\//.exec(url);
  if (workspace?.[1]) return `project: ${workspace[1]}`;
  if (url.startsWith('node:')) return 'node';
  return 'other';
}

/**
 * Self time summed by owner. Work in V8 natives and Node's own modules (crypto, streams,
 * sockets) is charged to the nearest caller that belongs to a package or the project.
 */
export function selfTimeByOwner(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
  const ownerOf = (id: number): string => {
    const node = byId.get(id);
    if (!node) return 'other';
    const own = ownerOfFrame(node.callFrame.url, node.callFrame.functionName);
    if (own !== '(native)' && own !== 'node') return own;
    const parent = parentOf.get(id);
    if (parent === undefined) return own;
    const above = ownerOf(parent);
    return above === '(root)' ? own : above;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const owner = ownerOf(id);
    totals.set(owner, (totals.get(owner) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

async function main(): Promise<void> {
  const persons = option('persons', 3000);
  const requests = option('requests', 2000);
  process.env.GRAPHQL_RATE_PER_SECOND = '100000';
  process.env.GRAPHQL_RATE_BURST = '100000';
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PREFIX: 'rehab_profile' };
  let database: EmbeddedPostgresHandle | undefined;
  if (!env.DATABASE_URL) {
    database = await startEmbeddedPostgres();
    env.DATABASE_URL = database.url;
  }
  try {
    await dropAllDatabases(env);
    const system = await InProcessSystem.start({ env, persons, webDir: null, dropOnStop: true });
    const token = await system.login('giamsat.hanoi');
    const sample = generateDemoPopulation({ persons });
    let next = 0;
    const run = async (count: number) => {
      const end = next + count;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < end) {
            const person = sample[(next++ * 7919) % sample.length];
            const response = await system.graphql(token, PERSON_360, { n: person?.identificationNumber });
            if (response.errors) throw new Error(JSON.stringify(response.errors));
          }
        }),
      );
    };
    await run(200); // warm-up: plans, JIT, pools
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const started = process.cpuUsage();
    const wall = performance.now();
    await run(requests);
    const cpu = process.cpuUsage(started);
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    const seconds = (performance.now() - wall) / 1000;
    system.resetQueryCounts();
    await run(1);
    const statements = SUBGRAPH_NAMES.map((name) => {
      const source = system.dbs.subgraph(name).source.queries;
      return `${name} ${String(source.total)}: ${source.statements.map((q) => q.replace(/\s+/g, ' ').slice(0, 70)).join(' | ')}`;
    });
    await system.stop();
    const totals = [...selfTimeByOwner(profile)].sort((a, b) => b[1] - a[1]);
    const sampled = totals.filter(([owner]) => owner !== '(idle)').reduce((sum, [, ms]) => sum + ms, 0);
    const perRequest = (cpu.user + cpu.system) / 1000 / requests;
    console.log(`Person-360 × ${requests}, 8 clients, ${persons} persons: ${(requests / seconds).toFixed(0)} requests/s;`);
    console.log(`process CPU ${perRequest.toFixed(2)} ms per request (gateway and four subgraphs together; PostgreSQL apart).`);
    console.log(
      `Load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(', ')}.`,
    );
    console.log(`SQL statements of one Person-360, per subgraph:\n${statements.join('\n')}`);
    console.log('\n| whose code | share of the CPU samples | ms per request |\n|---|---|---|');
    for (const [owner, ms] of totals) {
      if (owner === '(idle)') continue;
      const share = ms / sampled;
      if (share < 0.005) continue;
      console.log(`| ${owner} | ${(share * 100).toFixed(1)} % | ${(share * perRequest).toFixed(2)} |`);
    }
  } finally {
    await dropAllDatabases(env).catch(() => undefined);
    await database?.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('Profile failed:', error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}
