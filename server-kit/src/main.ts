import { DEFAULT_SUBGRAPH_PORTS, subgraphEnvPrefix } from '@rehab/shared-schema';
import { validateEnvironment } from './config';
import { openDatabase, type CountedDataSource } from './db';
import { pseudonymSecret, subgraphTrustFromEnv } from './secrets';
import { subgraphUrlsFromEnv } from './outbox';
import { startSubgraph, type SubgraphModule } from './subgraph';
import { createLogger, serializeError, type Logger } from './observability';

/** The service's logger at LOG_LEVEL (default info); a misspelt LOG_LEVEL is reported and info used. */
export function serviceLogger(service: string, env: NodeJS.ProcessEnv = process.env): Logger {
  try {
    return createLogger({ service, env });
  } catch (error) {
    const logger = createLogger({ service, level: 'info' });
    logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'LOG_LEVEL ignored');
    return logger;
  }
}

/**
 * A start-up failure as one JSON line with the reason (stderr, so it shows even when the
 * logger is silent), then exit 1.
 */
export function exitOnStartFailure(service: string, error: unknown): never {
  const { message, type } = serializeError(error);
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), service, msg: 'failed to start', reason: message, type })}\n`,
  );
  process.exit(1);
}

/**
 * The whole of a subgraph's src/index.ts: open its database (migrations run), listen on
 * <NAME>_PORT (default 4001–4004), stop cleanly on SIGINT/SIGTERM.
 */
export function runSubgraphMain<L>(module: SubgraphModule<L>, createSource: () => CountedDataSource): void {
  const logger = serviceLogger(module.name);
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
        logger,
      },
      { port, host: process.env.HOST ?? '127.0.0.1' },
    );
    logger.info({ url: running.url }, `${module.name} subgraph ready at ${running.url}`);
    const stop = async () => {
      logger.info('stopping');
      await running.stop();
      await db.destroy();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  };
  start().catch((error: unknown) => exitOnStartFailure(module.name, error));
}
