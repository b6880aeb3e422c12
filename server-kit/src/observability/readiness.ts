import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from './logger';
import { withTimeout } from './metrics';

/** The outcome of one readiness check: "ok", or a short reason without URLs or SQL. */
export type CheckOutcome = 'ok' | 'failed' | 'timeout' | 'pending' | 'not-loaded' | Record<string, string>;
export type ReadinessCheck = () => Promise<CheckOutcome>;

/** How long a check may take before it counts as failed. */
export const READY_CHECK_TIMEOUT_MS = 2000;

function outcomeOf(error: unknown): CheckOutcome {
  return error instanceof Error && error.message.includes('did not answer within') ? 'timeout' : 'failed';
}

/** The database answers `SELECT 1` within the timeout. */
export function databaseCheck(db: DataSource, timeoutMs = READY_CHECK_TIMEOUT_MS): ReadinessCheck {
  return async () => {
    if (!db.isInitialized) return 'failed';
    try {
      await withTimeout(db.query('SELECT 1'), timeoutMs, 'database');
      return 'ok';
    } catch (error) {
      return outcomeOf(error);
    }
  };
}

/** No migration of the service's code is missing from its database (none pending). */
export function migrationsCheck(db: DataSource, timeoutMs = READY_CHECK_TIMEOUT_MS): ReadinessCheck {
  return async () => {
    if (!db.isInitialized) return 'failed';
    try {
      const rows = await withTimeout(
        db.query<{ name: string }[]>('SELECT applied_migration_names() AS name'),
        timeoutMs,
        'migration status',
      );
      const applied = new Set(rows.map((r) => r.name));
      return db.migrations.every((m) => m.name !== undefined && applied.has(m.name)) ? 'ok' : 'pending';
    } catch (error) {
      // No status function yet: its own migration is pending.
      if ((error as { code?: unknown }).code === '42883') return 'pending';
      return outcomeOf(error);
    }
  };
}

export interface ReadinessOptions {
  service: string;
  checks: Readonly<Record<string, ReadinessCheck>>;
  logger: Logger;
  /** Answers are cached this long, so probes and the gateway's fan-out cost little (default 1500 ms). */
  cacheMs?: number;
}

export interface ReadinessReport {
  status: 'ready' | 'unavailable';
  checks: Record<string, CheckOutcome>;
}

/** Runs every check (each within its own timeout), caching the report for cacheMs. */
export function readinessProbe(options: ReadinessOptions): () => Promise<ReadinessReport> {
  let cached: { at: number; report: Promise<ReadinessReport> } | undefined;
  let lastStatus: ReadinessReport['status'] | undefined;
  const run = async (): Promise<ReadinessReport> => {
    const entries = await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => [name, await check().catch(outcomeOf)] as const),
    );
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, outcome]) => outcome === 'ok') ? 'ready' : 'unavailable';
    if (status !== lastStatus && (lastStatus !== undefined || status === 'unavailable')) {
      if (status === 'ready') options.logger.info({ checks }, 'ready again');
      else options.logger.warn({ checks }, 'not ready');
    }
    lastStatus = status;
    return { status, checks };
  };
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at >= (options.cacheMs ?? 1500)) cached = { at: now, report: run() };
    return cached.report;
  };
}

/**
 * GET /health (the process answers: 200) and GET /ready (200 when every check is ok,
 * else 503 naming the failed checks). Register before any catch-all route.
 */
export function healthRoutes(app: Express, options: ReadinessOptions, extra: Record<string, string> = {}): void {
  const probe = readinessProbe(options);
  app.get('/health', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok', ...extra });
  });
  app.get('/ready', (_req, res, next) => {
    probe().then((report) => {
      res.setHeader('Cache-Control', 'no-store');
      res.status(report.status === 'ready' ? 200 : 503).json({ ...report, service: options.service });
    }, next);
  });
}
