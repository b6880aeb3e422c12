import { SUBGRAPH_NAMES, subgraphFieldPrefix, type SubgraphName } from '../registry';
import type { FieldRule } from './matrix';
import type { Role } from './roles';

/**
 * Every subgraph adds to Person a field listing its own audit rows about that person:
 * policeAccessLog, laborWelfareAccessLog, healthAccessLog, volunteersAccessLog.
 * Supervisors only ("supervisors can ask who looked at a person"); reading it is
 * itself a sensitive, audited read.
 */
export function accessLogFieldName(subgraph: SubgraphName): string {
  return `${subgraphFieldPrefix(subgraph)}AccessLog`;
}

/** The SDL a subgraph adds for its access-log field (composed and served alike). */
export function accessLogTypeDefs(subgraph: SubgraphName): string {
  return `extend type Person {
  "Who read or changed this person's records in this agency's database, newest first (supervisors only)."
  ${accessLogFieldName(subgraph)}: [AccessLogEntry!]
}
`;
}

/** Who may read the access logs. */
export const ACCESS_LOG_READERS: readonly Role[] = ['supervisor'];

/**
 * The rules of every subgraph's access-log field. Owned by the shared kit (the same
 * field everywhere); sensitive, so each read of an access log is itself audited.
 */
export function accessLogRules(names: readonly SubgraphName[] = SUBGRAPH_NAMES): Record<string, FieldRule> {
  return Object.fromEntries(
    names.map((name) => [
      `Person.${accessLogFieldName(name)}`,
      { owner: 'shared', read: ACCESS_LOG_READERS, sensitive: true } satisfies FieldRule,
    ]),
  );
}
