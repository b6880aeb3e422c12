import { Kind, parse, type GraphQLFieldResolver } from 'graphql';
import { domainError } from '@rehab/server-kit';
import type { Context } from '../context';
import type { PersonEntity } from '../entities/Person';
import { CARE_IDENTITY_FIELDS, readByCareOnly } from './scope';

type FieldResolver = GraphQLFieldResolver<PersonEntity, Context>;

/** Every field police serve on Person (the type and its extensions), by the subgraph's schema text. */
export function policePersonFields(schemaText: string): string[] {
  const fields = new Set<string>();
  for (const definition of parse(schemaText).definitions) {
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      definition.name.value === 'Person'
    ) {
      for (const field of definition.fields ?? []) fields.add(field.name.value);
    }
  }
  return [...fields];
}

/**
 * A person the caller reads only through a care relation shows its identity (CARE_IDENTITY_FIELDS)
 * and nothing else: every other police field of Person is refused with FORBIDDEN for that person,
 * whatever the role's rule allows on the caller's own unit.
 */
export function guardCareOnlyFields(personResolvers: Record<string, unknown>, schemaText: string): void {
  for (const field of policePersonFields(schemaText)) {
    if (CARE_IDENTITY_FIELDS.has(field)) continue;
    const original = personResolvers[field] as FieldResolver | undefined;
    const guarded: FieldResolver = (person, args, ctx, info) => {
      if (readByCareOnly(ctx.caller, person.ownerUnitPath)) {
        throw domainError('FORBIDDEN', {
          vi: `Cơ sở điều trị, cơ sở cai nghiện chỉ được xem thông tin nhân thân của người mình đang chăm sóc, không được xem trường Person.${field}`,
          en: `A clinic or facility reads only the identity of the people in its care, not Person.${field}`,
        });
      }
      return original ? original(person, args, ctx, info) : (person as unknown as Record<string, unknown>)[field];
    };
    personResolvers[field] = guarded;
  }
}
