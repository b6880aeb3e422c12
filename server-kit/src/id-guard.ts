import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { isUuid } from '@rehab/shared-schema';

/**
 * Arguments and input fields of type ID named `id`, `…Id` or `…Ids` name records and
 * persons, whose ids are UUIDs in every subgraph (codes of units, clinics and facilities
 * are named `…Code`). Anything else is refused before a resolver sends it to PostgreSQL.
 */
const RECORD_ID_NAME = /^(id|[a-z][A-Za-z0-9]*Ids?)$/;
const MAX_DEPTH = 16;

/** The first argument or input field holding a record id that is not a UUID, in a JS value: its path, e.g. `input.personId`. */
function malformedIn(name: string, type: GraphQLInputType, value: unknown, depth: number): string | null {
  if (value === null || value === undefined || depth > MAX_DEPTH) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const found = malformedIn(name, nullable.ofType, item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const named = getNamedType(nullable);
  if (named.name === 'ID' && RECORD_ID_NAME.test(name)) return typeof value === 'string' && isUuid(value) ? null : name;
  if (!isInputObjectType(named) || typeof value !== 'object' || Array.isArray(value)) return null;
  for (const field of Object.values(named.getFields())) {
    const found = malformedIn(field.name, field.type, (value as Record<string, unknown>)[field.name], depth + 1);
    if (found) return `${name}.${found}`;
  }
  return null;
}

/**
 * The path of the first argument or input field of the operation (literal or variable)
 * whose record id is not a UUID, or null when every id is well formed.
 */
export function malformedRecordId(
  document: DocumentNode,
  schema: GraphQLSchema,
  variables: Readonly<Record<string, unknown>>,
): string | null {
  const typeInfo = new TypeInfo(schema);
  let found: string | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const type = typeInfo.getInputType();
        if (found || !type) return;
        found = malformedIn(node.name.value, type, valueFromASTUntyped(node.value, variables), 0);
      },
    }),
  );
  return found;
}
