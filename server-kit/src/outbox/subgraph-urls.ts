import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, subgraphEnvPrefix, type SubgraphName } from '@rehab/shared-schema';

/** URL of each subgraph: <NAME>_URL, else localhost on <NAME>_PORT (4001–4004). */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, string> {
  const urls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) {
    const prefix = subgraphEnvPrefix(name);
    urls[name] = env[`${prefix}_URL`] ?? `http://localhost:${env[`${prefix}_PORT`] ?? DEFAULT_SUBGRAPH_PORTS[name]}/graphql`;
  }
  return urls;
}

/** The notice endpoint beside a subgraph's GraphQL URL (same origin, /notices). */
export function noticesUrl(graphqlUrl: string): string {
  return new URL('/notices', graphqlUrl).toString();
}
