import { randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CONTEXT_HEADER, signCallerContext } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { post } from './load';

/** One subgraph request a gateway made: whom, what, and when it started and ended. */
interface Fetch {
  subgraph: string;
  body: string;
  start: number;
  end: number;
}

/** The subgraph requests of one gateway request, in stages: a stage starts once the previous one has answered. */
export interface CapturedPlan {
  caller: Caller;
  stages: { subgraph: string; body: string }[][];
}

/**
 * A recording proxy in front of each subgraph: what a gateway sends passes through
 * unchanged and is noted, so the benchmark can later send the same requests itself.
 */
export class RecordingProxies {
  private readonly servers: Server[] = [];
  private fetches: Fetch[] = [];
  private caller: Caller | undefined;
  readonly urls: Record<string, string> = {};

  static async start(targets: Readonly<Record<string, string>>): Promise<RecordingProxies> {
    const proxies = new RecordingProxies();
    for (const [subgraph, target] of Object.entries(targets)) proxies.urls[subgraph] = await proxies.listen(subgraph, target);
    return proxies;
  }

  private async listen(subgraph: string, target: string): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const token = req.headers[CONTEXT_HEADER];
        if (typeof token === 'string') this.caller = callerOfToken(token);
        const start = performance.now();
        void fetch(target, { method: 'POST', headers: req.headers as Record<string, string>, body })
          .then(async (answer) => {
            const text = await answer.text();
            this.fetches.push({ subgraph, body, start, end: performance.now() });
            res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
          })
          .catch(() => res.writeHead(502).end());
      });
    });
    this.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }

  /** The requests noted since the last call, grouped into stages. */
  take(): CapturedPlan {
    const fetches = this.fetches.sort((a, b) => a.start - b.start);
    this.fetches = [];
    if (!this.caller) throw new Error('no signed subgraph request was seen');
    // A request that starts before the current stage has wholly answered runs beside it.
    const stages: Fetch[][] = [];
    for (const f of fetches) {
      const last = stages[stages.length - 1];
      if (last && f.start < Math.max(...last.map((x) => x.end))) last.push(f);
      else stages.push([f]);
    }
    return { caller: this.caller, stages: stages.map((s) => s.map(({ subgraph, body }) => ({ subgraph, body }))) };
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** The caller a signed context carries (its payload; the signature was checked by the subgraph). */
function callerOfToken(token: string): Caller {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Caller;
  const { userId, username, agency, role, unitCode, unitPath, purpose, requestId, grants } = payload;
  return { userId, username, agency, role, unitCode, unitPath, purpose, requestId, ...(grants ? { grants } : {}) };
}

/**
 * The critical path of a captured plan sent straight to the subgraphs: each stage's
 * requests at once, freshly signed as the gateway signs them, the next stage after; in ms.
 */
export async function directCriticalPath(
  plan: CapturedPlan,
  subgraphUrls: Readonly<Record<string, string>>,
  privateKey: KeyObject,
  agent: Agent,
): Promise<number> {
  const started = performance.now();
  const caller = { ...plan.caller, requestId: randomUUID() };
  for (const stage of plan.stages) {
    await Promise.all(
      stage.map(async ({ subgraph, body }) => {
        const token = await signCallerContext(caller, subgraph, privateKey, JSON.parse(body) as Record<string, unknown>);
        const url = subgraphUrls[subgraph];
        if (!url) throw new Error(`no URL for ${subgraph}`);
        const status = await post(agent, new URL(url), { [CONTEXT_HEADER]: token }, body);
        if (status !== 200) throw new Error(`${subgraph} answered ${status}`);
      }),
    );
  }
  return performance.now() - started;
}
