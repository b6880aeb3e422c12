import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from './logger';

/** Distinct operation names kept as label values; later ones are counted as "other" (clients choose names). */
const MAX_OPERATIONS = 300;
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** pg's pool behind a TypeORM PostgreSQL data source, when it is open. */
function poolOf(db: DataSource): PoolCounts | undefined {
  if (!db.isInitialized) return undefined;
  const master = (db.driver as unknown as { master?: Partial<PoolCounts> }).master;
  return master && typeof master.totalCount === 'number' ? (master as PoolCounts) : undefined;
}

/** Runs a promise with a deadline. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The process's default metrics (CPU, memory, event loop, GC), collected once per process
 * whatever the number of services in it (tests run several), labelled with the first service.
 */
let processRegistry: Registry | undefined;

function processMetrics(service: string): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    processRegistry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * One service's Prometheus metrics, in a registry of its own (tests run several services in
 * one process), every series labelled with the service: HTTP requests and latency per
 * route, GraphQL operation and status; GraphQL errors by code; the process's default
 * metrics; and what the service adds (database pools, subgraph fetches, outbox backlog).
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'operation' | 'status'>;
  private readonly durations: Histogram<'route' | 'operation' | 'status'>;
  private readonly errors: Counter<'code'>;
  private readonly operations = new Set<string>();
  private readonly process: Registry;
  private fetches?: { count: Counter<'subgraph' | 'outcome'>; seconds: Histogram<'subgraph' | 'outcome'> };
  private circuits?: Gauge<'subgraph'>;

  constructor(
    readonly service: string,
    private readonly logger?: Logger,
  ) {
    this.registry.setDefaultLabels({ service });
    this.process = processMetrics(service);
    this.requests = new Counter({
      name: 'rehab_http_requests_total',
      help: 'HTTP requests served, by route, GraphQL operation name and status',
      labelNames: ['route', 'operation', 'status'],
      registers: [this.registry],
    });
    this.durations = new Histogram({
      name: 'rehab_http_request_duration_seconds',
      help: 'HTTP request latency in seconds, by route, GraphQL operation name and status',
      labelNames: ['route', 'operation', 'status'],
      buckets: DURATION_BUCKETS,
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'rehab_graphql_errors_total',
      help: 'GraphQL errors sent to clients, by extensions.code',
      labelNames: ['code'],
      registers: [this.registry],
    });
  }

  private operationLabel(operation: string | undefined): string {
    if (!operation) return '';
    if (this.operations.has(operation)) return operation;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(operation);
    return operation;
  }

  observeRequest(r: { route: string; operation: string | undefined; status: number; seconds: number }): void {
    const labels = { route: r.route, operation: this.operationLabel(r.operation), status: String(r.status) };
    this.requests.inc(labels);
    this.durations.observe(labels, r.seconds);
  }

  /** The exposition: the process's default metrics, then the service's own. */
  async text(): Promise<string> {
    const [own, shared] = await Promise.all([this.registry.metrics(), this.process.metrics()]);
    return `${shared}\n${own}`;
  }

  graphqlError(code: string): void {
    this.errors.inc({ code });
  }

  /** A gateway's fetch from a subgraph: outcome is the HTTP status class (2xx, 4xx, 5xx) or "error" (network, timeout). */
  subgraphFetch(subgraph: string, outcome: string, seconds: number): void {
    this.fetches ??= {
      count: new Counter({
        name: 'rehab_subgraph_fetches_total',
        help: 'Requests from the gateway to subgraphs, by subgraph and outcome (2xx, 4xx, 5xx, error)',
        labelNames: ['subgraph', 'outcome'],
        registers: [this.registry],
      }),
      seconds: new Histogram({
        name: 'rehab_subgraph_fetch_duration_seconds',
        help: 'Latency of requests from the gateway to subgraphs in seconds, by subgraph and outcome',
        labelNames: ['subgraph', 'outcome'],
        buckets: DURATION_BUCKETS,
        registers: [this.registry],
      }),
    };
    this.fetches.count.inc({ subgraph, outcome });
    this.fetches.seconds.observe({ subgraph, outcome }, seconds);
  }

  /** Whether the gateway's circuit to a subgraph is open (1: requests fail at once) or closed (0). */
  subgraphCircuit(subgraph: string, open: boolean): void {
    this.circuits ??= new Gauge({
      name: 'rehab_subgraph_circuit_open',
      help: "1 while the gateway's circuit breaker to a subgraph is open (it does not answer), else 0",
      labelNames: ['subgraph'],
      registers: [this.registry],
    });
    this.circuits.set({ subgraph }, open ? 1 : 0);
  }

  /** Connections of a database's pool (total, idle, waiting clients), read at each scrape. */
  addDatabasePool(database: string, db: DataSource): void {
    const gauge = (name: string, help: string, read: (p: PoolCounts) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['database'],
        registers: [this.registry],
        collect() {
          const pool = poolOf(db);
          if (pool) this.set({ database }, read(pool));
          else this.reset();
        },
      });
    gauge('rehab_db_pool_connections', 'Open connections of the database pool', (p) => p.totalCount);
    gauge('rehab_db_pool_idle_connections', 'Idle connections of the database pool', (p) => p.idleCount);
    gauge('rehab_db_pool_waiting_clients', 'Queries waiting for a connection of the database pool', (p) => p.waitingCount);
  }

  /**
   * The outbox backlog of a subgraph, read from its outbox table at each scrape: notices
   * neither delivered nor refused, and the age of the oldest of them in seconds (0 when none).
   */
  addOutboxBacklog(db: DataSource): void {
    const logger = this.logger;
    let last: Promise<{ pending: number; age: number } | undefined> | undefined;
    // Both gauges are collected in one scrape: one query serves them.
    const read = () => {
      last ??= withTimeout(
        db.query<{ pending: number; age: number | null }[]>(
          `SELECT count(*)::int AS pending,
                  COALESCE(EXTRACT(EPOCH FROM (now() - min(created_at))), 0)::float8 AS age
             FROM outbox_notice WHERE delivered_at IS NULL AND failed_at IS NULL`,
        ),
        2000,
        'outbox backlog query',
      )
        .then(([row]) => ({ pending: row?.pending ?? 0, age: row?.age ?? 0 }))
        .catch((error: unknown) => {
          logger?.warn({ err: error }, 'outbox backlog not read for metrics');
          return undefined;
        })
        .finally(() => setTimeout(() => (last = undefined), 0).unref());
      return last;
    };
    new Gauge({
      name: 'rehab_outbox_pending_notices',
      help: 'Cross-agency notices in the outbox waiting for delivery',
      registers: [this.registry],
      async collect() {
        const backlog = await read();
        if (backlog) this.set(backlog.pending);
      },
    });
    new Gauge({
      name: 'rehab_outbox_oldest_pending_age_seconds',
      help: 'Age in seconds of the oldest notice waiting for delivery (0 when none)',
      registers: [this.registry],
      async collect() {
        const backlog = await read();
        if (backlog) this.set(backlog.age);
      },
    });
  }
}

/** METRICS_TOKEN: when set, /metrics answers only `Authorization: Bearer <token>`. */
export function metricsTokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env.METRICS_TOKEN?.trim();
  return token ? token : undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** GET /metrics in Prometheus text format, behind the optional bearer token. */
export function metricsHandler(metrics: ServiceMetrics, token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (token) {
      const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(given), digest(token))) {
        res.status(401).setHeader('WWW-Authenticate', 'Bearer').json({ status: 'unauthorized' });
        return;
      }
    }
    metrics.text().then((text) => {
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.send(text);
    }, next);
  };
}
