import {
  buildASTSchema,
  getNamedType,
  isLeafType,
  isObjectType,
  isRequiredArgument,
  parse,
  valueFromASTUntyped,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { ACCESS_MATRIX, canRead, type AccessMatrix, type Role, type SubgraphName } from '@rehab/shared-schema';

/** The supergraph's schema with its join directives, and each join__Graph value's subgraph name. */
export interface Supergraph {
  schema: GraphQLSchema;
  graphNames: ReadonlyMap<string, SubgraphName>;
}

export function readSupergraph(sdl: string): Supergraph {
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  const graphNames = new Map<string, SubgraphName>();
  const graphs = schema.getType('join__Graph');
  for (const value of graphs && 'getValues' in graphs ? graphs.getValues() : []) {
    const directive = value.astNode?.directives?.find((d) => d.name.value === 'join__graph');
    const name = directive?.arguments?.find((a) => a.name.value === 'name');
    if (name) graphNames.set(value.name, String(valueFromASTUntyped(name.value)));
  }
  return { schema, graphNames };
}

const directivesOf = (field: GraphQLField<unknown, unknown>) => field.astNode?.directives ?? [];
const inaccessible = (field: GraphQLField<unknown, unknown>) =>
  directivesOf(field).some((d) => d.name.value.endsWith('inaccessible'));

/** The subgraphs that resolve a field (its @join__field graphs, external ones excluded). */
function resolvingSubgraphs(supergraph: Supergraph, field: GraphQLField<unknown, unknown>): SubgraphName[] {
  return directivesOf(field)
    .filter((d) => d.name.value === 'join__field')
    .filter((d) => !d.arguments?.some((a) => a.name.value === 'external' && valueFromASTUntyped(a.value) === true))
    .flatMap((d) => {
      const graph = d.arguments?.find((a) => a.name.value === 'graph');
      const name = graph ? supergraph.graphNames.get(String(valueFromASTUntyped(graph.value))) : undefined;
      return name ? [name] : [];
    });
}

/** The fields of `typeName` each subgraph contributes (public ones: @inaccessible left out). */
export function fieldsBySubgraph(supergraph: Supergraph, typeName: string): Map<SubgraphName, string[]> {
  const type = supergraph.schema.getType(typeName) as GraphQLObjectType;
  const out = new Map<SubgraphName, string[]>();
  for (const field of Object.values(type.getFields())) {
    if (inaccessible(field)) continue;
    for (const name of resolvingSubgraphs(supergraph, field)) out.set(name, [...(out.get(name) ?? []), field.name]);
  }
  return out;
}

/**
 * A selection of `field` of `type` that `role` may read: every readable leaf without
 * required arguments, nested objects down to `depth` more levels. A nested Person is
 * selected by its id only (its own fields are the other subgraphs'). Null when the role
 * may not read the field or nothing under it.
 */
export function selectionOf(
  supergraph: Supergraph,
  type: GraphQLObjectType,
  fieldName: string,
  role: Role,
  depth: number,
  matrix: AccessMatrix = ACCESS_MATRIX,
): string | null {
  const field = type.getFields()[fieldName];
  if (!field || inaccessible(field) || field.args.some(isRequiredArgument) || !canRead(matrix, role, `${type.name}.${fieldName}`))
    return null;
  const inner = getNamedType(field.type);
  if (isLeafType(inner)) return fieldName;
  if (inner.name === 'Person') return `${fieldName} { id }`;
  if (!isObjectType(inner) || depth === 0) return null;
  const parts = Object.keys(inner.getFields())
    .map((f) => selectionOf(supergraph, inner, f, role, depth - 1, matrix))
    .filter((s): s is string => s !== null);
  return parts.length > 0 ? `${fieldName} { ${parts.join(' ')} }` : null;
}
