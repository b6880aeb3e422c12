import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { AccessMatrix, Caller } from '@rehab/shared-schema';
import { forbiddenField } from '../errors';
import type { AuditCollector } from '../audit/collector';
import { seesPseudonyms, type PersonPseudonyms } from './pseudonym';
import { pseudonymizeReferences, pseudonymousField } from './pseudonymous-schema';

interface GuardedContext {
  caller: Caller;
  audit: AuditCollector;
}

// Federation plumbing is protected by the gateway signature, not by field rules.
const FEDERATION_FIELDS = new Set(['Query._entities', 'Query._service', '_Service.sdl']);

function isGuardedType(name: string): boolean {
  return !name.startsWith('__') && !name.startsWith('_');
}

function personIdOf(typeName: string, source: unknown): string | null {
  if (typeof source !== 'object' || source === null) return null;
  const record = source as { id?: unknown; personId?: unknown; auditSubjectId?: unknown };
  if (typeName === 'Person' && typeof record.id === 'string') return record.id;
  if (typeof record.personId === 'string') return record.personId;
  // Records of people outside the registry (complainants, people at risk) are audited against the record itself.
  return typeof record.auditSubjectId === 'string' ? record.auditSubjectId : null;
}

export class MissingAccessRuleError extends Error {
  constructor(readonly coordinates: string[]) {
    super(`Fields without an access rule: ${coordinates.join(', ')}`);
  }
}

/** Coordinates ("Type.field") of every field the matrix must cover in this schema. */
export function guardedCoordinates(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !isGuardedType(type.name)) continue;
    for (const field of Object.keys(type.getFields())) {
      const coordinate = `${type.name}.${field}`;
      if (!FEDERATION_FIELDS.has(coordinate)) out.push(coordinate);
    }
  }
  return out;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Wraps every field resolver with its rule from the matrix: a role not listed gets a
 * FORBIDDEN error for that field, and sensitive reads are collected for the audit
 * (with the real person id). For pseudonymous roles (analysts) person ids leave the
 * subgraph as pseudonyms and come back in (arguments, entity representations) decoded,
 * so resolvers and the audit only ever see real ids.
 * Refuses a schema with any field the matrix does not cover.
 */
export function applyAccessRules(schema: GraphQLSchema, matrix: AccessMatrix, pseudonyms: PersonPseudonyms): GraphQLSchema {
  const coordinates = guardedCoordinates(schema);
  const missing = coordinates.filter((c) => matrix[c] === undefined);
  if (missing.length > 0) throw new MissingAccessRuleError(missing);
  for (const coordinate of coordinates) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const field = type.getFields()[fieldName];
    const rule = matrix[coordinate];
    if (!field || !rule) continue;
    const original: GraphQLFieldResolver<unknown, GuardedContext> = field.resolve ?? defaultFieldResolver;
    const allowed = new Set(rule.read);
    const pseudonymous = pseudonymousField(pseudonyms, type, field);
    field.resolve = (source, args: Record<string, unknown>, context: GuardedContext, info) => {
      if (!allowed.has(context.caller.role)) throw forbiddenField(coordinate);
      if (rule.sensitive) context.audit.read(typeName, fieldName, personIdOf(typeName, source));
      if (!pseudonymous || !seesPseudonyms(context.caller)) return original(source, args, context, info);
      const result = original(source, pseudonymous.decodeArgs(args), context, info);
      return isPromiseLike(result)
        ? Promise.resolve(result).then((value) => pseudonymous.encode(value))
        : pseudonymous.encode(result);
    };
  }
  pseudonymizeReferences(schema, pseudonyms);
  return schema;
}
