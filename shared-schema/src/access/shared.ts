import { ALL_ROLES, fieldsOf, type FieldRule } from './matrix';
import { ACCESS_LOG_READERS } from './access-log';
import { kitFieldRules } from './kit-fields';
import { NOTIFICATION_TYPE_RULES } from './notifications';
import { OUTBOX_TYPE_RULES } from './outbox-admin';

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
  // The kit's fields in every subgraph: its Person access log and its outbox (supervisors only), its inbox (officers).
  ...kitFieldRules(),
  ...OUTBOX_TYPE_RULES,
  ...NOTIFICATION_TYPE_RULES,
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
