import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Directory holding the shared .graphql files (works from src/ and dist/). */
export const SHARED_GRAPHQL_DIR = join(__dirname, '..', 'graphql');

/** The SDL every subgraph includes: scalars and the shareable reference types. */
export function commonTypeDefs(): string {
  return readFileSync(join(SHARED_GRAPHQL_DIR, 'common.graphql'), 'utf8');
}

export const SUBGRAPH_NAMES = ['police', 'labor-welfare', 'health', 'volunteers'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_SUBGRAPH_PORTS: Readonly<Record<SubgraphName, number>> = {
  police: 4001,
  'labor-welfare': 4002,
  health: 4003,
  volunteers: 4004,
};

/** Environment variable naming a subgraph's URL, e.g. POLICE_URL, LABOR_WELFARE_URL. */
export function subgraphEnvPrefix(name: SubgraphName): string {
  return name.toUpperCase().replace(/-/g, '_');
}
