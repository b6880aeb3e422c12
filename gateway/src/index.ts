import { openDatabase } from '@rehab/server-kit';
import { gatewayConfigFromEnv } from './config';
import { createIdentityDataSource } from './identity/datasource';
import { startGateway } from './server';

async function main(): Promise<void> {
  const config = gatewayConfigFromEnv();
  const identityDb = await openDatabase(createIdentityDataSource(), 'identity');
  const gateway = await startGateway({ ...config, identityDb }, { port: config.port, host: config.host });
  console.log(`gateway ready at ${gateway.url} (API ${gateway.url}graphql)`);
  const stop = async () => {
    await gateway.stop();
    await identityDb.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error('gateway failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
