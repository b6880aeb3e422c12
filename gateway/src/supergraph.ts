import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { SupergraphSdlHook } from '@apollo/gateway';

/**
 * Serves the committed supergraph file and reloads it when it changes. A file that
 * fails to load is logged and the running schema stays in place.
 */
export function staticSupergraph(path: string, log: (message: string) => void): SupergraphSdlHook {
  return async ({ update }) => {
    let current = await readFile(path, 'utf8');
    let timer: NodeJS.Timeout | undefined;
    const reload = async () => {
      try {
        const next = await readFile(path, 'utf8');
        if (next === current || next.trim() === '') return;
        update(next);
        current = next;
        log(`Reloaded supergraph from ${path}`);
      } catch (error) {
        log(`Supergraph reload failed, keeping the current schema: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const watcher: FSWatcher = watch(path, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), 100);
    });
    return {
      supergraphSdl: current,
      cleanup: async () => {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}
