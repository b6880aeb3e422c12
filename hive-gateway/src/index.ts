import { exitOnStartFailure, openDatabase, serviceLogger } from '@rehab/server-kit';
import { createIdentityDataSource, gatewayConfigFromEnv, stopOnSignals } from '@rehab/gateway';
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
  stopOnSignals(logger, gateway, identityDb);
}

main().catch((error: unknown) => exitOnStartFailure('gateway', error));
