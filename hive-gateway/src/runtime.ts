import { readFile } from 'node:fs/promises';
import type { GatewayConfigSupergraph } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import type { RehabContext } from './plugin';

/**
 * What every Hive Gateway runtime here is given: the committed supergraph, the subgraphs'
 * HTTP transport (given rather than found at run time) and their URLs, one endpoint, and
 * no landing page, GraphiQL or logs of its own.
 */
type SupergraphRuntime = Pick<
  GatewayConfigSupergraph<RehabContext>,
  'supergraph' | 'transports' | 'transportEntries' | 'graphqlEndpoint' | 'landingPage' | 'graphiql' | 'logging'
>;

export function supergraphRuntime(supergraphPath: string, subgraphUrls: Readonly<Record<string, string>>): SupergraphRuntime {
  return {
    supergraph: () => readFile(supergraphPath, 'utf8'),
    transports: { http: httpTransport },
    transportEntries: Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [name, { location: url }])),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: false,
  };
}
