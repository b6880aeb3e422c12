/**
 * A circuit breaker per subgraph: after `failures` consecutive failed requests (no answer:
 * refused, reset, timed out) the circuit opens and requests fail at once, without waiting
 * for an agency known to be down; after `openMs` one request is let through (half-open)
 * and its outcome closes the circuit again or keeps it open for another `openMs`.
 */
export interface BreakerOptions {
  failures: number;
  openMs: number;
  now?: () => number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitOpenError extends Error {
  constructor(readonly subgraph: string) {
    super(`circuit open: ${subgraph} is not answering`);
    this.name = 'CircuitOpenError';
  }
}

export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  private probing = false;
  private readonly now: () => number;

  constructor(
    readonly subgraph: string,
    private readonly options: BreakerOptions,
    private readonly onChange?: (state: BreakerState) => void,
  ) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.openMs ? 'half-open' : 'open';
  }

  /** Whether a request may go now, and whether it is the one probe a half-open circuit lets through. */
  private admit(): 'go' | 'probe' | 'refused' {
    const state = this.state;
    if (state === 'closed') return 'go';
    if (state === 'open' || this.probing) return 'refused';
    this.probing = true;
    return 'probe';
  }

  /** Runs a request through the breaker: refused at once while open. */
  async run<T>(request: () => Promise<T>, isFailure: (error: unknown) => boolean): Promise<T> {
    const admitted = this.admit();
    if (admitted === 'refused') throw new CircuitOpenError(this.subgraph);
    try {
      const result = await request();
      this.succeeded();
      return result;
    } catch (error) {
      if (isFailure(error)) this.failed();
      else this.succeeded();
      throw error;
    } finally {
      // Only the probe ends the probing: a request sent before the circuit opened may finish meanwhile.
      if (admitted === 'probe') this.probing = false;
    }
  }

  private succeeded(): void {
    this.consecutiveFailures = 0;
    if (this.openedAt !== null) {
      this.openedAt = null;
      this.onChange?.('closed');
    }
  }

  private failed(): void {
    this.consecutiveFailures += 1;
    const wasOpen = this.openedAt !== null;
    if (wasOpen || this.consecutiveFailures >= this.options.failures) {
      this.openedAt = this.now();
      if (!wasOpen) this.onChange?.('open');
    }
  }
}
