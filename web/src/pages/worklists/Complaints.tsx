import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../../acting';
import type { Officer } from '../../auth';
import { ActionForm } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { chosen, useEnumOptions } from '../../forms/options';
import { dateField, StepMenu } from '../../forms/StepMenu';
import { optional, today, useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { WorklistSection } from './WorklistSection';
import type {
  ComplaintKind,
  ComplaintOutcome,
  ComplaintSubject,
  ComplaintsQuery,
  ComplaintsQueryVariables,
  RecordComplaintMutation,
  RecordComplaintMutationVariables,
  ResolveComplaintMutation,
  ResolveComplaintMutationVariables,
} from '../../__generated__/operations';

const COMPLAINTS: TypedDocumentNode<ComplaintsQuery, ComplaintsQueryVariables> = gql`
  query Complaints($unitCode: ID!) {
    complaints(unitCode: $unitCode) {
      id
      kind
      receivedOn
      subject
      summary
      complainantName
      dueOn
      status
      outcome
      version
    }
  }
`;

const RECORD: TypedDocumentNode<RecordComplaintMutation, RecordComplaintMutationVariables> = gql`
  mutation RecordComplaint($input: ComplaintInput!) {
    recordComplaint(input: $input) {
      id
      version
    }
  }
`;

const RESOLVE: TypedDocumentNode<ResolveComplaintMutation, ResolveComplaintMutationVariables> = gql`
  mutation ResolveComplaint(
    $id: ID!
    $expectedVersion: Int!
    $resolvedOn: Date!
    $outcome: ComplaintOutcome!
    $resolution: String!
  ) {
    resolveComplaint(
      id: $id
      expectedVersion: $expectedVersion
      resolvedOn: $resolvedOn
      outcome: $outcome
      resolution: $resolution
    ) {
      id
      version
    }
  }
`;

const KINDS: readonly ComplaintKind[] = ['COMPLAINT', 'DENUNCIATION'];
const SUBJECTS: readonly ComplaintSubject[] = ['DECISION', 'CONDUCT', 'FACILITY', 'OTHER'];
const OUTCOMES: readonly ComplaintOutcome[] = ['UPHELD', 'PARTLY_UPHELD', 'NOT_UPHELD', 'WITHDRAWN', 'TRANSFERRED'];
/** Complaints are received and handled where they are lodged: the commune, the province's labour or police, a facility. */
const HANDLERS: ReadonlySet<string> = new Set(['labour_officer', 'police_officer', 'commune_official', 'facility_staff']);
type Complaint = ComplaintsQuery['complaints'][number];

/** Thirty days after `date` (the usual time limit), as the form's suggestion. */
function thirtyDaysAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 30);
  return d.toISOString().slice(0, 10);
}

function RecordForm({ unitCode, reload }: { unitCode: string; reload: () => Promise<unknown> }): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  return (
    <ActionMenu
      label={t('complaint.record')}
      actions={[
        {
          key: 'complaint-record',
          label: t('complaint.record'),
          render: (close) => (
            <ActionForm
              testId="form-complaint-record"
              title={t('complaint.record')}
              submitLabel={t('form.save')}
              fields={[
                {
                  name: 'kind',
                  label: t('complaint.kind'),
                  kind: 'select',
                  required: true,
                  options: options('complaintKind', KINDS),
                },
                {
                  name: 'subject',
                  label: t('complaint.subject'),
                  kind: 'select',
                  required: true,
                  options: options('complaintSubject', SUBJECTS),
                },
                { name: 'receivedOn', label: t('complaint.receivedOn'), kind: 'date', required: true, initial: today() },
                {
                  name: 'dueOn',
                  label: t('complaint.dueOn'),
                  kind: 'date',
                  required: true,
                  initial: thirtyDaysAfter(today()),
                  hint: t('complaint.dueHint'),
                },
                { name: 'summary', label: t('complaint.summary'), kind: 'textarea', required: true, wide: true },
                {
                  name: 'complainantName',
                  label: t('complaint.complainantName'),
                  kind: 'text',
                  required: true,
                  hint: t('complaint.confidential'),
                },
                { name: 'complainantContact', label: t('complaint.complainantContact'), kind: 'text' },
              ]}
              onSubmit={(v) =>
                submit(RECORD, {
                  input: {
                    unitCode,
                    kind: chosen<ComplaintKind>(v.kind),
                    subject: chosen<ComplaintSubject>(v.subject),
                    receivedOn: v.receivedOn ?? '',
                    dueOn: v.dueOn ?? '',
                    summary: v.summary ?? '',
                    complainantName: v.complainantName ?? '',
                    complainantContact: optional(v.complainantContact),
                  },
                })
              }
              onDone={reload}
              onCancel={close}
            />
          ),
        },
      ]}
    />
  );
}

