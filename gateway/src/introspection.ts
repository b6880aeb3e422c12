import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { domainError } from '@rehab/server-kit';
import type { Role } from '@rehab/shared-schema';
import type { GatewayContext } from './datasource';

/** Roles whose tooling may read the schema (analysts' and supervisors' tools). */
export const INTROSPECTION_ROLES: readonly Role[] = ['analyst', 'supervisor'];

/** True when the operation asks for `__schema` or `__type` anywhere (`__typename` is not introspection). */
export function isIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export interface SchemaToolOptions {
  production: boolean;
  /** Development switch (GRAPHQL_SCHEMA_TOOLS_FOR_ALL=true): every role may introspect and sees hints. Ignored in production. */
  openToAll?: boolean;
  roles?: readonly Role[];
}

/** The development switch from the environment. */
export const schemaToolsForAllFromEnv = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.NODE_ENV !== 'production' && env.GRAPHQL_SCHEMA_TOOLS_FOR_ALL === 'true';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function withoutSuggestion(error: GraphQLFormattedError): GraphQLFormattedError {
  const detail = error.extensions?.detail;
  return {
    ...error,
    message: error.message.replace(SUGGESTION, ''),
    ...(error.extensions
      ? { extensions: { ...error.extensions, ...(typeof detail === 'string' ? { detail: detail.replace(SUGGESTION, '') } : {}) } }
      : {}),
  };
}

/**
 * Introspection and "did you mean" hints by role, in every mode: only the roles in
 * INTROSPECTION_ROLES may introspect (others get FORBIDDEN before anything runs); hints
 * reach those roles in development only (production strips them for everyone). The
 * development switch opens both to every role. (ApolloServer's own `introspection`
 * switch is on at the gateway so that this plugin decides.)
 */
export function introspectionPlugin(options: SchemaToolOptions): ApolloServerPlugin<GatewayContext> {
  const roles = options.roles ?? INTROSPECTION_ROLES;
  const openToAll = (options.openToAll ?? false) && !options.production;
  return {
    async requestDidStart({ contextValue }) {
      const privileged = openToAll || roles.includes(contextValue.caller.role);
      const hints = privileged && !options.production;
      return {
        async didResolveOperation({ document }) {
          if (privileged || !isIntrospection(document)) return;
          throw domainError(
            'FORBIDDEN',
            {
              vi: 'Chỉ chuyên viên phân tích và cán bộ giám sát được tra cứu lược đồ (introspection)',
              en: 'Only analysts and supervisors may introspect the schema',
            },
            { httpStatus: 403 },
          );
        },
        async willSendResponse({ response }) {
          if (hints || response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map(withoutSuggestion);
        },
      };
    },
  };
}
