import { gql, type TypedDocumentNode } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import { formatDateTime, useI18n, type Agency } from '../i18n';
import { WorklistSection } from '../pages/worklists/WorklistSection';
import type {
  AccessLogEntryFieldsFragment,
  PersonAccessLogQuery,
  PersonAccessLogQueryVariables,
} from '../__generated__/operations';

type AccessLogEntry = AccessLogEntryFieldsFragment;

const ACCESS_LOG: TypedDocumentNode<PersonAccessLogQuery, PersonAccessLogQueryVariables> = gql`
  fragment AccessLogEntryFields on AccessLogEntry {
    occurredAt
    username
    role
    unitCode
    action
    entityType
    fields
    purpose
    requestId
  }

  query PersonAccessLog($id: ID!) {
    person(id: $id) {
      id
      policeAccessLog {
        ...AccessLogEntryFields
      }
      laborWelfareAccessLog {
        ...AccessLogEntryFields
      }
      healthAccessLog {
        ...AccessLogEntryFields
      }
      volunteersAccessLog {
        ...AccessLogEntryFields
      }
    }
  }
`;

interface Row extends AccessLogEntry {
  agency: Agency;
  key: string;
}

function rowsOf(person: NonNullable<PersonAccessLogQuery['person']>): Row[] {
  const parts: [Agency, AccessLogEntry[] | null][] = [
    ['police', person.policeAccessLog],
    ['labor-welfare', person.laborWelfareAccessLog],
    ['health', person.healthAccessLog],
    ['volunteers', person.volunteersAccessLog],
  ];
  return parts
    .flatMap(([agency, entries]) => (entries ?? []).map((e, i) => ({ ...e, agency, key: `${agency}-${String(i)}` })))
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
}

/**
 * Nhật ký truy cập: who read or changed this person's records in each agency, newest first
 * (supervisors only). Opened on request: reading it is itself an audited, sensitive read.
 */
export function AccessLog({ personId }: { personId: string }): ReactNode {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const { data, loading, error } = useQuery(
    ACCESS_LOG,
    open ? { variables: { id: personId }, fetchPolicy: 'no-cache', errorPolicy: 'all' } : skipToken,
  );
  if (!open) {
    return (
      <div className="print-toolbar">
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t('accessLog.open')}
        </button>
      </div>
    );
  }
  return (
    <WorklistSection
      title={t('accessLog.title')}
      testId="access-log"
      note={t('accessLog.note')}
      loading={loading}
      error={error}
      rows={data?.person ? rowsOf(data.person) : undefined}
      rowKey={(r) => r.key}
      columns={[
        { header: t('accessLog.when'), cell: (r) => formatDateTime(r.occurredAt) },
        { header: t('accessLog.agency'), cell: (r) => label('agency', r.agency) },
        { header: t('accessLog.who'), cell: (r) => `${r.username} (${r.unitCode})` },
        { header: t('accessLog.action'), cell: (r) => t(`accessLog.action.${r.action}`) },
        { header: t('accessLog.what'), cell: (r) => `${r.entityType}: ${r.fields.join(', ')}` },
        { header: t('accessLog.purpose'), cell: (r) => r.purpose },
      ]}
    />
  );
}
