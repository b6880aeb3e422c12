import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A subgraph's own SDL: `schema.graphql`, then every `schema/*.graphql` in name order.
 * Extra files let a feature add types and fields to a subgraph without editing lines of
 * its main schema (e.g. its indicator measures).
 */
export function subgraphSchemaFiles(dir: string): string[] {
  const extra = join(dir, 'schema');
  const more = existsSync(extra)
    ? readdirSync(extra)
        .filter((f) => f.endsWith('.graphql'))
        .sort()
        .map((f) => join(extra, f))
    : [];
  return [join(dir, 'schema.graphql'), ...more];
}

export function readSubgraphSchema(dir: string): string {
  return subgraphSchemaFiles(dir)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}