function ResolveStep({ complaint, reload }: { complaint: Complaint; reload: () => Promise<unknown> }): ReactNode {
  const { t, label } = useI18n();
  const options = useEnumOptions();
  return (
    <StepMenu
      label={`${label('complaintKind', complaint.kind)} · ${complaint.complainantName}`}
      record={{ id: complaint.id, version: complaint.version, status: null }}
      reload={reload}
      steps={[
        {
          key: 'complaint-resolve',
          label: t('complaint.resolve'),
          mutation: RESOLVE,
          fields: [
            dateField('resolvedOn', t('complaint.resolvedOn')),
            {
              name: 'outcome',
              label: t('complaint.outcome'),
              kind: 'select',
              required: true,
              placeholder: t('form.choosePlaceholder'),
              options: options('complaintOutcome', OUTCOMES),
            },
            { name: 'resolution', label: t('complaint.resolution'), kind: 'textarea', required: true },
          ],
          variables: (v) => ({
            resolvedOn: v.resolvedOn ?? '',
            outcome: chosen<ComplaintOutcome>(v.outcome),
            resolution: v.resolution ?? '',
          }),
        },
      ]}
    />
  );
}

/** Khiếu nại, tố cáo: those received by the officer's unit, the ones being handled first. */
export function Complaints({ officer }: { officer: Officer }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const level = useActing().unit?.level;
  // Received where lodged: a commune, a province or a facility (not a district of before the reform).
  const allowed = HANDLERS.has(officer.role) && (level === 'COMMUNE' || level === 'PROVINCE' || level === 'FACILITY');
  const { data, loading, error, refetch } = useQuery(COMPLAINTS, {
    variables: { unitCode: officer.unitCode },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !allowed,
  });
  if (!allowed) return null;
  const reload = () => refetch();
  const rows = data
    ? [...data.complaints].sort((a, b) => Number(b.status !== 'RESOLVED') - Number(a.status !== 'RESOLVED'))
    : undefined;
  return (
    <>
      <RecordForm unitCode={officer.unitCode} reload={reload} />
      <WorklistSection
        title={t('complaint.heading')}
        testId="worklist-complaints"
        loading={loading}
        error={error}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { header: t('complaint.receivedOn'), cell: (r) => formatDate(r.receivedOn) },
          { header: t('complaint.kind'), cell: (r) => label('complaintKind', r.kind) },
          { header: t('complaint.subject'), cell: (r) => label('complaintSubject', r.subject) },
          { header: t('complaint.complainant'), cell: (r) => r.complainantName },
          { header: t('complaint.summary'), cell: (r) => r.summary },
          {
            header: t('complaint.status'),
            cell: (r) =>
              r.status === 'RESOLVED'
                ? `${label('complaintStatus', r.status)}: ${r.outcome ? label('complaintOutcome', r.outcome) : ''}`
                : t('complaint.statusDue', { status: label('complaintStatus', r.status), date: formatDate(r.dueOn) }),
          },
        ]}
        actions={(r) => (r.status !== 'RESOLVED' ? <ResolveStep complaint={r} reload={reload} /> : null)}
      />
    </>
  );
}
