import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { commonTypeDefs, DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '../sdl';
import { accessLogTypeDefs } from '../access/access-log';
import { readSubgraphSchema } from '../schema-files';

/** Repository root, from shared-schema/src or shared-schema/dist. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SUPERGRAPH_FILE = join(REPO_ROOT, 'shared-schema', 'supergraph.graphql');

export function subgraphSchemaFile(name: SubgraphName): string {
  return join(REPO_ROOT, 'subgraphs', name, 'schema.graphql');
}

/** A subgraph's own SDL: schema.graphql and its schema/*.graphql files. */
export function subgraphSchemaText(name: SubgraphName): string {
  return readSubgraphSchema(join(REPO_ROOT, 'subgraphs', name));
}

/** Default URL baked into the committed supergraph; the gateway overrides it from env. */
export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://localhost:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`;
}

export type CompositionResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes the four subgraphs' SDL (each with the shared SDL) into the supergraph. */
export function composeSupergraph(): CompositionResult {
  const common = commonTypeDefs();
  const result = composeServices(SUBGRAPH_NAMES.map((name) => ({
    name,
    url: defaultSubgraphUrl(name),
    typeDefs: parse(`${subgraphSchemaText(name)}\n${common}\n${accessLogTypeDefs(name)}`),
  })));
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n` };
}
