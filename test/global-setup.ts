import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../server-kit/src/db/embedded';

declare global {
  // eslint-disable-next-line no-var
  var __REHAB_TEST_PG__: EmbeddedPostgresHandle | undefined;
}

/**
 * Tests run against a real PostgreSQL: the server DATABASE_URL names, or else a
 * throwaway embedded one. Each test file makes its own databases on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const handle = await startEmbeddedPostgres();
  globalThis.__REHAB_TEST_PG__ = handle;
  process.env.DATABASE_URL = handle.url;
  process.env.REHAB_TEST_EMBEDDED = '1';
}
