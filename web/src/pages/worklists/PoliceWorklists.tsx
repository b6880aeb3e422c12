import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { dateField, StepMenu, type Step } from '../../forms/StepMenu';
import { PersonLink, WorklistSection } from './WorklistSection';
import type {
  AcknowledgeCompletionNoticeMutation,
  AcknowledgeCompletionNoticeMutationVariables,
  AcknowledgeTransferNoticeMutation,
  AcknowledgeTransferNoticeMutationVariables,
  CompletionNoticesQuery,
  CompletionNoticesQueryVariables,
  ManagementsEndingQuery,
  ManagementsEndingQueryVariables,
  OpenAbsconderSearchesQuery,
  OpenAbsconderSearchesQueryVariables,
  RecordAbsconderFoundMutation,
  RecordAbsconderFoundMutationVariables,
  TransfersAwaitingQuery,
  TransfersAwaitingQueryVariables,
} from '../../__generated__/operations';

const SEARCHES: TypedDocumentNode<OpenAbsconderSearchesQuery, OpenAbsconderSearchesQueryVariables> = gql`
  query OpenAbsconderSearches {
    absconderSearches(status: OPEN, first: 50) {
      nodes {
        id
        version
        since
        status
        reason
        facility {
          name
        }
        person {
          id
          fullName
        }
      }
    }
  }
`;

type NoticeRow = TransfersAwaitingQuery['transferNoticesAwaitingAcknowledgement']['nodes'][number];

const TRANSFERS: TypedDocumentNode<TransfersAwaitingQuery, TransfersAwaitingQueryVariables> = gql`
  query TransfersAwaiting {
    transferNoticesAwaitingAcknowledgement(first: 50) {
      nodes {
        id
        version
        movedOn
        dueAt
        fromUnit {
          name
        }
        person {
          id
          fullName
        }
      }
    }
  }
`;

const COMPLETIONS: TypedDocumentNode<CompletionNoticesQuery, CompletionNoticesQueryVariables> = gql`
  query CompletionNotices {
    rehabCompletionNotices(acknowledged: false, first: 50) {
      nodes {
        id
        version
        completedOn
        certificateNumber
        person {
          id
          fullName
        }
      }
    }
  }
`;

const ENDING: TypedDocumentNode<ManagementsEndingQuery, ManagementsEndingQueryVariables> = gql`
  query ManagementsEnding {
    drugUserManagementsEnding(first: 50) {
      nodes {
        id
        detectedOn
        periodEndsOn
        person {
          id
          fullName
        }
      }
    }
  }
`;

/** Công an / UBND xã: drug-user managements whose period ends soon (or ended while still open). */
export function ManagementsEndingWorklist(): ReactNode {
  const { t, formatDate } = useI18n();
  const { data, loading, error } = useQuery(ENDING, { fetchPolicy: 'no-cache' });
  return (
    <WorklistSection
      title={t('worklist.managementsEnding')}
      testId="worklist-managements-ending"
      loading={loading}
      error={error}
      rows={data?.drugUserManagementsEnding.nodes}
      rowKey={(r) => r.id}
      columns={[
        { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.person.id} name={r.person.fullName} /> },
        { header: t('field.detectedOn'), cell: (r) => formatDate(r.detectedOn) },
        { header: t('field.periodEndsOn'), cell: (r) => formatDate(r.periodEndsOn) || '—' },
      ]}
    />
  );
}

const ACKNOWLEDGE_TRANSFER: TypedDocumentNode<AcknowledgeTransferNoticeMutation, AcknowledgeTransferNoticeMutationVariables> =
  gql`
    mutation AcknowledgeTransferNotice($id: ID!, $expectedVersion: Int!) {
      acknowledgeTransferNotice(id: $id, expectedVersion: $expectedVersion) {
        id
        acknowledgedAt
        version
      }
    }
  `;

/** Xác nhận tiếp nhận: the receiving commune's police take over a person who moved in. */
function AcknowledgeTransfer({ notice, reload }: { notice: NoticeRow; reload: () => Promise<unknown> }): ReactNode {
  const { t } = useI18n();
  const step: Step = {
    key: 'acknowledge-transfer',
    label: t('transfer.acknowledge'),
    mutation: ACKNOWLEDGE_TRANSFER,
    fields: [],
    variables: () => ({}),
    confirm: () => t('confirm.acknowledgeTransfer', { person: notice.person?.fullName ?? '', from: notice.fromUnit.name }),
  };
  return <StepMenu label={t('transfer.acknowledge')} steps={[step]} record={{ ...notice, status: null }} reload={reload} />;
}

type SearchRow = OpenAbsconderSearchesQuery['absconderSearches']['nodes'][number];
type CompletionRow = CompletionNoticesQuery['rehabCompletionNotices']['nodes'][number];

