import { exitOnStartFailure, openDatabase, serviceLogger } from '@rehab/server-kit';
import { gatewayConfigFromEnv } from './config';
import { stopOnSignals } from './front';
import { createIdentityDataSource } from './identity/datasource';
import { startGateway } from './server';

const logger = serviceLogger('gateway');

async function main(): Promise<void> {
  const config = gatewayConfigFromEnv();
  const identityDb = await openDatabase(createIdentityDataSource(), 'identity');
  const gateway = await startGateway({ ...config, identityDb, logger }, { port: config.port, host: config.host });
  logger.info({ url: gateway.url }, `gateway ready at ${gateway.url} (API ${gateway.url}graphql)`);
  stopOnSignals(logger, gateway, identityDb);
}

main().catch((error: unknown) => exitOnStartFailure('gateway', error));
