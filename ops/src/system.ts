import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  CONTEXT_HEADER,
  generateTrust,
  signCallerContext,
  startSubgraph,
  subgraphTrustOf,
  type BoundRequest,
  type OutboxOptions,
  type RunningSubgraph,
} from '@rehab/server-kit';
import {
  REPO_ROOT,
  SUBGRAPH_NAMES,
  SUPERGRAPH_FILE,
  type AccessMatrix,
  type Caller,
  type SubgraphName,
} from '@rehab/shared-schema';
import {
  startGateway,
  DEMO_PASSWORD,
  MANIFEST_FILE,
  type FetcherOptions,
  type RunningGateway,
  type TrustedDocumentsMode,
} from '@rehab/gateway';
import { dropAllDatabases, openAllDatabases, seedAll, type OpenDatabases } from './databases';
import { SUBGRAPHS, type SubgraphEntry } from './registry';

export interface SystemOptions {
  env: NodeJS.ProcessEnv;
  persons?: number;
  production?: boolean;
  webDir?: string | null;
  /** Drop the databases on stop (throwaway test systems). */
  dropOnStop?: boolean;
  /** The databases are already seeded (benchmarks). */
  skipSeed?: boolean;
  /** Supergraph file to serve (the committed one by default). */
  supergraphPath?: string;
  /** Outbox dispatcher tuning; by default quick polling and retries (at most 1 s apart). */
  outbox?: OutboxOptions;
  /**
   * Whether officers may run only the portal's registered operations. Off unless asked:
   * most tests put ad-hoc queries to the API as officers to prove the access rules, which
   * hold whatever the client; the portal's browser tests and trusted-documents.test.ts
   * turn it on. (`npm start` and production enforce by default: TRUSTED_DOCUMENTS.)
   */
  trustedDocuments?: TrustedDocumentsMode;
  /** Subgraphs served besides the registered ones (a test's throwaway subgraph; give a supergraph with them). */
  extraSubgraphs?: readonly SubgraphEntry[];
  /** The access matrix every subgraph enforces (by default the registered subgraphs'). */
  matrix?: AccessMatrix;
  /**
   * The gateway's subgraph fetches. By default reads wait as long as writes and the circuit
   * breaker is off: the suite runs on loaded two-core machines, where a slow answer is not an
   * agency down. The tests of the breaker and the read timeout ask for them.
   */
  gatewayFetch?: Partial<FetcherOptions>;
}

