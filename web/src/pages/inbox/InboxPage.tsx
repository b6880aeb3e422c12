import { type TypedDocumentNode } from '@apollo/client';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useId, useState, type ReactNode } from 'react';
import { useSubmit } from '../../forms/useSubmit';
import { formatCount, formatDateTime, useI18n } from '../../i18n';
import { routeHref } from '../../router';
import { WorklistSection, type Column } from '../worklists/WorklistSection';
import { POLL_MS } from './useUnreadCount';
import type { InboxItemFragment } from '../../__generated__/operations';
import {
  HEALTH_INBOX,
  LABOUR_INBOX,
  MARK_HEALTH,
  MARK_LABOUR,
  MARK_POLICE,
  MARK_VOLUNTEERS,
  NOTIFICATION_COUNTS,
  POLICE_INBOX,
  VOLUNTEERS_INBOX,
} from './operations';

type Sender = 'police' | 'labor-welfare' | 'health' | 'volunteers';

interface Inbox {
  inbox: { nodes: readonly InboxItemFragment[]; totalCount: number; unreadCount: number };
}

interface Row extends InboxItemFragment {
  agency: Sender;
}

/** The mutation that marks an agency's notifications read. */
const MARK: Record<Sender, TypedDocumentNode<{ marked: number }, { ids: string[] }>> = {
  police: MARK_POLICE,
  'labor-welfare': MARK_LABOUR,
  health: MARK_HEALTH,
  volunteers: MARK_VOLUNTEERS,
};

interface AgencyInbox {
  agency: Sender;
  rows: Row[] | undefined;
  total: number;
  unread: number;
  loading: boolean;
  failed: boolean;
  refetch: () => void;
}

function useAgencyInbox(
  agency: Sender,
  query: TypedDocumentNode<Inbox, { unreadOnly?: boolean | null }>,
  unreadOnly: boolean,
): AgencyInbox {
  // Polled like the navigation's count: a notice that arrives while the page is open appears on it.
  const { data, loading, error, refetch } = useQuery(query, {
    variables: { unreadOnly },
    pollInterval: POLL_MS,
    fetchPolicy: 'network-only',
    errorPolicy: 'all',
  });
  return {
    agency,
    rows: data?.inbox.nodes.map((n) => ({ ...n, agency })),
    total: data?.inbox.totalCount ?? 0,
    unread: data?.inbox.unreadCount ?? 0,
    loading,
    failed: !data && !!error,
    refetch: () => void refetch().catch(() => undefined),
  };
}

/** Newest first across agencies. */
const byReceivedDesc = (a: Row, b: Row): number => b.receivedAt.localeCompare(a.receivedAt);

function useColumns(markOne: (row: Row) => void): Column<Row>[] {
  const { t, label, formatDate } = useI18n();
  return [
    {
      header: t('inbox.state'),
      cell: (r) => (r.read ? t('inbox.read') : <strong className="inbox__unread">{t('inbox.unread')}</strong>),
    },
    { header: t('inbox.what'), cell: (r) => label('notificationTopic', r.topic) },
    {
      header: t('inbox.person'),
      cell: (r) =>
        r.person ? (
          <a href={routeHref({ page: 'person', id: r.person.id })} onClick={() => !r.read && markOne(r)}>
            {r.person.fullName}
          </a>
        ) : (
          '—'
        ),
    },
    { header: t('inbox.sender'), cell: (r) => label('agency', r.sender) },
    { header: t('inbox.occurredOn'), cell: (r) => formatDate(r.occurredOn) },
    { header: t('inbox.receivedAt'), cell: (r) => formatDateTime(r.receivedAt) },
  ];
}

/** Thông báo: the cross-agency notices addressed to the officer's unit and role, read and unread. */
export function InboxPage(): ReactNode {
  const { t, label, locale } = useI18n();
  const unreadId = useId();
  const submit = useSubmit();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const inboxes = [
    useAgencyInbox('police', POLICE_INBOX, unreadOnly),
    useAgencyInbox('labor-welfare', LABOUR_INBOX, unreadOnly),
    useAgencyInbox('health', HEALTH_INBOX, unreadOnly),
    useAgencyInbox('volunteers', VOLUNTEERS_INBOX, unreadOnly),
  ];
  const client = useApolloClient();
  const markRead = async (rows: readonly Row[]): Promise<void> => {
    let marked = 0;
    for (const agency of new Set(rows.map((r) => r.agency))) {
      const ids = rows.filter((r) => r.agency === agency).map((r) => r.id);
      const outcome = await submit(MARK[agency], { ids });
      if (outcome.errors.length === 0) marked += ids.length;
    }
    // The navigation's count and the lists follow (refetched, not reset; the page may have been left for the person).
    void client.refetchQueries({ include: [NOTIFICATION_COUNTS] }).catch(() => undefined);
    for (const agency of new Set(rows.map((r) => r.agency))) inboxes.find((i) => i.agency === agency)?.refetch();
    setDone(t('inbox.marked', { count: formatCount(locale, marked) }));
  };
  const columns = useColumns((row) => void markRead([row]));
  const loaded = inboxes.filter((i) => i.rows);
  const rows = loaded.length > 0 ? loaded.flatMap((i) => i.rows ?? []).sort(byReceivedDesc) : undefined;
  const unread = (rows ?? []).filter((r) => !r.read);
  const total = inboxes.reduce((n, i) => n + i.total, 0);
  const unreadCount = inboxes.reduce((n, i) => n + i.unread, 0);
  const failed = inboxes.filter((i) => i.failed);
  return (
    <>
      <h2 className="page-title">{t('inbox.heading')}</h2>
      <p className="muted">{t('inbox.intro')}</p>
      <WorklistSection
        title={t('inbox.list')}
        testId="inbox"
        loading={inboxes.some((i) => i.loading)}
        error={undefined}
        rows={rows ?? (failed.length === inboxes.length ? [] : undefined)}
        rowKey={(r) => `${r.agency}:${r.id}`}
        columns={columns}
        note={t('inbox.summary', { unread: formatCount(locale, unreadCount), total: formatCount(locale, total) })}
        actions={(r) =>
          r.read ? null : (
            <button type="button" className="button button--secondary" onClick={() => void markRead([r])}>
              {t('inbox.markRead')}
            </button>
          )
        }
      >
        {failed.map((i) => (
          <p key={i.agency} className="notice notice--error" role="alert">
            {t('inbox.unavailable', { agency: label('agency', i.agency) })}
          </p>
        ))}
        {done && (
          <p className="notice notice--success" role="status" data-testid="inbox-done">
            {done}
          </p>
        )}
        <div className="inbox__tools">
          <input id={unreadId} type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          <label htmlFor={unreadId}>{t('inbox.unreadOnly')}</label>
          {unread.length > 0 && (
            <button type="button" className="button button--secondary" onClick={() => void markRead(unread)}>
              {t('inbox.markAllRead')}
            </button>
          )}
        </div>
      </WorklistSection>
    </>
  );
}
