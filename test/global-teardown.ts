import './global-setup';
import { dropTemplates } from './templates';

export default async function globalTeardown(): Promise<void> {
  // On an embedded server everything goes with it; on a shared one the templates are dropped.
  if (globalThis.__REHAB_TEST_PG__) await globalThis.__REHAB_TEST_PG__.stop();
  else await dropTemplates(process.env);
}
