/**
 * Many instances on one PostgreSQL: two gateways and two copies of every subgraph. Gateway A
 * prefers copy 1 of each subgraph and gateway B copy 2, each through a small failover proxy
 * per subgraph (the next copy when one refuses connections, as a load balancer would); the
 * copies' outbox dispatchers reach the receivers through the same proxies. Under load —
 * logins, refreshes across gateways, person queries and registrations whose notices go to
 * every agency — copy 2 of every subgraph is killed abruptly (connections cut, database
 * sessions terminated, its outbox leases left behind). Then: every notice is delivered, each
 * exactly once; no request failed but those in flight at the kill; one officer's rate limit
 * is shared by both gateways; a refresh token issued by A works at B, once.
 */
import { randomInt } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { createIdentityDataSource, DEMO_PASSWORD, startGateway, type RunningGateway } from '@rehab/gateway';
import type { InProcessSystem } from '@rehab/ops';
import { openDatabase, startSubgraph, subgraphTrustOf, type RunningSubgraph } from '@rehab/server-kit';
import { SUPERGRAPH_FILE, makeIdentificationNumber, type SubgraphName } from '@rehab/shared-schema';
import { population, startTestSystem } from './fixtures';

/** One per-officer limit for both gateways: generous for the load, a slow refill (one token in 1000 s). */
const RATE_LIMITS = {
  perUser: { ratePerSecond: 0.001, burst: 5000 },
  loginPerIp: { ratePerSecond: 100, burst: 1000 },
};

// ---------------------------------------------------------------------------------------
// A failover proxy: the first copy that accepts the connection gets the request.

interface Proxy {
  url: string;
  close(): Promise<void>;
}

/** Holds notice deliveries passing a proxy (POST /notices) until released; records those it held. */
class NoticeHold {
  held = false;
  private waiters: (() => void)[] = [];
  /** Notice ids held, and the status the receiver answered once released. */
  readonly released: { id: string; status: number }[] = [];

  /** Deliveries waiting in the proxy now. */
  get waiting(): number {
    return this.waiters.length;
  }

  async pass(req: IncomingMessage): Promise<boolean> {
    if (!this.held || !req.url?.startsWith('/notices')) return false;
    await new Promise<void>((resolve) => this.waiters.push(resolve));
    return true;
  }

  record(body: Buffer, status: number): void {
    const { id } = JSON.parse(body.toString('utf8')) as { id: string };
    this.released.push({ id, status });
  }

  release(): void {
    this.held = false;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host, connection: 'close', 'content-length': String(body.length) };
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent: false },
      resolve,
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

async function startProxy(targets: readonly string[], hold?: NoticeHold): Promise<Proxy> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const wasHeld = (await hold?.pass(req)) ?? false;
        for (const target of targets) {
          try {
            const upstream = await forward(new URL(target), req, body);
            if (wasHeld) hold?.record(body, upstream.statusCode ?? 0);
            const headers = { ...upstream.headers };
            delete headers.connection;
            delete headers['keep-alive'];
            res.writeHead(upstream.statusCode ?? 502, headers);
            upstream.pipe(res);
            upstream.on('error', () => res.destroy());
            res.on('error', () => undefined);
            return;
          } catch (error) {
            // Nothing was sent to a copy that refused the connection: the next one may take it.
            if ((error as { code?: string }).code === 'ECONNREFUSED') continue;
            break;
          }
        }
        res.writeHead(502, { 'content-type': 'application/json' }).end('{"errors":[{"message":"no copy answered"}]}');
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------
// The second copy of each subgraph: its own pool (its own application_name), its own dispatcher.

interface Copy {
  name: SubgraphName;
  db: DataSource;
  applicationName: string;
  running: RunningSubgraph;
}

let system: InProcessSystem;
const copies = new Map<SubgraphName, Copy>();
const proxies: Proxy[] = [];
let identityB: DataSource;
let gatewayA: RunningGateway;
let gatewayB: RunningGateway;
/** Deliveries through gateway B's proxies (copy 2's dispatchers) can be held. */
const holdB = new NoticeHold();

