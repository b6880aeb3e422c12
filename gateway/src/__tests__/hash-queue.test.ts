import { HashQueue, HashQueueFull } from '../identity/hash-queue';

/** A job that records when it starts and finishes only when released. */
function gate(started: string[], name: string): { work: () => Promise<string>; release: () => void } {
  let release = (): void => undefined;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    work: async () => {
      started.push(name);
      await done;
      return name;
    },
    release,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the password-hashing queue', () => {
  it('runs an account check before every waiting check of an unknown username, whatever address it comes from', async () => {
    const queue = new HashQueue({
      concurrency: 1,
      unknownAccountConcurrency: 1,
      perClientConcurrency: 1,
      perClientWaiting: 16,
      maxWaiting: 64,
    });
    const started: string[] = [];
    const jobs = Array.from({ length: 6 }, (_v, i) => gate(started, `flood-${i}`));
    const running = jobs.map((job, i) => queue.run(`10.9.0.${i}`, job.work, true));
    const officer = gate(started, 'officer');
    const login = queue.run('10.1.1.1', officer.work, false);
    expect(started).toEqual(['flood-0']);
    jobs[0]?.release();
    await running[0];
    await settle();
    expect(started).toEqual(['flood-0', 'officer']);
    officer.release();
    await expect(login).resolves.toBe('officer');
    for (const job of jobs) job.release();
    await Promise.all(running);
    expect(started).toHaveLength(7);
  });

  it('bounds each lane on its own: a full lane of unknown usernames still admits an officer', async () => {
    const queue = new HashQueue({
      concurrency: 1,
      unknownAccountConcurrency: 1,
      perClientConcurrency: 1,
      perClientWaiting: 16,
      maxWaiting: 2,
    });
    const started: string[] = [];
    const jobs = Array.from({ length: 3 }, (_v, i) => gate(started, `flood-${i}`));
    const running = jobs.map((job, i) => queue.run(`10.9.0.${i}`, job.work, true));
    await expect(queue.run('10.9.0.9', async () => 'late', true)).rejects.toBeInstanceOf(HashQueueFull);
    const officer = gate(started, 'officer');
    const login = queue.run('10.1.1.1', officer.work, false);
    jobs[0]?.release();
    await running[0];
    officer.release();
    await expect(login).resolves.toBe('officer');
    for (const job of jobs) job.release();
    await Promise.all(running);
  });

  it('serves clients of the same lane in turn, a new address first, one running check per address', async () => {
    const queue = new HashQueue({
      concurrency: 1,
      unknownAccountConcurrency: 1,
      perClientConcurrency: 1,
      perClientWaiting: 16,
      maxWaiting: 64,
    });
    const started: string[] = [];
    const a = [gate(started, 'a1'), gate(started, 'a2'), gate(started, 'a3')];
    const b = gate(started, 'b1');
    const runs = [...a.map((job) => queue.run('a', job.work)), queue.run('b', b.work)];
    for (const job of [a[0], b, a[1], a[2]]) {
      job?.release();
      await settle();
    }
    await Promise.all(runs);
    expect(started).toEqual(['a1', 'b1', 'a2', 'a3']);
  });

  it('keeps a slot free for real accounts: invented usernames never use every slot', async () => {
    const queue = new HashQueue({
      concurrency: 2,
      unknownAccountConcurrency: 1,
      perClientConcurrency: 1,
      perClientWaiting: 16,
      maxWaiting: 64,
    });
    const started: string[] = [];
    const jobs = Array.from({ length: 4 }, (_v, i) => gate(started, `flood-${i}`));
    const running = jobs.map((job, i) => queue.run(`10.9.0.${i}`, job.work, true));
    expect(started).toEqual(['flood-0']);
    const officer = gate(started, 'officer');
    const login = queue.run('10.1.1.1', officer.work, false);
    expect(started).toEqual(['flood-0', 'officer']);
    officer.release();
    await expect(login).resolves.toBe('officer');
    for (const job of jobs) job.release();
    await Promise.all(running);
    expect(started).toHaveLength(5);
  });
});
