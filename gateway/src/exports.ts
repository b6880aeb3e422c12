export { startGateway, type GatewayOptions, type RunningGateway } from './server';
export { createIdentityDataSource } from './identity/datasource';
export { hashPassword } from './identity/passwords';
export { seedIdentity, isIdentityEmpty, DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './identity/seed';
export { accessTokenSecret, gatewayConfigFromEnv, subgraphUrlsFromEnv } from './config';
export {
  AD_HOC_ROLES,
  MANIFEST_FILE,
  trustedDocumentsFromEnv,
  type TrustedDocumentsMode,
  type TrustedDocumentsOptions,
} from './trusted-documents';
export { verifyAccessToken } from './identity/tokens';
export {
  callerFrom,
  fromTrustedProxy,
  GraphQLFront,
  identityServiceOf,
  securityHeaders,
  servePortal,
  serviceRoutes,
  stopOnSignals,
  subgraphsCheck,
  trustProxyFromEnv,
} from './front';
export { authRoutes } from './identity/routes';
export { loginRateLimit, rateLimitsFromEnv, SharedTokenBuckets, tooManyRequests, type RateLimits } from './rate-limit';
export { resolveTrustedDocuments, TrustedDocuments, TrustedDocumentsFile } from './trusted-documents';
export { INTROSPECTION_ROLES, isIntrospection, schemaToolsForAllFromEnv } from './introspection';
export { subgraphUnavailable } from './datasource';
export { DEFAULT_BREAKER_FAILURES, DEFAULT_BREAKER_OPEN_MS, DEFAULT_READ_TIMEOUT_MS, type FetcherOptions } from './fetcher';
