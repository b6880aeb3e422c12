/**
 * Rate-limit buckets in the identity database: two gateways (two connection pools here)
 * share one officer's bucket, each take is atomic, refunds and pruning work on the shared row.
 */
import type { DataSource } from 'typeorm';
import { openDatabase, openTestDatabase, type TestDatabase } from '@rehab/server-kit';
import { createIdentityDataSource } from '../identity/datasource';
import { SharedTokenBuckets } from '../rate-limit';

let database: TestDatabase;
/** A second gateway's own pool on the same identity database. */
let other: DataSource;

beforeAll(async () => {
  database = await openTestDatabase('identity', createIdentityDataSource);
  other = await openDatabase(createIdentityDataSource(database.env), 'identity', database.env);
});

afterAll(async () => {
  await other.destroy();
  await database.close();
});

const SLOW = { ratePerSecond: 0.001, burst: 5 };

describe('shared token buckets', () => {
  it('let two gateways together spend one burst: of 40 concurrent takes exactly the burst is allowed', async () => {
    const a = new SharedTokenBuckets(database.db, 'graphql-officer', SLOW);
    const b = new SharedTokenBuckets(other, 'graphql-officer', SLOW);
    const results = await Promise.all(Array.from({ length: 40 }, (_v, i) => (i % 2 === 0 ? a : b).take('officer-1')));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    const refused = results.filter((r) => !r.allowed);
    expect(refused).toHaveLength(35);
    // One token comes back after 1000 s at 0.001 per second.
    for (const r of refused) expect(r.retryAfterSeconds).toBeGreaterThan(900);
    // Another officer has a full bucket of their own.
    expect((await b.take('officer-2')).allowed).toBe(true);
  });

  it('lease tokens in tenths of the burst: two gateways spend exactly one burst, one statement per lease', async () => {
    const burst = { ratePerSecond: 0.001, burst: 60 };
    const a = new SharedTokenBuckets(database.db, 'graphql-officer', burst);
    const b = new SharedTokenBuckets(other, 'graphql-officer', burst);
    const statements = jest.spyOn(database.db, 'query');
    const results = await Promise.all(Array.from({ length: 200 }, (_v, i) => (i % 2 === 0 ? a : b).take('officer-lease')));
    expect(results.filter((r) => r.allowed)).toHaveLength(60);
    // Gateway a: its 100 takes, about 30 of them allowed, in leases of 6; once refused, it knows the bucket is empty.
    expect(statements.mock.calls.length).toBeLessThan(15);
    statements.mockRestore();
    const alone = new SharedTokenBuckets(database.db, 'graphql-officer', burst);
    const counted = jest.spyOn(database.db, 'query');
    for (let i = 0; i < 12; i++) expect((await alone.take('officer-lease-2')).allowed).toBe(true);
    // Two leases of 6, and this gateway's first pruning of idle buckets.
    expect(counted.mock.calls.length).toBe(3);
    counted.mockRestore();
  });

  it('give a refunded token back to both gateways', async () => {
    const a = new SharedTokenBuckets(database.db, 'login-ip', { ratePerSecond: 0.001, burst: 2 });
    const b = new SharedTokenBuckets(other, 'login-ip', { ratePerSecond: 0.001, burst: 2 });
    expect((await a.take('10.0.0.1')).allowed).toBe(true);
    expect((await b.take('10.0.0.1')).allowed).toBe(true);
    expect((await a.take('10.0.0.1')).allowed).toBe(false);
    await a.refund('10.0.0.1');
    expect((await b.take('10.0.0.1')).allowed).toBe(true);
    expect((await a.take('10.0.0.1')).allowed).toBe(false);
  });

  it('keep a bucket per configured limit: a gateway with other limits does not spend this one', async () => {
    const strict = new SharedTokenBuckets(database.db, 'graphql-officer', { ratePerSecond: 0.001, burst: 1 });
    const loose = new SharedTokenBuckets(other, 'graphql-officer', { ratePerSecond: 0.001, burst: 3 });
    expect(strict.scope).not.toBe(loose.scope);
    expect((await strict.take('officer-3')).allowed).toBe(true);
    expect((await strict.take('officer-3')).allowed).toBe(false);
    expect((await loose.take('officer-3')).allowed).toBe(true);
  });

  it('refill with time and prune buckets idle long enough to be full again', async () => {
    const buckets = new SharedTokenBuckets(database.db, 'refill', { ratePerSecond: 1, burst: 2 });
    expect((await buckets.take('a')).allowed).toBe(true);
    expect((await buckets.take('a')).allowed).toBe(true);
    expect((await buckets.take('a')).allowed).toBe(false);
    // Ten seconds later (moved back in the row rather than waited for): full again, and prunable.
    await database.db.query(
      "UPDATE rate_limit_bucket SET updated_at = updated_at - interval '10 seconds' WHERE scope = $1 AND key = 'a'",
      [buckets.scope],
    );
    expect((await buckets.take('b')).allowed).toBe(true);
    expect(await buckets.prune()).toBe(1);
    const keys = await database.db.query<{ key: string }[]>('SELECT key FROM rate_limit_bucket WHERE scope = $1', [
      buckets.scope,
    ]);
    expect(keys.map((k) => k.key)).toEqual(['b']);
    // A pruned bucket is a full one.
    expect((await buckets.take('a')).allowed).toBe(true);
    expect((await buckets.take('a')).allowed).toBe(true);
    expect((await buckets.take('a')).allowed).toBe(false);
  });
});
