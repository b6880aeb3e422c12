import { SUBGRAPH_NAMES, subgraphFieldPrefix, type SubgraphName } from '../registry';
import { fieldsOf, type FieldRule } from './matrix';
import type { Role } from './roles';

/**
 * Every subgraph serves its supervisors its own outbox of cross-agency notices: a list by
 * state and retries, audited. The fields are the kit's (the same everywhere), named per
 * subgraph so the supergraph composes: policeOutboxNotices, laborWelfareRetryOutboxNotice, …
 */

/** The field names of one subgraph's outbox operations. */
export function outboxAdminFieldNames(subgraph: SubgraphName): { list: string; retry: string; retryFailed: string } {
  const name = subgraphFieldPrefix(subgraph);
  return {
    list: `${name}OutboxNotices`,
    retry: `${name}RetryOutboxNotice`,
    retryFailed: `${name}RetryFailedOutboxNotices`,
  };
}

/** The value types of the outbox fields: identical in every subgraph, so shareable. */
const OUTBOX_TYPES = `
"Where a cross-agency notice stands in its sender's outbox."
enum OutboxNoticeState {
  "Refused by the receiver for good: it waits for a supervisor to retry it."
  FAILED
  "Not delivered yet, for longer than OUTBOX_STUCK_AFTER_SECONDS (default 600 s)."
  STUCK
  "Not delivered yet (waiting for its turn or for a retry)."
  PENDING
  "Delivered to the receiver."
  DELIVERED
}

"A cross-agency notice in a subgraph's outbox, as supervisors see it (its content is not shown)."
type OutboxNotice @shareable {
  id: ID!
  "The kind of notice, e.g. rehab.completed."
  topic: String!
  "The subgraph it is addressed to."
  receiver: String!
  state: OutboxNoticeState!
  "Delivery attempts so far."
  attempts: Int!
  "Why the last attempt did not deliver it (the receiver's error code and text, or that it could not be reached)."
  lastError: String
  createdAt: DateTime!
  "When the next attempt is due (undelivered notices)."
  nextAttemptAt: DateTime
  deliveredAt: DateTime
  failedAt: DateTime
  "Seconds since the notice was written."
  ageSeconds: Int!
}

type OutboxNoticeConnection @shareable {
  nodes: [OutboxNotice!]!
  totalCount: Int!
  pageInfo: PageInfo!
}
`;

/** The SDL a subgraph adds for its outbox fields (composed and served alike). */
export function outboxAdminTypeDefs(subgraph: SubgraphName): string {
  const f = outboxAdminFieldNames(subgraph);
  return `${OUTBOX_TYPES}
extend type Query {
  "This subgraph's outbox notices in a state, oldest first (delivered ones newest first); supervisors only."
  ${f.list}(state: OutboxNoticeState!, first: Int = 20, after: String): OutboxNoticeConnection!
}

extend type Mutation {
  "Sends a failed or stuck notice of this subgraph's outbox again now (audited); supervisors only."
  ${f.retry}(id: ID!): OutboxNotice!
  "Sends every failed notice of one topic of this subgraph's outbox again (audited); the number of notices; supervisors only."
  ${f.retryFailed}(topic: String!): Int!
}
`;
}

/** Who may list and retry outbox notices. */
export const OUTBOX_ADMINS: readonly Role[] = ['supervisor'];

const ADMINS = { read: OUTBOX_ADMINS };

/** The rules of every subgraph's outbox fields (root query and mutations), owned by the subgraph that serves them. */
export function outboxAdminRules(names: readonly SubgraphName[] = SUBGRAPH_NAMES): Record<string, FieldRule> {
  return Object.fromEntries(
    names.flatMap((name) => {
      const f = outboxAdminFieldNames(name);
      const rule: FieldRule = { owner: name, ...ADMINS };
      return [`Query.${f.list}`, `Mutation.${f.retry}`, `Mutation.${f.retryFailed}`].map((coordinate) => [coordinate, rule]);
    }),
  );
}

/** The rules of the outbox value types (the same in every subgraph). */
export const OUTBOX_TYPE_RULES: Record<string, FieldRule> = {
  ...fieldsOf(
    'OutboxNotice',
    'shared',
    Object.fromEntries(
      [
        'id',
        'topic',
        'receiver',
        'state',
        'attempts',
        'lastError',
        'createdAt',
        'nextAttemptAt',
        'deliveredAt',
        'failedAt',
        'ageSeconds',
      ].map((field) => [field, ADMINS]),
    ),
  ),
  ...fieldsOf('OutboxNoticeConnection', 'shared', { nodes: ADMINS, totalCount: ADMINS, pageInfo: ADMINS }),
};