const TEST_GATEWAY_FETCH: Partial<FetcherOptions> = { readTimeoutMs: 10_000, breakerFailures: 0 };

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * REHAB_TEST_SEEDED_TEMPLATE ("<prefix>:<persons>", set by the test suite's global setup)
 * names databases already migrated and seeded with that many demo persons: a system of the
 * same size copies them instead of seeding.
 */
function seededTemplate(env: NodeJS.ProcessEnv, persons: number): string | null {
  const [prefix, count] = (env.REHAB_TEST_SEEDED_TEMPLATE ?? '').split(':');
  return prefix && Number(count) === persons ? prefix : null;
}

/** Four subgraphs and the gateway in this process, on free ports, over real HTTP. */
export class InProcessSystem {
  readonly subgraphs = new Map<SubgraphName, RunningSubgraph>();
  private gateway: RunningGateway | undefined;
  /** The subgraphs this system runs: the registered ones and any extra ones. */
  readonly entries: readonly SubgraphEntry[];
  /** Keys generated for this system: the gateway's context pair, one notice pair per subgraph. */
  readonly trust: ReturnType<typeof generateTrust>;
  readonly pseudonymSecret = randomBytes(32).toString('base64url');
  readonly accessTokenSecret = randomBytes(32).toString('base64url');

  private constructor(
    readonly options: SystemOptions,
    readonly dbs: OpenDatabases,
  ) {
    this.entries = dbs.entries;
    this.trust = generateTrust([...SUBGRAPH_NAMES, ...(options.extraSubgraphs ?? []).map((s) => s.name)]);
  }

  static async start(options: SystemOptions): Promise<InProcessSystem> {
    const persons = options.persons ?? 300;
    const seeded = options.skipSeed ? null : seededTemplate(options.env, persons);
    const dbs = await openAllDatabases(seeded ? { ...options.env, DATABASE_TEMPLATE_PREFIX: seeded } : options.env, [
      ...SUBGRAPHS,
      ...(options.extraSubgraphs ?? []),
    ]);
    if (!options.skipSeed && !seeded) await seedAll(dbs, { persons });
    const system = new InProcessSystem(options, dbs);
    for (const s of system.entries) await system.startSubgraph(s.name);
    const webDir = options.webDir === undefined ? join(REPO_ROOT, 'web', 'dist') : options.webDir;
    system.gateway = await startGateway(
      {
        identityDb: dbs.identity,
        subgraphUrls: Object.fromEntries([...system.subgraphs].map(([name, running]) => [name, running.url])),
        supergraphPath: options.supergraphPath ?? SUPERGRAPH_FILE,
        contextPrivateKey: system.trust.contextPrivateKey,
        accessTokenSecret: system.accessTokenSecret,
        webDir,
        trustedDocuments: { mode: options.trustedDocuments ?? 'off', manifestPath: webDir ? join(webDir, MANIFEST_FILE) : null },
        production: options.production ?? false,
        fetch: { ...TEST_GATEWAY_FETCH, ...options.gatewayFetch },
        log: () => undefined,
      },
      { port: 0 },
    );
    return system;
  }

  get url(): string {
    if (!this.gateway) throw new Error('gateway not started');
    return this.gateway.url;
  }

  /** (Re)starts one subgraph; on the same port when it ran before. */
  async startSubgraph(name: SubgraphName): Promise<RunningSubgraph> {
    const entry = this.entries.find((s) => s.name === name);
    if (!entry) throw new Error(`unknown subgraph ${name}`);
    const previous = this.subgraphs.get(name);
    const port = previous ? Number(new URL(previous.url).port) : 0;
    const running = await startSubgraph(
      entry.module,
      {
        db: this.dbs.subgraph(name).db,
        trust: subgraphTrustOf(this.trust, name),
        pseudonymSecret: this.pseudonymSecret,
        production: this.options.production ?? false,
        ...(this.options.matrix ? { matrix: this.options.matrix } : {}),
        // Cross-agency notices go to the subgraphs running now (a restarted one keeps its port).
        resolveSubgraphUrl: (destination) => this.subgraphs.get(destination)?.url,
        outbox: { pollIntervalMs: 200, maxBackoffMs: 1000, ...this.options.outbox },
      },
      { port },
    );
    this.subgraphs.set(name, running);
    return running;
  }

  /**
   * Headers of a direct call to a subgraph, signed as the gateway would sign it: for this
   * caller, this subgraph and this exact body (query, variables, operation name), usable once.
   */
  async signedHeaders(
    caller: Caller,
    subgraph: SubgraphName,
    body: BoundRequest,
    ttlSeconds?: number,
  ): Promise<Record<string, string>> {
    return {
      'content-type': 'application/json',
      [CONTEXT_HEADER]: await signCallerContext(caller, subgraph, this.trust.contextPrivateKey, body, ttlSeconds),
    };
  }

  async stopSubgraph(name: SubgraphName): Promise<void> {
    await this.subgraphs.get(name)?.stop();
  }

  queryCount(name: SubgraphName): number {
    return this.dbs.subgraph(name).source.queries.total;
  }

  resetQueryCounts(): void {
    for (const s of Object.values(this.dbs.subgraphs)) s.source.queries.reset();
  }

  async login(username: string, password: string = DEMO_PASSWORD): Promise<string> {
    const response = await fetch(new URL('auth/login', this.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`login ${username} failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  async graphql<T = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(new URL('graphql', this.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...body };
  }

  async stop(): Promise<void> {
    await this.gateway?.stop();
    for (const running of this.subgraphs.values()) await running.stop().catch(() => undefined);
    await this.dbs.close();
    if (this.options.dropOnStop) await dropAllDatabases(this.options.env, this.entries);
  }
}
