import './global-setup';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__REHAB_TEST_PG__?.stop();
}
