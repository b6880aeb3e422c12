// Relative imports: jest's moduleNameMapper does not apply to global setup (kept outside
// test/src so the project build does not pull other workspaces' sources in).
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../server-kit/src/db/embedded';
import { ensureBrowserExecutable } from './src/browser';
import { buildIsFresh, makeTemplates } from './templates';

declare global {
  var __REHAB_TEST_PG__: EmbeddedPostgresHandle | undefined;
}

/**
 * Tests run against a real PostgreSQL: the server DATABASE_URL names, or else a
 * throwaway embedded one. Each test file makes its own databases on it, copied from
 * templates migrated once here when the build is current (`npm test` builds first; a
 * single file run after editing sources without building migrates its own).
 */
export default async function globalSetup(): Promise<void> {
  // Inflate the bundled Chromium once, before parallel workers would race to do it.
  await ensureBrowserExecutable();
  // Tests write records and read indicators at once, and expect the new numbers: kept measures
  // are recomputed after any change. How long they are served despite changes is tested on its own.
  process.env.INDICATOR_MAX_STALENESS_SECONDS ??= '0.001';
  if (!process.env.DATABASE_URL) {
    const handle = await startEmbeddedPostgres();
    globalThis.__REHAB_TEST_PG__ = handle;
    process.env.DATABASE_URL = handle.url;
    process.env.REHAB_TEST_EMBEDDED = '1';
  }
  if (buildIsFresh()) Object.assign(process.env, await makeTemplates(process.env));
}