const RECORD_FOUND: TypedDocumentNode<RecordAbsconderFoundMutation, RecordAbsconderFoundMutationVariables> = gql`
  mutation RecordAbsconderFound($id: ID!, $expectedVersion: Int!, $foundOn: Date!, $note: String!) {
    recordAbsconderFound(searchId: $id, expectedVersion: $expectedVersion, foundOn: $foundOn, note: $note) {
      id
      status
      foundOn
      version
    }
  }
`;

/** Đã tìm thấy: the police found a person who absconded; the facility's notice of the return closes the search. */
function AbsconderFound({ search, reload }: { search: SearchRow; reload: () => Promise<unknown> }): ReactNode {
  const { t, formatDate } = useI18n();
  const step: Step = {
    key: 'absconder-found',
    label: t('absconder.found'),
    mutation: RECORD_FOUND,
    fields: [
      dateField('foundOn', t('absconder.foundOn')),
      { name: 'note', label: t('absconder.foundNote'), kind: 'textarea', required: true, hint: t('absconder.foundNoteHint') },
    ],
    variables: (v) => ({ foundOn: v.foundOn, note: v.note }),
    confirm: (v) => t('confirm.absconderFound', { person: search.person.fullName, date: formatDate(v.foundOn) }),
  };
  return <StepMenu label={t('absconder.found')} steps={[step]} record={{ ...search, status: null }} reload={reload} />;
}

const ACKNOWLEDGE_COMPLETION: TypedDocumentNode<
  AcknowledgeCompletionNoticeMutation,
  AcknowledgeCompletionNoticeMutationVariables
> = gql`
  mutation AcknowledgeCompletionNotice($id: ID!, $expectedVersion: Int!) {
    acknowledgeRehabCompletionNotice(id: $id, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`;

/** Đã nhận danh sách: the commune takes note that a person completed rehab and is back under its care. */
function AcknowledgeCompletion({ notice, reload }: { notice: CompletionRow; reload: () => Promise<unknown> }): ReactNode {
  const { t, formatDate } = useI18n();
  const step: Step = {
    key: 'acknowledge-completion',
    label: t('completion.acknowledge'),
    mutation: ACKNOWLEDGE_COMPLETION,
    fields: [],
    variables: () => ({}),
    confirm: () => t('confirm.acknowledgeCompletion', { person: notice.person.fullName, date: formatDate(notice.completedOn) }),
  };
  return <StepMenu label={t('completion.acknowledge')} steps={[step]} record={{ ...notice, status: null }} reload={reload} />;
}

/**
 * Công an / UBND xã: absconder searches (the police record a person found), transfer notices
 * to acknowledge (the police: `acknowledges`), rehab completions to take note of (both).
 */
export function PoliceWorklists({ acknowledges = false }: { acknowledges?: boolean }): ReactNode {
  const { t, formatDate } = useI18n();
  const searches = useQuery(SEARCHES, { fetchPolicy: 'no-cache' });
  const transfers = useQuery(TRANSFERS, { fetchPolicy: 'no-cache' });
  const completions = useQuery(COMPLETIONS, { fetchPolicy: 'no-cache' });
  return (
    <>
      <ManagementsEndingWorklist />
      <WorklistSection
        title={t('worklist.absconderSearches')}
        testId="worklist-absconders"
        loading={searches.loading}
        error={searches.error}
        rows={searches.data?.absconderSearches.nodes}
        rowKey={(r) => r.id}
        actions={acknowledges ? (r) => <AbsconderFound search={r} reload={() => searches.refetch()} /> : undefined}
        columns={[
          { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.person.id} name={r.person.fullName} /> },
          { header: t('labor.facility'), cell: (r) => r.facility.name },
          { header: t('field.since'), cell: (r) => formatDate(r.since) },
        ]}
      />
      <WorklistSection
        title={t('worklist.transfers')}
        testId="worklist-transfers"
        loading={transfers.loading}
        error={transfers.error}
        rows={transfers.data?.transferNoticesAwaitingAcknowledgement.nodes}
        rowKey={(r) => r.id}
        actions={acknowledges ? (r) => <AcknowledgeTransfer notice={r} reload={() => transfers.refetch()} /> : undefined}
        columns={[
          { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.person?.id} name={r.person?.fullName} /> },
          { header: t('field.fromUnit'), cell: (r) => r.fromUnit.name },
          { header: t('field.movedOn'), cell: (r) => formatDate(r.movedOn) },
          { header: t('field.dueAt'), cell: (r) => formatDate(r.dueAt) || '—' },
        ]}
      />
      <WorklistSection
        title={t('worklist.completions')}
        testId="worklist-completions"
        loading={completions.loading}
        error={completions.error}
        rows={completions.data?.rehabCompletionNotices.nodes}
        rowKey={(r) => r.id}
        actions={(r) => <AcknowledgeCompletion notice={r} reload={() => completions.refetch()} />}
        columns={[
          { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.person.id} name={r.person.fullName} /> },
          { header: t('field.completedOn'), cell: (r) => formatDate(r.completedOn) },
          { header: t('field.certificateNumber'), cell: (r) => r.certificateNumber },
        ]}
      />
    </>
  );
}
