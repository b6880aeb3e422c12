export { startGateway, type GatewayOptions, type RunningGateway } from './server';
export { createIdentityDataSource } from './identity/datasource';
export { seedIdentity, isIdentityEmpty, DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './identity/seed';
export { accessTokenSecret, gatewayConfigFromEnv, subgraphUrlsFromEnv } from './config';
export {
  AD_HOC_ROLES,
  MANIFEST_FILE,
  trustedDocumentsFromEnv,
  type TrustedDocumentsMode,
  type TrustedDocumentsOptions,
} from './trusted-documents';
