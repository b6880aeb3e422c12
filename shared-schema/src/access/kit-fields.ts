import { SUBGRAPH_NAMES, type SubgraphName } from '../registry';
import { accessLogRules, accessLogTypeDefs } from './access-log';
import type { FieldRule } from './matrix';
import { notificationRules, notificationTypeDefs } from './notifications';
import { outboxAdminRules, outboxAdminTypeDefs } from './outbox-admin';

/**
 * The fields the shared kit adds to every subgraph, named after it: its Person access log,
 * its outbox of cross-agency notices and its officers' notifications inbox.
 */
export function kitTypeDefs(subgraph: SubgraphName): string {
  return [accessLogTypeDefs(subgraph), outboxAdminTypeDefs(subgraph), notificationTypeDefs(subgraph)].join('\n');
}

/** The rules of those fields for the named subgraphs. */
export function kitFieldRules(names: readonly SubgraphName[] = SUBGRAPH_NAMES): Record<string, FieldRule> {
  return { ...accessLogRules(names), ...outboxAdminRules(names), ...notificationRules(names) };
}
