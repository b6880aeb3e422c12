import { SUBGRAPH_NAMES, subgraphFieldPrefix, type SubgraphName } from '../registry';
import { CASE_ROLES, fieldsOf, type FieldRule } from './matrix';
import type { Role } from './roles';

/**
 * Every subgraph keeps the cross-agency notices it received that an officer must see, each
 * addressed to a unit and the roles there that act on it (the commune police for a
 * completion, the commune's officials for a relapse risk on a post-rehab case), read and
 * unread per officer. The fields are the kit's, named per subgraph so the supergraph
 * composes: policeNotifications, laborWelfareMarkNotificationsRead, …
 */

/** The field names of one subgraph's notifications inbox. */
export function notificationFieldNames(subgraph: SubgraphName): { list: string; markRead: string } {
  const name = subgraphFieldPrefix(subgraph);
  return { list: `${name}Notifications`, markRead: `${name}MarkNotificationsRead` };
}

/** The value types of the inbox fields: identical in every subgraph, so shareable. */
const NOTIFICATION_TYPES = `
"A cross-agency notice addressed to the officer's unit and role, as their inbox shows it."
type OfficerNotification @shareable {
  id: ID!
  "What happened, e.g. rehab.completed (the notice's topic)."
  topic: String!
  "The agency whose notice it was: police, labor-welfare, health or volunteers."
  sender: String!
  "The person it is about."
  person: Person
  "The day it happened, as the notice gives it."
  occurredOn: Date
  "When this agency received it."
  receivedAt: DateTime!
  "Whether this officer has marked it read."
  read: Boolean!
}

type OfficerNotificationConnection @shareable {
  nodes: [OfficerNotification!]!
  "How many match (all, or the unread ones when asked)."
  totalCount: Int!
  "How many of the officer's notifications here are unread."
  unreadCount: Int!
  pageInfo: PageInfo!
}
`;

/** The SDL a subgraph adds for its notifications inbox (composed and served alike). */
export function notificationTypeDefs(subgraph: SubgraphName): string {
  const f = notificationFieldNames(subgraph);
  return `${NOTIFICATION_TYPES}
extend type Query {
  "Notices this agency received for the caller's unit and role, newest first; unreadOnly keeps the unread ones."
  ${f.list}(unreadOnly: Boolean = false, first: Int = 20, after: String): OfficerNotificationConnection!
}

extend type Mutation {
  "Marks the caller's notifications read (ids from ${f.list}); the number newly marked."
  ${f.markRead}(ids: [ID!]!): Int!
}
`;
}

/** Who has an inbox: every officer of a unit (analysts see no person). */
export const NOTIFICATION_READERS: readonly Role[] = CASE_ROLES;

const READERS = { read: NOTIFICATION_READERS };

/** The rules of every subgraph's inbox fields, owned by the subgraph that serves them. */
export function notificationRules(names: readonly SubgraphName[] = SUBGRAPH_NAMES): Record<string, FieldRule> {
  return Object.fromEntries(
    names.flatMap((name) => {
      const f = notificationFieldNames(name);
      const rule: FieldRule = { owner: name, ...READERS };
      return [`Query.${f.list}`, `Mutation.${f.markRead}`].map((coordinate) => [coordinate, rule]);
    }),
  );
}

/** The rules of the inbox value types (the same in every subgraph). */
export const NOTIFICATION_TYPE_RULES: Record<string, FieldRule> = {
  ...fieldsOf('OfficerNotification', 'shared', {
    ...Object.fromEntries(['id', 'sender', 'person', 'occurredOn', 'receivedAt', 'read'].map((field) => [field, READERS])),
    // What happened to a named person: each read is audited.
    topic: { ...READERS, sensitive: true },
  }),
  ...fieldsOf('OfficerNotificationConnection', 'shared', {
    nodes: READERS,
    totalCount: READERS,
    unreadCount: READERS,
    pageInfo: READERS,
  }),
};
