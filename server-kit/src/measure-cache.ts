import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { IndicatorMeasurementRecord, IndicatorValueKey } from '@rehab/shared-schema';
import { dataVersion } from './data-changes';
import { positiveNumberFromEnv } from './limits';

/** A measure as computed, and when. */
export type TimedMeasure = IndicatorMeasurementRecord & { computedAt: Date };

interface Entry {
  record: IndicatorMeasurementRecord;
  version: string;
  computedAt: number;
}

/** Measures kept per subgraph process (the least recently used dropped first). */
const MAX_ENTRIES = 5_000;
/** A measure whose people's keys are longer than this is not kept (a city's keys are megabytes). */
const MAX_KEPT_KEY_TEXT = 8_000_000;
/** The people's keys of all kept measures together, at most (characters). */
const MAX_TOTAL_KEY_TEXT = 32_000_000;

/**
 * INDICATOR_MAX_STALENESS_SECONDS (60): how old a kept measure may be while records have
 * changed since it was computed. With no change since, it is served however old.
 */
export function maxStalenessMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveNumberFromEnv(env, 'INDICATOR_MAX_STALENESS_SECONDS', 60) * 1000;
}

const keyText = (entry: Entry): number => entry.record.personKeys?.length ?? 0;

/** One process's kept measures of one database, bounded in count and in the size of their keys. */
class Kept {
  private readonly entries = new Map<string, Entry>();
  private keyTextTotal = 0;

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // The most recently used go last, so the oldest unused go first.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  put(key: string, entry: Entry): void {
    this.drop(key);
    if (keyText(entry) > MAX_KEPT_KEY_TEXT) return;
    this.entries.set(key, entry);
    this.keyTextTotal += keyText(entry);
    while (this.entries.size > MAX_ENTRIES || this.keyTextTotal > MAX_TOTAL_KEY_TEXT) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.keyTextTotal -= keyText(entry);
  }
}

const caches = new WeakMap<DataSource, Kept>();

function cacheOf(db: DataSource): Kept {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Kept();
    caches.set(db, cache);
  }
  return cache;
}

const keyOf = (k: IndicatorValueKey, variant: string): string =>
  `${k.indicator.code}|${k.unit.path}|${k.period.from}|${k.period.to}|${variant ? createHash('sha1').update(variant).digest('base64') : ''}`;

/**
 * Indicator measures kept between requests: a dashboard asks for the same units and
 * periods again and again, and each measure scans the records of a unit's subtree. A kept
 * measure is served while no write statement has touched the subgraph's records since it
 * was computed (the change counter, one read per request), or while it is younger than the
 * staleness bound; otherwise it is computed again, all missing ones in one statement.
 * Each measure says when it was computed, and the portal shows it.
 */
export async function keptMeasures(
  db: DataSource,
  keys: readonly IndicatorValueKey[],
  compute: (missing: readonly IndicatorValueKey[]) => Promise<Map<number, IndicatorMeasurementRecord>>,
  /** What else a key's measure depends on (labour-welfare's cross-agency share: the people the others sent). */
  variantOf: (index: number) => string = () => '',
  now: number = Date.now(),
): Promise<Map<number, TimedMeasure>> {
  if (keys.length === 0) return new Map();
  const cache = cacheOf(db);
  const version = await dataVersion(db);
  const bound = maxStalenessMs();
  const out = new Map<number, TimedMeasure>();
  const missing: { k: IndicatorValueKey; i: number; cacheKey: string }[] = [];
  keys.forEach((k, i) => {
    const cacheKey = keyOf(k, variantOf(i));
    const entry = cache.get(cacheKey);
    if (entry && (entry.version === version || now - entry.computedAt < bound))
      out.set(i, { ...entry.record, computedAt: new Date(entry.computedAt) });
    else missing.push({ k, i, cacheKey });
  });
  if (missing.length === 0) return out;
  const computed = await compute(missing.map((m) => m.k));
  const computedAt = Date.now();
  missing.forEach(({ i, cacheKey }, j) => {
    const record = computed.get(j);
    if (!record) return;
    out.set(i, { ...record, computedAt: new Date(computedAt) });
    cache.put(cacheKey, { record, version, computedAt });
  });
  return out;
}
