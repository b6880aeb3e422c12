import DataLoader from 'dataloader';

/**
 * One-to-one loader: `load` fetches many rows in one statement; results come back in
 * key order, null for a missing key. Create loaders per request, never per process.
 */
export function keyedLoader<V>(
  load: (keys: readonly string[]) => Promise<V[]>,
  keyOf: (value: V) => string,
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(
    async (keys) => {
      const byKey = new Map((await load(keys)).map((v) => [keyOf(v), v]));
      return keys.map((k) => byKey.get(k) ?? null);
    },
    { maxBatchSize: 1000 },
  );
}

/** One-to-many loader: all rows for each key, in one statement for the whole batch. */
export function groupedLoader<V>(
  load: (keys: readonly string[]) => Promise<V[]>,
  keyOf: (value: V) => string,
): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(
    async (keys) => {
      const groups = new Map<string, V[]>();
      for (const value of await load(keys)) {
        const key = keyOf(value);
        const group = groups.get(key);
        if (group) group.push(value);
        else groups.set(key, [value]);
      }
      return keys.map((k) => groups.get(k) ?? []);
    },
    { maxBatchSize: 1000 },
  );
}
