import { ALL_ROLES, fieldsOf, type FieldRule } from './matrix';
import { ACCESS_LOG_READERS, accessLogRules } from './access-log';
import { OUTBOX_TYPE_RULES, outboxAdminRules } from './outbox-admin';

const everyone = { read: ALL_ROLES };

/** Reference data: the same in every subgraph, readable by every officer. */
export const SHARED_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'shared', {
    administrativeUnit: everyone,
    administrativeUnits: everyone,
    legalRules: everyone,
    responsibilities: everyone,
  }),
  ...fieldsOf(
    'AdministrativeUnit',
    'shared',
    Object.fromEntries(
      [
        'code',
        'name',
        'nameEn',
        'level',
        'kind',
        'parentCode',
        'parent',
        'path',
        'validFrom',
        'validTo',
        'predecessors',
        'successors',
        'unresolvedPredecessors',
      ].map((f) => [f, everyone]),
    ),
  ),
  ...fieldsOf('UnitLineage', 'shared', { unit: everyone, whole: everyone, method: everyone }),
  ...fieldsOf(
    'LegalRule',
    'shared',
    Object.fromEntries(
      ['code', 'description', 'kind', 'value', 'unit', 'effectiveFrom', 'effectiveTo', 'legalBasis'].map((f) => [f, everyone]),
    ),
  ),
  ...fieldsOf(
    'Responsibility',
    'shared',
    Object.fromEntries(
      ['step', 'stepLabel', 'actor', 'agency', 'role', 'unitLevel', 'effectiveFrom', 'effectiveTo', 'legalBasis'].map((f) => [
        f,
        everyone,
      ]),
    ),
  ),
  ...fieldsOf('PageInfo', 'shared', { endCursor: everyone, hasNextPage: everyone }),
  // Each subgraph's Person access log (the kit adds it everywhere) and its rows: supervisors only.
  ...accessLogRules(),
  // Each subgraph's outbox of cross-agency notices (the kit adds it everywhere): supervisors only.
  ...outboxAdminRules(),
  ...OUTBOX_TYPE_RULES,
  ...fieldsOf(
    'AccessLogEntry',
    'shared',
    Object.fromEntries(
      ['occurredAt', 'username', 'role', 'unitCode', 'action', 'entityType', 'fields', 'purpose', 'requestId'].map((field) => [
        field,
        { read: ACCESS_LOG_READERS },
      ]),
    ),
  ),
};
