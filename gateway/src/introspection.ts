import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, visit, type DocumentNode } from 'graphql';
import { domainError } from '@rehab/server-kit';
import type { Role } from '@rehab/shared-schema';
import type { GatewayContext } from './datasource';

/** Roles whose tooling may read the schema in production (analysts' and supervisors' tools). */
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

/**
 * Introspection by role. In development everyone may introspect; in production only the
 * roles in INTROSPECTION_ROLES, others get FORBIDDEN before anything runs. (ApolloServer's
 * own `introspection` switch is on at the gateway so that this plugin decides.)
 */
export function introspectionPlugin(options: { production: boolean; roles?: readonly Role[] }): ApolloServerPlugin<GatewayContext> {
  const roles = options.roles ?? INTROSPECTION_ROLES;
  return {
    async requestDidStart() {
      if (!options.production) return undefined;
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!isIntrospection(document) || roles.includes(contextValue.caller.role)) return;
          throw domainError('FORBIDDEN', {
            vi: 'Trong môi trường vận hành, chỉ chuyên viên phân tích và cán bộ giám sát được tra cứu lược đồ (introspection)',
            en: 'In production only analysts and supervisors may introspect the schema',
          }, { httpStatus: 403 });
        },
      };
    },
  };
}
