import { exitOnStartFailure, openDatabase, serviceLogger } from '@rehab/server-kit';
import { createIdentityDataSource, gatewayConfigFromEnv } from '@rehab/gateway';
import { startHiveGateway } from './server';

const logger = serviceLogger('gateway');

/** The gateway on Hive Gateway: the same environment, port and databases as gateway/dist/index.js. */
async function main(): Promise<void> {
  const config = gatewayConfigFromEnv();
  const identityDb = await openDatabase(createIdentityDataSource(), 'identity');
  const gateway = await startHiveGateway(
    { ...config, identityDb, logger, subgraphTimeoutMs: config.fetch.timeoutMs },
    { port: config.port, host: config.host },
  );
  logger.info(
    { url: gateway.url, engine: 'hive-gateway' },
    `gateway (Hive Gateway) ready at ${gateway.url} (API ${gateway.url}graphql)`,
  );
  const stop = async () => {
    logger.info('stopping');
    await gateway.stop();
    await identityDb.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => exitOnStartFailure('gateway', error));