async function openSecondPool(name: SubgraphName, applicationName: string): Promise<DataSource> {
  const entry = system.entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no subgraph ${name}`);
  const source = entry.createSource(system.options.env);
  const options = source.dataSource.options as PostgresConnectionOptions;
  const dataSource = new DataSource({
    ...options,
    extra: { ...(options.extra as Record<string, unknown>), application_name: applicationName },
  });
  const db = await openDatabase({ dataSource, queries: source.queries }, name, system.options.env);
  // A crash cuts the copy's sessions: its clients then report the termination, which nobody awaits.
  const pool = (db.driver as unknown as { master: EventEmitter & { _clients?: EventEmitter[] } }).master;
  const ignore = (): void => undefined;
  pool.on('error', ignore);
  pool.on('connect', (client: EventEmitter) => client.on('error', ignore));
  for (const client of pool._clients ?? []) client.on('error', ignore);
  return db;
}

/** Kills a copy as a crash would: connections cut, its database sessions terminated mid-transaction. */
async function kill(copy: Copy): Promise<void> {
  copy.running.server.closeAllConnections();
  copy.running.server.close();
  const ending = copy.db.destroy();
  await system.dbs
    .subgraph(copy.name)
    .db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [copy.applicationName]);
  await ending.catch(() => undefined);
  // Its dispatcher finds its pool gone: whatever it had claimed stays leased until the lease expires.
  await copy.running.outbox?.stop();
}

async function gatewayOver(urls: Record<SubgraphName, string>, identityDb: DataSource): Promise<RunningGateway> {
  return startGateway(
    {
      identityDb,
      subgraphUrls: urls,
      supergraphPath: SUPERGRAPH_FILE,
      contextPrivateKey: system.trust.contextPrivateKey,
      accessTokenSecret: system.accessTokenSecret,
      webDir: null,
      trustedDocuments: { mode: 'off', manifestPath: null },
      rateLimits: RATE_LIMITS,
      log: () => undefined,
    },
    { port: 0 },
  );
}

let startedAt: Date;

beforeAll(async () => {
  system = await startTestSystem();
  startedAt = new Date();
  const names = system.entries.map((e) => e.name);
  const firstUrls = Object.fromEntries(names.map((n) => [n, system.subgraphs.get(n)?.url as string])) as Record<
    SubgraphName,
    string
  >;
  // Ports of copy 2 are known only once started, and copy 2's dispatchers need the proxies: proxies resolve lazily.
  const secondUrls = {} as Record<SubgraphName, string>;
  const viaB = {} as Record<SubgraphName, string>;
  for (const name of names) {
    const applicationName = `rehab-${name}-copy2`;
    const db = await openSecondPool(name, applicationName);
    const entry = system.entries.find((e) => e.name === name);
    if (!entry) throw new Error(`no subgraph ${name}`);
    const running = await startSubgraph(
      entry.module,
      {
        db,
        trust: subgraphTrustOf(system.trust, name),
        pseudonymSecret: system.pseudonymSecret,
        production: false,
        resolveSubgraphUrl: (destination) => viaB[destination],
        // A short lease, so the test sees a dead copy's notices taken over.
        outbox: { pollIntervalMs: 200, maxBackoffMs: 1000, requestTimeoutMs: 2000, leaseMs: 4000 },
      },
      { port: 0 },
    );
    secondUrls[name] = running.url;
    copies.set(name, { name, db, applicationName, running });
  }
  const viaA = {} as Record<SubgraphName, string>;
  for (const name of names) {
    const [first, second] = [firstUrls[name], secondUrls[name]];
    if (!first || !second) throw new Error(`no copies of ${name}`);
    const a = await startProxy([first, second]);
    const b = await startProxy([second, first], holdB);
    proxies.push(a, b);
    viaA[name] = a.url;
    viaB[name] = b.url;
  }
  gatewayA = await gatewayOver(viaA, system.dbs.identity);
  identityB = await openDatabase(createIdentityDataSource(system.options.env), 'identity', system.options.env);
  gatewayB = await gatewayOver(viaB, identityB);
}, 300_000);

afterAll(async () => {
  await gatewayA.stop();
  await gatewayB.stop();
  for (const proxy of proxies) await proxy.close();
  for (const copy of copies.values()) {
    await copy.running.stop().catch(() => undefined);
    if (copy.db.isInitialized) await copy.db.destroy();
  }
  await identityB.destroy();
  await system.stop();
});

// ---------------------------------------------------------------------------------------
// Calls

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

async function login(gateway: RunningGateway, username: string): Promise<Tokens> {
  const response = await fetch(new URL('auth/login', gateway.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
  return (await response.json()) as Tokens;
}

async function refresh(gateway: RunningGateway, refreshToken: string): Promise<{ status: number; tokens: Tokens | null }> {
  const response = await fetch(new URL('auth/refresh', gateway.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  return { status: response.status, tokens: response.status === 200 ? ((await response.json()) as Tokens) : null };
}

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function graphql(
  gateway: RunningGateway,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const response = await fetch(new URL('graphql', gateway.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
}

const PERSON = `query($n: IdentificationNumber!) {
  personByIdentificationNumber(number: $n) { fullName rehabEpisodes { status } substitutionTreatment { phase } supportAssignments { startedOn } }
}`;
const REGISTER = 'mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }';

let serial = randomInt(100_000, 800_000);
function newPerson(): Record<string, unknown> {
  serial += 1;
  const address = { unitCode: '00004', addressLine: 'Số 7 ngõ 3 phố Đội Cấn' };
  return {
    identificationNumber: makeIdentificationNumber('001', '1951-03-04', 'MALE', serial),
    fullName: `Người thử tải ${serial}`,
    dateOfBirth: '1951-03-04',
    sex: 'MALE',
    ethnicity: 'Kinh',
    permanentResidence: address,
    currentResidence: address,
  };
}

interface Op {
  gateway: 'A' | 'B';
  kind: string;
  start: number;
  end: number;
  ok: boolean;
  detail: string;
}

// ---------------------------------------------------------------------------------------

describe('two gateways and two copies of every subgraph on one database', () => {
  it('share sessions: a refresh token issued by A is accepted by B once, and its tokens work at both', async () => {
    const atA = await login(gatewayA, 'congan.hanoi');
    const atB = await refresh(gatewayB, atA.refreshToken);
    expect(atB.status).toBe(200);
    const tokens = atB.tokens as Tokens;
    for (const gateway of [gatewayA, gatewayB]) {
      const answer = await graphql(gateway, tokens.accessToken, '{ __typename }');
      expect(answer.status).toBe(200);
    }
    // The used refresh token, back at A: reuse, refused (and the session revoked).
    expect((await refresh(gatewayA, atA.refreshToken)).status).toBe(401);
    expect((await refresh(gatewayB, tokens.refreshToken)).status).toBe(401);
  });

  it("share one officer's rate limit: both gateways spend the same bucket, each leasing its share", async () => {
    const analyst = await login(gatewayA, 'phantich.hanoi');
    // Leave the officer's shared bucket twelve tokens (rather than spend 5,000 requests).
    const [account] = await system.dbs.identity.query<{ id: string }[]>(
      "SELECT id FROM officer_account WHERE username = 'phantich.hanoi'",
    );
    const scope = `graphql-officer:${RATE_LIMITS.perUser.ratePerSecond}/s:${RATE_LIMITS.perUser.burst}`;
    await system.dbs.identity.query(
      `INSERT INTO rate_limit_bucket (scope, key, tokens, granted, allowed, updated_at) VALUES ($1, $2, 12, 1, true, now())
       ON CONFLICT (scope, key) DO UPDATE SET tokens = 12, updated_at = now()`,
      [scope, account?.id],
    );
    const statuses: string[] = [];
    for (let i = 0; i < 22; i++) {
      const [name, gateway] = i % 2 === 0 ? ['A', gatewayA] : ['B', gatewayB];
      statuses.push(`${name}${(await graphql(gateway, analyst.accessToken, '{ __typename }')).status}`);
    }
    // A leases ten tokens (a tenth of the burst, at most ten), B the two left: twelve requests in all, then both refuse.
    const of = (name: string, status: number) => statuses.filter((s) => s === `${name}${status}`).length;
    expect([of('A', 200), of('B', 200), of('A', 429), of('B', 429)]).toEqual([10, 2, 1, 9]);
    expect(statuses.slice(0, 4)).toEqual(['A200', 'B200', 'A200', 'B200']);
    expect(statuses.slice(-2)).toEqual(['A429', 'B429']);
  });

  it('under load, with copy 2 of every subgraph killed: every notice delivered once, only in-flight requests failed', async () => {
    const officers = {
      A: { police: await login(gatewayA, 'congan.phuongbadinh'), reader: await login(gatewayA, 'giamsat.hanoi') },
      B: { police: await login(gatewayB, 'congan.phuongbadinh'), reader: await login(gatewayB, 'giamsat.hanoi') },
    };
    const ops: Op[] = [];
    let running = true;
    const inFlight = new Set<Op>();
    const people = population.slice(0, 50);

    async function worker(name: 'A' | 'B', index: number): Promise<void> {
      const gateway = name === 'A' ? gatewayA : gatewayB;
      for (let i = 0; running; i++) {
        const register = (i + index) % 2 === 0;
        const op: Op = {
          gateway: name,
          kind: register ? 'register' : 'person',
          start: Date.now(),
          end: 0,
          ok: false,
          detail: '',
        };
        inFlight.add(op);
        try {
          const answer = register
            ? await graphql(gateway, officers[name].police.accessToken, REGISTER, { i: newPerson() })
            : await graphql(gateway, officers[name].reader.accessToken, PERSON, {
                n: people[(i * 7 + index) % people.length]?.identificationNumber,
              });
          op.ok = answer.status === 200 && !answer.errors;
          op.detail = `${answer.status} ${answer.errors?.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ') ?? ''}`;
        } catch (error) {
          op.detail = String(error);
        }
        op.end = Date.now();
        inFlight.delete(op);
        ops.push(op);
      }
    }

    const workers = [worker('A', 0), worker('A', 1), worker('B', 0), worker('B', 1)];
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await pause(3000);
    // Catch copy 2 of police mid-delivery: its deliveries wait in the proxy while it holds their lease.
    const police = system.dbs.subgraph('police').db;
    const dying = copies.get('police')?.running.outbox?.leaseOwner;
    holdB.held = true;
    let leasedByDying: string[] = [];
    const holdDeadline = Date.now() + 60_000;
    // Leased and on the wire: a lease taken just before the kill may not have reached the proxy yet.
    while ((leasedByDying.length === 0 || holdB.waiting === 0) && Date.now() < holdDeadline) {
      await pause(100);
      leasedByDying = (
        await police.query<{ id: string }[]>('SELECT id FROM outbox_notice WHERE lease_owner = $1 AND delivered_at IS NULL', [
          dying,
        ])
      ).map((r) => r.id);
    }
    expect(leasedByDying.length).toBeGreaterThan(0);
    await pause(500);
    const killStart = Date.now();
    const inFlightAtKill = inFlight.size;
    for (const copy of copies.values()) await kill(copy);
    const killEnd = Date.now();
    // The dead copy's requests still reach a receiver (copy 1 now); the dead copy never records them.
    holdB.release();
    await pause(5000);
    running = false;
    await Promise.all(workers);

    const failed = ops.filter((o) => !o.ok);
    const overlapping = ops.filter((o) => o.start <= killEnd && o.end >= killStart);
    // Only requests under way while the copies were killed may fail; all the others succeed.
    expect(failed.filter((o) => o.start > killEnd || o.end < killStart).map((o) => `${o.gateway} ${o.kind} ${o.detail}`)).toEqual(
      [],
    );
    expect(failed.length).toBeLessThanOrEqual(overlapping.length);
    expect(inFlightAtKill).toBeGreaterThan(0);
    // Both gateways served before and after the kill, registrations and queries alike.
    for (const gateway of ['A', 'B'] as const) {
      for (const kind of ['register', 'person']) {
        const served = ops.filter((o) => o.gateway === gateway && o.kind === kind && o.ok);
        expect([gateway, kind, served.some((o) => o.end < killStart)]).toEqual([gateway, kind, true]);
        expect([gateway, kind, served.some((o) => o.start > killEnd)]).toEqual([gateway, kind, true]);
      }
    }

    // Every notice police wrote during the test reaches its receiver, and is applied there once.
    const pending = async (): Promise<number> =>
      (
        await police.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM outbox_notice WHERE created_at >= $1 AND delivered_at IS NULL',
          [startedAt],
        )
      )[0]?.n ?? -1;
    const deadline = Date.now() + 90_000;
    while ((await pending()) > 0 && Date.now() < deadline) await pause(250);
    expect(await pending()).toBe(0);
    const sent = await police.query<{ id: string; destination: SubgraphName }[]>(
      'SELECT id, destination FROM outbox_notice WHERE created_at >= $1',
      [startedAt],
    );
    const registered = ops.filter((o) => o.kind === 'register' && o.ok).length;
    // Each registration tells every other agency.
    expect(sent.length).toBeGreaterThanOrEqual(registered * (system.entries.length - 1));
    for (const destination of new Set(sent.map((s) => s.destination))) {
      const ids = sent.filter((s) => s.destination === destination).map((s) => s.id);
      const [inbox] = await system.dbs
        .subgraph(destination)
        .db.query<{ n: number; distinct: number }[]>(
          'SELECT count(*)::int AS n, count(DISTINCT id)::int AS distinct FROM inbox_notice WHERE id = ANY($1::uuid[])',
          [ids],
        );
      expect([destination, inbox?.n, inbox?.distinct]).toEqual([destination, ids.length, ids.length]);
    }
    // The notices the dead copy held: applied by its last request, marked delivered by a survivor
    // that delivered them again after the lease expired (a duplicate to the receiver).
    const releasedPolice = holdB.released.filter((r) => leasedByDying.includes(r.id));
    expect(releasedPolice.length).toBeGreaterThan(0);
    expect(releasedPolice.every((r) => r.status === 200)).toBe(true);
    // No lease is left behind: the dead copies' claims expired and the survivors delivered them.
    const [leased] = await police.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM outbox_notice WHERE created_at >= $1 AND lease_owner IS NOT NULL',
      [startedAt],
    );
    expect(leased?.n).toBe(0);
  });
});
