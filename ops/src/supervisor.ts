import {
  answers,
  describeExit,
  isRunning,
  killGroup,
  startChild,
  stopChild,
  waitForHealth,
  type Child,
  type ExitStatus,
} from './children';

/** Restart delays: initialMs doubling up to maxMs; a run of resetAfterMs or more starts again at initialMs. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 30_000, resetAfterMs: 60_000 };

/** The delay before the n-th restart in a row (n ≥ 1). */
export function restartDelay(failures: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1));
}

/** Failures in a row after a run of upMs: a run as long as resetAfterMs forgives the earlier ones. */
export function failuresAfter(previous: number, upMs: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  return (upMs >= backoff.resetAfterMs ? 0 : previous) + 1;
}

export interface ServiceSpec {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  /** Answers 200 while the service is alive (polled for start-up and liveness). */
  healthUrl?: string;
  /** Resolves when a freshly started child is ready (default: healthUrl answers). */
  ready?: (child: Child) => Promise<void>;
  /** How long a stop may take before SIGKILL (the gateway drains its requests first). */
  stopGraceMs?: number;
}

const seconds = (ms: number): string => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

/**
 * One supervised service: started, watched, restarted with exponential backoff when it
 * exits unexpectedly or stops answering its health URL, stopped on request.
 */
export class SupervisedService {
  private child: Child | undefined;
  private failures = 0;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private unhealthyChecks = 0;
  private ready = false;
  /** Once it has been ready: from then on an exit means a restart (before, start() reports the failure). */
  private started = false;

  constructor(
    readonly spec: ServiceSpec,
    private readonly log: (line: string) => void,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {}

  /** First start: resolves when ready; a service that cannot start at all fails npm start. */
  async start(): Promise<Child> {
    const child = this.spawn();
    try {
      await this.waitReady(child);
      this.started = true;
    } catch (error) {
      this.stopped = true; // no restarts of a service that never started
      await stopChild(child, 2_000);
      throw error;
    }
    return child;
  }

  private spawn(): Child {
    const child = startChild(this.spec.name, this.spec.script, this.spec.env);
    this.child = child;
    this.startedAt = Date.now();
    this.unhealthyChecks = 0;
    this.ready = false;
    void child.exited.then((status) => this.exited(child, status));
    return child;
  }

  private async waitReady(child: Child): Promise<void> {
    await this.untilReady(child);
    if (child === this.child) this.ready = true;
  }

  private async untilReady(child: Child): Promise<void> {
    if (this.spec.ready) return this.spec.ready(child);
    if (this.spec.healthUrl) await waitForHealth(this.spec.healthUrl, child);
  }

  private exited(child: Child, status: ExitStatus): void {
    if (this.stopped || !this.started || child !== this.child) return;
    const upMs = Date.now() - this.startedAt;
    this.failures = failuresAfter(this.failures, upMs, this.backoff);
    const delay = restartDelay(this.failures, this.backoff);
    this.log(
      `${this.spec.name} stopped unexpectedly (${describeExit(status)}) after ${seconds(upMs)}; ` +
        `restarting in ${seconds(delay)}${this.failures > 1 ? ` (attempt ${this.failures} in a row)` : ''}. The others keep serving.`,
    );
    this.timer = setTimeout(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.stopped) return;
    const child = this.spawn();
    try {
      await this.waitReady(child);
      if (child === this.child && !this.isStopped()) this.log(`${this.spec.name} is back.`);
    } catch (error) {
      // Exited during start-up: exited() has already planned the next attempt. Hung: end it, which plans one.
      if (isRunning(child) && !this.isStopped()) {
        this.log(`${this.spec.name}: ${error instanceof Error ? error.message : String(error)}; ending it.`);
        killGroup(child);
      }
    }
  }

  /** Read through a call: stop() may have run during an await. */
  private isStopped(): boolean {
    return this.stopped;
  }

  /** One liveness check; after `limit` failed checks in a row the process is ended (and so restarted). */
  async checkHealth(limit: number): Promise<void> {
    const child = this.child;
    // A child still coming up is waitReady's to judge.
    if (this.stopped || !child || !this.ready || !isRunning(child) || !this.spec.healthUrl) return;
    if (await answers(this.spec.healthUrl, 3_000)) {
      this.unhealthyChecks = 0;
      return;
    }
    if (child !== this.child || this.isStopped()) return;
    this.unhealthyChecks += 1;
    if (this.unhealthyChecks >= limit) {
      this.log(`${this.spec.name} has not answered ${this.spec.healthUrl} ${limit} times in a row; restarting it.`);
      killGroup(child);
    }
  }

  /** Stops it for good: no more restarts; SIGTERM, then SIGKILL after the grace period. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.child) await stopChild(this.child, this.spec.stopGraceMs ?? 10_000);
  }

  /** A second Ctrl-C: no waiting. */
  kill(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.child && isRunning(this.child)) killGroup(this.child);
  }
}

/** Liveness: every intervalMs each service's health URL; `limit` failures in a row restart it. */
export function watchHealth(services: () => readonly SupervisedService[], intervalMs = 5_000, limit = 3): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void Promise.all(services().map((s) => s.checkHealth(limit))).finally(() => {
      running = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
