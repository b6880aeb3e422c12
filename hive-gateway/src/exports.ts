export { startHiveGateway, type HiveGatewayOptions } from './server';
export { useRehabTrust, type RehabContext, type RehabPluginOptions } from './plugin';
