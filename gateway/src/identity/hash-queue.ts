import { positiveNumberFromEnv } from '@rehab/server-kit';

/** Thrown when a client already has too much password work waiting, or the queue is full. */
export class HashQueueFull extends Error {
  constructor(readonly scope: 'client' | 'server') {
    super(`password hashing queue full (${scope})`);
  }
}

export interface HashQueueOptions {
  /** Hashes running at once (scrypt N=2^17 takes ~128 MiB and one libuv thread each). */
  concurrency: number;
  /** Hashes for invented usernames running at once: fewer than `concurrency`, so a slot is always free for a real account. */
  unknownAccountConcurrency: number;
  /** Hashes running at once for one client key (IP address). */
  perClientConcurrency: number;
  /** Requests one client may have waiting; more are refused at once. */
  perClientWaiting: number;
  /** Requests waiting in all; more are refused at once. */
  maxWaiting: number;
}

export function hashQueueOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): HashQueueOptions {
  const concurrency = positiveNumberFromEnv(env, 'LOGIN_HASH_CONCURRENCY', 2);
  return {
    concurrency,
    unknownAccountConcurrency: Math.max(1, concurrency - 1),
    perClientConcurrency: 1,
    perClientWaiting: positiveNumberFromEnv(env, 'LOGIN_HASH_WAITING_PER_IP', 16),
    maxWaiting: positiveNumberFromEnv(env, 'LOGIN_HASH_WAITING', 64),
  };
}

interface Job {
  run: () => void;
  /** Work for a username no account has: runs only when no account's check is waiting. */
  unknownAccount: boolean;
}

interface Client {
  running: number;
  waiting: Job[];
}

/**
 * A bounded, fair queue for the password hashing of unauthenticated requests: at most
 * `concurrency` hashes run, one client (IP) runs at most `perClientConcurrency` of them,
 * and free slots go round-robin over the clients that wait. Many bad logins from one
 * address therefore wait behind each other, not in front of another officer's login.
 */
export class HashQueue {
  private clients = new Map<string, Client>();
  private running = 0;
  private runningUnknown = 0;
  private waiting = 0;

  constructor(private readonly options: HashQueueOptions) {}

  run<T>(clientKey: string, work: () => Promise<T>, unknownAccount = false): Promise<T> {
    const client = this.clients.get(clientKey) ?? { running: 0, waiting: [] };
    if (client.waiting.length >= this.options.perClientWaiting) return Promise.reject(new HashQueueFull('client'));
    // Each lane has its own bound, so invented usernames cannot fill the queue against officers.
    if (this.waitingIn(unknownAccount) >= this.options.maxWaiting) return Promise.reject(new HashQueueFull('server'));
    // A client not seen before has been served least recently of all: to the front of the round.
    if (!this.clients.has(clientKey)) this.clients = new Map([[clientKey, client], ...this.clients]);
    return new Promise<T>((resolve, reject) => {
      client.waiting.push({
        unknownAccount,
        run: () => {
          work()
            .then(resolve, reject)
            .finally(() => {
              client.running -= 1;
              this.running -= 1;
              if (unknownAccount) this.runningUnknown -= 1;
              if (client.running === 0 && client.waiting.length === 0) this.clients.delete(clientKey);
              this.pump();
            });
        },
      });
      this.waiting += 1;
      this.pump();
    });
  }

  /**
   * Starts waiting jobs while slots are free, the least recently served client first; checks
   * of real accounts before checks of unknown usernames. Work for real accounts is bounded by
   * the lockout (a few failures per account), so a flood of invented usernames, however many
   * addresses it comes from, never stands in front of an officer's login.
   */
  private pump(): void {
    while (this.running < this.options.concurrency) {
      const next =
        this.nextClient(false) ??
        (this.runningUnknown < this.options.unknownAccountConcurrency ? this.nextClient(true) : undefined);
      if (!next) return;
      const [key, client] = next;
      const index = client.waiting.findIndex((job) => !job.unknownAccount);
      const [job] = client.waiting.splice(index >= 0 ? index : 0, 1) as [Job];
      client.running += 1;
      this.running += 1;
      if (job.unknownAccount) this.runningUnknown += 1;
      this.waiting -= 1;
      // Served: to the back of the round.
      this.clients.delete(key);
      this.clients.set(key, client);
      job.run();
    }
  }

  private waitingIn(unknownAccount: boolean): number {
    let count = 0;
    for (const client of this.clients.values())
      count += client.waiting.filter((job) => job.unknownAccount === unknownAccount).length;
    return count;
  }

  private nextClient(unknownAccount: boolean): [string, Client] | undefined {
    return [...this.clients].find(
      ([, c]) => c.running < this.options.perClientConcurrency && c.waiting.some((job) => job.unknownAccount === unknownAccount),
    );
  }

  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting };
  }
}
