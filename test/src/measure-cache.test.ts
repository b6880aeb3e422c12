/**
 * Indicator measures kept between requests (server-kit's keptMeasures): every table of
 * records in every subgraph counts its writes; a kept measure is served while nothing was
 * written or while it is younger than the staleness bound, and computed again otherwise.
 */
import { dataVersion, keptMeasures, openTestDatabase, untrackedTables, type TestDatabase } from '@rehab/server-kit';
import { SUBGRAPHS } from '@rehab/ops';
import { INDICATORS, type IndicatorMeasurementRecord, type IndicatorValueKey } from '@rehab/shared-schema';

const databases: TestDatabase[] = [];

afterAll(async () => {
  await Promise.all(databases.map((d) => d.close()));
});

async function open(name: string): Promise<TestDatabase> {
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`no subgraph ${name}`);
  const database = await openTestDatabase(entry.name, (env) => entry.createSource(env));
  databases.push(database);
  return database;
}

const indicator = INDICATORS[0];
if (!indicator) throw new Error('the indicator catalogue is empty');
const key = (path: string): IndicatorValueKey =>
  ({
    planId: 'p',
    indicator,
    unit: { code: path.split('.').pop() ?? path, path },
    period: { from: '2026-01-01', to: '2026-12-31' },
  }) as unknown as IndicatorValueKey;

/** A compute that counts its calls and answers the number of the call. */
function counting(): {
  calls: () => number;
  compute: (keys: readonly IndicatorValueKey[]) => Promise<Map<number, IndicatorMeasurementRecord>>;
} {
  let calls = 0;
  return {
    calls: () => calls,
    compute: async (keys) => {
      calls++;
      return new Map(keys.map((_k, i) => [i, { numerator: calls, denominator: null, personKeys: null }]));
    },
  };
}

describe.each(SUBGRAPHS.map((s) => [s.name] as const))('the change counter of %s', (name) => {
  it('watches every table of records, and not the audit of reads', async () => {
    const { db } = await open(name);
    expect(await untrackedTables(db)).toEqual([]);
    const before = await dataVersion(db);
    await db.query(
      `INSERT INTO audit_log (user_id, username, agency, role, unit_code, action, entity_type, fields, purpose, request_id)
       VALUES ('u', 'canbo', 'police', 'police_officer', '00004', 'READ', 'Person', '{fullName}', 'test', 'r1')`,
    );
    expect(await dataVersion(db)).toBe(before);
    await db.query(`UPDATE administrative_unit SET name = name WHERE code = '01'`);
    expect(await dataVersion(db)).not.toBe(before);
  });
});

describe('kept measures', () => {
  const staleness = process.env.INDICATOR_MAX_STALENESS_SECONDS;
  afterEach(() => {
    process.env.INDICATOR_MAX_STALENESS_SECONDS = staleness;
  });

  it('are served while nothing changed, however old; computed again after a change once older than the bound', async () => {
    const { db } = await open('police');
    process.env.INDICATOR_MAX_STALENESS_SECONDS = '60';
    const { calls, compute } = counting();
    const keys = [key('01'), key('01.00004')];
    const first = await keptMeasures(db, keys, compute);
    expect(calls()).toBe(1);
    expect(first.get(1)?.numerator).toBe(1);
    // An hour later with no write: still the kept numbers, with the time they were computed.
    const later = await keptMeasures(db, keys, compute, undefined, Date.now() + 3_600_000);
    expect(calls()).toBe(1);
    expect(later.get(0)?.computedAt).toEqual(first.get(0)?.computedAt);
    // A write: within the bound the kept numbers stay; past it they are computed again, only the missing ones.
    await db.query(`UPDATE administrative_unit SET name = name WHERE code = '01'`);
    await keptMeasures(db, keys, compute, undefined, Date.now() + 30_000);
    expect(calls()).toBe(1);
    const fresh = await keptMeasures(db, [...keys, key('01.00070')], compute, undefined, Date.now() + 61_000);
    expect(calls()).toBe(2);
    expect([0, 1, 2].map((i) => fresh.get(i)?.numerator)).toEqual([2, 2, 2]);
  });

  it('are bounded by the size of the people’s keys they hold: too large alone, or the least recently used first', async () => {
    const { db } = await open('health');
    let calls = 0;
    const keys = (length: number) => async (asked: readonly IndicatorValueKey[]) => {
      calls++;
      return new Map(asked.map((_k, i) => [i, { numerator: 1, denominator: null, personKeys: 'k'.repeat(length) }]));
    };
    await keptMeasures(db, [key('01')], keys(9_000_000));
    await keptMeasures(db, [key('01')], keys(9_000_000));
    expect(calls).toBe(2);
    calls = 0;
    const five = ['01.00004', '01.00008', '01.00070', '01.00073', '01.00076'].map(key);
    for (const k of five) await keptMeasures(db, [k], keys(7_000_000));
    expect(calls).toBe(5);
    // 35 million characters are over the 32 million kept: the first was dropped, the last is kept.
    await keptMeasures(db, [five[4] as IndicatorValueKey], keys(7_000_000));
    expect(calls).toBe(5);
    await keptMeasures(db, [five[0] as IndicatorValueKey], keys(7_000_000));
    expect(calls).toBe(6);
  });

  it('are kept apart by what else they depend on (the people other agencies sent)', async () => {
    const { db } = await open('labor-welfare');
    const { calls, compute } = counting();
    await keptMeasures(db, [key('01')], compute, () => 'a:1,b:3');
    await keptMeasures(db, [key('01')], compute, () => 'a:1,b:3');
    expect(calls()).toBe(1);
    await keptMeasures(db, [key('01')], compute, () => 'a:1');
    expect(calls()).toBe(2);
  });
});
