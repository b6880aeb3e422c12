import { CircuitBreaker, CircuitOpenError, type BreakerState } from '../circuit-breaker';
import { isMutation } from '../fetcher';

const noAnswer = (): Promise<never> => Promise.reject(new Error('fetch failed'));
const answer = (): Promise<string> => Promise.resolve('ok');
const always = (): boolean => true;

describe('the circuit breaker of a subgraph', () => {
  let now = 0;
  let changes: BreakerState[] = [];
  let breaker: CircuitBreaker;
  let sent = 0;
  const counted =
    <T>(request: () => Promise<T>) =>
    (): Promise<T> => {
      sent += 1;
      return request();
    };

  beforeEach(() => {
    now = 1_000;
    changes = [];
    sent = 0;
    breaker = new CircuitBreaker('health', { failures: 3, openMs: 10_000, now: () => now }, (s) => changes.push(s));
  });

  it('opens after three requests in a row go unanswered, then fails at once without sending', async () => {
    for (let i = 0; i < 3; i++) await expect(breaker.run(counted(noAnswer), always)).rejects.toThrow('fetch failed');
    expect(breaker.state).toBe('open');
    expect(changes).toEqual(['open']);
    await expect(breaker.run(counted(answer), always)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(sent).toBe(3);
  });

  it('an answer in between starts the count again', async () => {
    await expect(breaker.run(noAnswer, always)).rejects.toThrow();
    await expect(breaker.run(noAnswer, always)).rejects.toThrow();
    await expect(breaker.run(answer, always)).resolves.toBe('ok');
    await expect(breaker.run(noAnswer, always)).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });

  it('after the cool-down lets one request through: an answer closes it, none keeps it open', async () => {
    for (let i = 0; i < 3; i++) await expect(breaker.run(noAnswer, always)).rejects.toThrow();
    now += 10_000;
    expect(breaker.state).toBe('half-open');
    // While the probe is out, others still fail at once.
    let release: (value: string) => void = () => undefined;
    const probe = breaker.run(
      counted(() => new Promise<string>((resolve) => (release = resolve))),
      always,
    );
    await expect(breaker.run(counted(answer), always)).rejects.toBeInstanceOf(CircuitOpenError);
    release('ok');
    await expect(probe).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['open', 'closed']);
    expect(sent).toBe(1);

    for (let i = 0; i < 3; i++) await expect(breaker.run(noAnswer, always)).rejects.toThrow();
    now += 10_000;
    await expect(breaker.run(noAnswer, always)).rejects.toThrow('fetch failed');
    expect(breaker.state).toBe('open');
    now += 9_999;
    expect(breaker.state).toBe('open');
  });

  it('a request sent before the circuit opened does not end the probe when it finishes', async () => {
    let failEarly: (error: Error) => void = () => undefined;
    const early = breaker.run(() => new Promise<string>((_, reject) => (failEarly = reject)), always);
    for (let i = 0; i < 3; i++) await expect(breaker.run(noAnswer, always)).rejects.toThrow();
    now += 10_000;
    // The one probe goes out and hangs; the early request then fails (the circuit stays open).
    void breaker.run(
      counted(() => new Promise<string>(() => undefined)),
      always,
    );
    failEarly(new Error('fetch failed'));
    await expect(early).rejects.toThrow('fetch failed');
    now += 10_000;
    // Still one probe out: no second one goes beside it.
    await expect(breaker.run(counted(answer), always)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(sent).toBe(1);
  });

  it('an error that is an answer (the request itself refused) does not count', async () => {
    const refused = (): Promise<never> => Promise.reject(new Error('bad request'));
    for (let i = 0; i < 5; i++) await expect(breaker.run(refused, () => false)).rejects.toThrow('bad request');
    expect(breaker.state).toBe('closed');
  });
});

describe('reads and writes to a subgraph', () => {
  it('tells a mutation from a query by the request body', () => {
    expect(isMutation(JSON.stringify({ query: 'mutation M($id: ID!) { x(id: $id) }', variables: {} }))).toBe(true);
    expect(isMutation(JSON.stringify({ variables: {}, query: '\n  mutation { x }' }))).toBe(true);
    expect(isMutation(JSON.stringify({ query: 'query Q { mutationCount }' }))).toBe(false);
    expect(isMutation(JSON.stringify({ query: '{ x }' }))).toBe(false);
    expect(isMutation(JSON.stringify({ query: '\n\t mutation { x }', variables: {} }))).toBe(true);
    const keys = 'k,'.repeat(100_000);
    expect(
      isMutation(
        JSON.stringify({ query: 'query Q($r: [_Any!]!) { _entities(representations: $r) { __typename } }', variables: { keys } }),
      ),
    ).toBe(false);
    expect(isMutation('{"query":"mutation { x }", "variables": {"a": ')).toBe(true);
    expect(isMutation('not json')).toBe(false);
    expect(isMutation(undefined)).toBe(false);
  });
});
