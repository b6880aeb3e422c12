import type { DataSource } from 'typeorm';
import { notificationFieldNames, type Caller, type SubgraphName } from '@rehab/shared-schema';
import { markNotificationsRead, notificationPage, type OfficerNotificationPage, type OfficerNotificationView } from './store';

interface NotificationContext {
  db: DataSource;
  caller: Caller;
}

type Resolver<A, R> = (root: unknown, args: A, context: NotificationContext) => Promise<R>;
interface PageArgs {
  unreadOnly?: boolean | null;
  first?: number | null;
  after?: string | null;
}

/** The Query and Mutation resolvers of a subgraph's inbox; who may call them is the access matrix's business. */
export function notificationResolvers(subgraph: SubgraphName): {
  Query: Record<string, Resolver<PageArgs, OfficerNotificationPage>>;
  Mutation: Record<string, Resolver<{ ids: string[] }, number>>;
} {
  const f = notificationFieldNames(subgraph);
  return {
    Query: { [f.list]: (_root, args, ctx) => notificationPage(ctx.db, ctx.caller, args) },
    Mutation: { [f.markRead]: (_root, args, ctx) => ctx.db.transaction((m) => markNotificationsRead(m, ctx.caller, args.ids)) },
  };
}

type ReferenceResolver = (reference: { __typename: 'Person'; id: string }, context: unknown, info: unknown) => unknown;

/**
 * OfficerNotification.person: where the subgraph keeps persons (police) the person is loaded
 * as for any reference to it; elsewhere the reference goes out and the gateway resolves it.
 */
export function notificationTypeResolvers(resolveReference: unknown): {
  person: (n: OfficerNotificationView, args: unknown, context: unknown, info: unknown) => unknown;
} {
  return {
    person: (n, _args, context, info) => {
      if (!n.person) return null;
      return typeof resolveReference === 'function' ? (resolveReference as ReferenceResolver)(n.person, context, info) : n.person;
    },
  };
}
