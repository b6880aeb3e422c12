import { DEFAULT_SUBGRAPH_PORTS, subgraphEnvPrefix } from '@rehab/shared-schema';
import { validateEnvironment } from './config';
import { openDatabase, type CountedDataSource } from './db';
import { pseudonymSecret, subgraphTrustFromEnv } from './secrets';
import { subgraphUrlsFromEnv } from './outbox';
import { startSubgraph, type SubgraphModule } from './subgraph';

/**
 * The whole of a subgraph's src/index.ts: open its database (migrations run), listen on
 * <NAME>_PORT (default 4001–4004), stop cleanly on SIGINT/SIGTERM.
 */
export function runSubgraphMain<L>(module: SubgraphModule<L>, createSource: () => CountedDataSource): void {
  const start = async () => {
    validateEnvironment({ reader: 'subgraph', name: module.name });
    const source = createSource();
    const db = await openDatabase(source, module.name);
    const port = Number(process.env[`${subgraphEnvPrefix(module.name)}_PORT`] ?? DEFAULT_SUBGRAPH_PORTS[module.name]);
    const urls = subgraphUrlsFromEnv(process.env);
    const running = await startSubgraph(
      module,
      {
        db,
        trust: subgraphTrustFromEnv(module.name),
        pseudonymSecret: pseudonymSecret(),
        production: process.env.NODE_ENV === 'production',
        resolveSubgraphUrl: (name) => urls[name],
      },
      { port, host: process.env.HOST ?? '127.0.0.1' },
    );
    console.log(`${module.name} subgraph ready at ${running.url}`);
    const stop = async () => {
      await running.stop();
      await db.destroy();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  };
  start().catch((error: unknown) => {
    console.error(`${module.name} subgraph failed to start:`, error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
