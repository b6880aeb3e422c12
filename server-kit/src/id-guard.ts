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
  type ValueNode,
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

/** Whether a value of this input type can hold a record id anywhere (named `name` at the top). */
function mayHoldRecordId(name: string, type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID') return RECORD_ID_NAME.test(name);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => mayHoldRecordId(field.name, field.type, seen));
}

interface IdArgument {
  name: string;
  type: GraphQLInputType;
  value: ValueNode;
}

/** The arguments of a document that may hold record ids, found once per parsed document and schema. */
const argumentsOfDocument = new WeakMap<DocumentNode, { schema: GraphQLSchema; args: IdArgument[] }>();

function idArguments(document: DocumentNode, schema: GraphQLSchema): IdArgument[] {
  const known = argumentsOfDocument.get(document);
  if (known?.schema === schema) return known.args;
  const typeInfo = new TypeInfo(schema);
  const args: IdArgument[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const type = typeInfo.getInputType();
        if (type && mayHoldRecordId(node.name.value, type)) args.push({ name: node.name.value, type, value: node.value });
      },
    }),
  );
  argumentsOfDocument.set(document, { schema, args });
  return args;
}

/**
 * The path of the first argument or input field of the operation (literal or variable)
 * whose record id is not a UUID, or null when every id is well formed. The servers keep
 * each parsed document, so the walk of the document is done once and only the values
 * are checked per request.
 */
export function malformedRecordId(
  document: DocumentNode,
  schema: GraphQLSchema,
  variables: Readonly<Record<string, unknown>>,
): string | null {
  for (const arg of idArguments(document, schema)) {
    const found = malformedIn(arg.name, arg.type, valueFromASTUntyped(arg.value, variables), 0);
    if (found) return found;
  }
  return null;
}
