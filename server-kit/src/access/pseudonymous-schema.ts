import {
  getNamedType,
  isInputObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { Caller } from '@rehab/shared-schema';
import { domainError } from '../errors';
import { PseudonymError, seesPseudonyms, type PersonPseudonyms } from './pseudonym';

/**
 * Where person ids travel in a schema, found by name and type so every subgraph is
 * covered without configuration: `Person.id`, any ID field or argument named
 * personId(s) (input objects included), every ID argument of a field returning Person
 * (`person(id)`, `mergePersons(survivorId, duplicateId)`), and the pagination cursors
 * (which embed real ids and names).
 */
export const PERSON_TYPE = 'Person';
const PERSON_ID_NAMES = new Set(['personId', 'personIds']);
const CURSOR_OUTPUTS = new Set(['endCursor', 'startCursor', 'cursor']);
const CURSOR_ARGS = new Set(['after', 'before']);

type Kind = 'personId' | 'cursor';
type Decoder = (value: unknown) => unknown;

interface CallerContext {
  caller: Pick<Caller, 'role'>;
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  return value;
}

function badPseudonym(kind: Kind, name: string, value: string): never {
  throw kind === 'personId'
    ? domainError('BAD_USER_INPUT', { vi: `Mã người không hợp lệ: ${value}`, en: `Invalid person id: ${value}` }, { field: name })
    : domainError('BAD_USER_INPUT', { vi: 'Con trỏ phân trang không hợp lệ', en: 'Invalid pagination cursor' }, { field: name });
}

function scalarDecoder(p: PersonPseudonyms, kind: Kind, name: string): Decoder {
  const open = (s: string): string => {
    try {
      return kind === 'personId' ? p.personIdOf(s) : p.openCursor(s);
    } catch (error) {
      if (error instanceof PseudonymError) badPseudonym(kind, name, s);
      throw error;
    }
  };
  return (value) => mapStrings(value, open);
}

function kindOfInput(name: string, type: GraphQLInputType, returnsPerson: boolean): Kind | null {
  const named = getNamedType(type).name;
  if (named === 'ID' && (PERSON_ID_NAMES.has(name) || returnsPerson)) return 'personId';
  if (named === 'String' && CURSOR_ARGS.has(name)) return 'cursor';
  return null;
}

/** Decodes the person ids inside an input value (recursing into input objects); null when none can occur. */
function inputDecoder(
  p: PersonPseudonyms,
  name: string,
  type: GraphQLInputType,
  returnsPerson: boolean,
  seen: Set<string>,
): Decoder | null {
  const kind = kindOfInput(name, type, returnsPerson);
  if (kind) return scalarDecoder(p, kind, name);
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return null;
  const inner = new Set(seen).add(named.name);
  const fields = Object.values(named.getFields())
    .map((f) => [f.name, inputDecoder(p, f.name, f.type, false, inner)] as const)
    .filter((entry): entry is readonly [string, Decoder] => entry[1] !== null);
  if (fields.length === 0) return null;
  const decodeObject = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(decodeObject);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [field, decode] of fields) if (field in out) out[field] = decode(out[field]);
    return out;
  };
  return decodeObject;
}

/** How one field changes for a pseudonymous caller: arguments decoded, result encoded. */
export interface PseudonymousField {
  decodeArgs(args: Record<string, unknown>): Record<string, unknown>;
  encode(value: unknown): unknown;
}

export function pseudonymousField(
  p: PersonPseudonyms,
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
): PseudonymousField | null {
  const returnsPerson = getNamedType(field.type).name === PERSON_TYPE;
  const decoders = field.args
    .map((arg: GraphQLArgument) => [arg.name, inputDecoder(p, arg.name, arg.type, returnsPerson, new Set())] as const)
    .filter((entry): entry is readonly [string, Decoder] => entry[1] !== null);
  const named = getNamedType(field.type).name;
  const output: Kind | null =
    named === 'ID' && ((parent.name === PERSON_TYPE && field.name === 'id') || PERSON_ID_NAMES.has(field.name))
      ? 'personId'
      : named === 'String' && CURSOR_OUTPUTS.has(field.name)
        ? 'cursor'
        : null;
  if (decoders.length === 0 && output === null) return null;
  const seal = output === 'personId' ? (s: string) => p.pseudonymOf(s) : (s: string) => p.sealCursor(s);
  return {
    decodeArgs: (args) => {
      if (decoders.length === 0) return args;
      const out = { ...args };
      for (const [name, decode] of decoders) if (name in out) out[name] = decode(out[name]);
      return out;
    },
    encode: (value) => (output === null ? value : mapStrings(value, seal)),
  };
}

type ReferenceResolver = (reference: Record<string, unknown>, context: CallerContext, info: GraphQLResolveInfo) => unknown;

interface ReferenceExtensions {
  apollo?: { subgraph?: { resolveReference?: ReferenceResolver } };
}

/**
 * Wraps the reference resolver of every entity that can carry a person id in its
 * representation (Person's `id`, anyone's personId): a pseudonymous caller's
 * representations are decoded before the subgraph loads anything. A bad pseudonym
 * fails that entity alone.
 */
export function pseudonymizeReferences(schema: GraphQLSchema, p: PersonPseudonyms): void {
  const entity = schema.getType('_Entity');
  if (!isUnionType(entity)) return;
  for (const type of entity.getTypes()) {
    const keys = Object.keys(type.getFields()).filter(
      (name) => (type.name === PERSON_TYPE && name === 'id') || PERSON_ID_NAMES.has(name),
    );
    if (keys.length === 0) continue;
    const decode = scalarDecoder(p, 'personId', 'id');
    const extensions = type.extensions as Readonly<ReferenceExtensions>;
    const original = extensions.apollo?.subgraph?.resolveReference;
    const wrapped: ReferenceResolver = (reference, context, info) => {
      let decoded = reference;
      if (seesPseudonyms(context.caller)) {
        try {
          decoded = { ...reference };
          for (const key of keys) if (key in decoded) decoded[key] = decode(decoded[key]);
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
      return original ? original(decoded, context, info) : decoded;
    };
    // @apollo/subgraph reads the resolver from the type's extensions at request time.
    (type as { extensions: ReferenceExtensions }).extensions = {
      ...extensions,
      apollo: { ...extensions.apollo, subgraph: { ...extensions.apollo?.subgraph, resolveReference: wrapped } },
    };
  }
}
