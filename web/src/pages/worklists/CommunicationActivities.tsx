import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import type { Officer } from '../../auth';
import type { FieldSpec, FormValues } from '../../forms/ActionForm';
import { chosen, useEnumOptions } from '../../forms/options';
import { today } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { AgencyRecords, useRecordsProgramme } from './AgencyRecords';
import type {
  CommunicationActivitiesQuery,
  CommunicationActivitiesQueryVariables,
  CommunicationActivityInput,
  CommunicationKind,
  RecordCommunicationActivityMutation,
  RecordCommunicationActivityMutationVariables,
  UpdateCommunicationActivityMutation,
  UpdateCommunicationActivityMutationVariables,
} from '../../__generated__/operations';

const ACTIVITIES: TypedDocumentNode<CommunicationActivitiesQuery, CommunicationActivitiesQueryVariables> = gql`
  query CommunicationActivities($unitCode: ID!, $from: Date) {
    communicationActivities(unitCode: $unitCode, from: $from) {
      id
      kind
      heldOn
      title
      agency
      audience
      copies
      version
      unit {
        code
        name
      }
    }
  }
`;

const RECORD: TypedDocumentNode<RecordCommunicationActivityMutation, RecordCommunicationActivityMutationVariables> = gql`
  mutation RecordCommunicationActivity($input: CommunicationActivityInput!) {
    recordCommunicationActivity(input: $input) {
      id
      version
    }
  }
`;

const UPDATE: TypedDocumentNode<UpdateCommunicationActivityMutation, UpdateCommunicationActivityMutationVariables> = gql`
  mutation UpdateCommunicationActivity($id: ID!, $expectedVersion: Int!, $input: CommunicationActivityInput!) {
    updateCommunicationActivity(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`;

const KINDS: readonly CommunicationKind[] = ['FORUM', 'CONFERENCE', 'BROADCAST', 'LEAFLET', 'TALK', 'OTHER'];
/** The officers who hold communication activities (their agency's), at their own unit. */
const COMMUNICATORS: ReadonlySet<string> = new Set([
  'front_officer',
  'commune_official',
  'police_officer',
  'health_worker',
  'labour_officer',
]);

type Activity = CommunicationActivitiesQuery['communicationActivities'][number];

function useFields(): (initial?: Activity) => FieldSpec[] {
  const { t } = useI18n();
  const options = useEnumOptions();
  return (initial) => [
    {
      name: 'kind',
      label: t('communication.kind'),
      kind: 'select',
      required: true,
      placeholder: t('form.choosePlaceholder'),
      options: options('communicationKind', KINDS),
      initial: initial?.kind,
    },
    { name: 'title', label: t('communication.title'), kind: 'text', required: true, wide: true, initial: initial?.title },
    { name: 'heldOn', label: t('communication.heldOn'), kind: 'date', required: true, initial: initial?.heldOn ?? today() },
    {
      name: 'audience',
      label: t('communication.audience'),
      kind: 'number',
      required: true,
      hint: t('communication.audienceHint'),
      initial: initial ? String(initial.audience) : undefined,
    },
    {
      name: 'copies',
      label: t('communication.copies'),
      kind: 'number',
      initial: initial?.copies != null ? String(initial.copies) : undefined,
    },
  ];
}

function inputOf(unitCode: string, v: FormValues): CommunicationActivityInput {
  return {
    unitCode,
    kind: chosen<CommunicationKind>(v.kind),
    title: v.title ?? '',
    heldOn: v.heldOn ?? '',
    audience: Number(v.audience),
    copies: v.copies ? Number(v.copies) : null,
  };
}

/** Hoạt động tuyên truyền: what the officer's unit held this year, recorded and corrected by the agency that held it. */
export function CommunicationActivities({ officer }: { officer: Officer }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const allowed = useRecordsProgramme(officer, COMMUNICATORS);
  const fields = useFields();
  const { data, loading, error, refetch } = useQuery(ACTIVITIES, {
    variables: { unitCode: officer.unitCode, from: `${today().slice(0, 4)}-01-01` },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !allowed,
  });
  if (!allowed) return null;
  return (
    <AgencyRecords
      officer={officer}
      actionKey="communication"
      labels={{ heading: t('communication.heading'), record: t('communication.record'), edit: t('communication.edit') }}
      rows={data?.communicationActivities}
      loading={loading}
      error={error}
      reload={() => refetch()}
      columns={[
        { header: t('communication.heldOn'), cell: (r) => formatDate(r.heldOn) },
        { header: t('communication.kind'), cell: (r) => label('communicationKind', r.kind) },
        { header: t('communication.title'), cell: (r) => r.title },
        { header: t('communication.agency'), cell: (r) => label('agency', r.agency) },
        { header: t('communication.audience'), cell: (r) => r.audience },
        { header: t('communication.copies'), cell: (r) => r.copies ?? '—' },
      ]}
      fields={fields}
      mutations={{ record: RECORD, edit: UPDATE }}
      inputOf={inputOf}
      title={(r) => r.title}
    />
  );
}
