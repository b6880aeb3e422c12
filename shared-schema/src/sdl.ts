import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Directory holding the shared .graphql files (works from src/ and dist/). */
export const SHARED_GRAPHQL_DIR = join(__dirname, '..', 'graphql');

/** The SDL every subgraph includes: scalars and the shareable reference types. */
export function commonTypeDefs(): string {
  return readFileSync(join(SHARED_GRAPHQL_DIR, 'common.graphql'), 'utf8');
}
