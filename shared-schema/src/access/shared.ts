import { ALL_ROLES, fieldsOf, type FieldRule } from './matrix';
import { ACCESS_LOG_READERS, accessLogRules } from './access-log';

const everyone = { read: ALL_ROLES };

/** Reference data: the same in every subgraph, readable by every officer. */
export const SHARED_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'shared', { administrativeUnit: everyone, administrativeUnits: everyone, legalRules: everyone }),
  ...fieldsOf('AdministrativeUnit', 'shared', {
    code: everyone, name: everyone, level: everyone, parentCode: everyone, path: everyone, validFrom: everyone, validTo: everyone,
  }),
  ...fieldsOf('LegalRule', 'shared', {
    code: everyone, description: everyone, value: everyone, unit: everyone, effectiveFrom: everyone, effectiveTo: everyone, legalBasis: everyone,
  }),
  ...fieldsOf('PageInfo', 'shared', { endCursor: everyone, hasNextPage: everyone }),
  // Each subgraph's Person access log (the kit adds it everywhere) and its rows: supervisors only.
  ...accessLogRules(),
  ...fieldsOf('AccessLogEntry', 'shared', Object.fromEntries(
    ['occurredAt', 'username', 'role', 'unitCode', 'action', 'entityType', 'fields', 'purpose', 'requestId']
      .map((field) => [field, { read: ACCESS_LOG_READERS }]))),
};
