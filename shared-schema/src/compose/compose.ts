import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { commonTypeDefs } from '../sdl';
import {
  DEFAULT_SUBGRAPH_PORTS,
  REPO_ROOT,
  registryProblems,
  SUBGRAPH_NAMES,
  SUBGRAPHS_DIR,
  type SubgraphName,
} from '../registry';
import { kitTypeDefs } from '../access/kit-fields';
import { readSubgraphSchema } from '../schema-files';

export const SUPERGRAPH_FILE = join(REPO_ROOT, 'shared-schema', 'supergraph.graphql');
/** The schema clients see (the supergraph without its routing directives): the portal's operation types come from it. */
export const API_SCHEMA_FILE = join(REPO_ROOT, 'shared-schema', 'api-schema.graphql');

export function subgraphSchemaFile(name: SubgraphName): string {
  return join(SUBGRAPHS_DIR, name, 'schema.graphql');
}

/** A subgraph's own SDL: schema.graphql and its schema/*.graphql files. */
export function subgraphSchemaText(name: SubgraphName): string {
  return readSubgraphSchema(join(SUBGRAPHS_DIR, name));
}

/** Default URL baked into the committed supergraph; the gateway overrides it from env. */
export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://localhost:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`;
}

export type CompositionResult = { ok: true; supergraphSdl: string; apiSchemaSdl: string } | { ok: false; errors: string[] };

/** A subgraph composed besides the registered ones (a test's throwaway subgraph): its folder and URL. */
export interface ExtraSubgraph {
  name: SubgraphName;
  dir: string;
  url: string;
}

/**
 * Composes the registered subgraphs' SDL (each with the shared SDL) into the supergraph.
 * Fails when a folder under subgraphs/ is not registered or a registered one is missing,
 * so no subgraph is silently left out.
 */
export function composeSupergraph(extra: readonly ExtraSubgraph[] = []): CompositionResult {
  const problems = registryProblems();
  if (problems.length > 0) return { ok: false, errors: problems };
  const common = commonTypeDefs();
  const services = [
    ...SUBGRAPH_NAMES.map((name) => ({ name, url: defaultSubgraphUrl(name), text: subgraphSchemaText(name) })),
    ...extra.map((e) => ({ name: e.name, url: e.url, text: readSubgraphSchema(e.dir) })),
  ];
  const result = composeServices(
    services.map((s) => ({
      name: s.name,
      url: s.url,
      typeDefs: parse(`${s.text}\n${common}\n${kitTypeDefs(s.name)}`),
    })),
  );
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  const apiSchemaSdl = printSchema(result.schema.toAPISchema().toGraphQLJSSchema());
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`, apiSchemaSdl: `${apiSchemaSdl.trimEnd()}\n` };
}
