import { ApolloGateway, type GatewayConfig } from '@apollo/gateway';

/**
 * An ApolloGateway that sends nothing to its vendor. Unless APOLLO_TELEMETRY_DISABLED is set
 * when it is constructed, @apollo/gateway probes the cloud metadata endpoints of AWS, GCP, Azure
 * and Alibaba and exports uptime and host metrics to Apollo's servers every few minutes. A state
 * system about people who use drugs makes no calls outside its own network that nobody chose, so
 * the switch is set for the constructor whatever the environment says, and then put back.
 */
export function createApolloGateway(config: GatewayConfig): ApolloGateway {
  const before = process.env.APOLLO_TELEMETRY_DISABLED;
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  try {
    return new ApolloGateway(config);
  } finally {
    if (before === undefined) delete process.env.APOLLO_TELEMETRY_DISABLED;
    else process.env.APOLLO_TELEMETRY_DISABLED = before;
  }
}
