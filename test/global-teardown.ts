import '../server-kit/src/db/embedded';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__REHAB_TEST_PG__?.stop();
}
