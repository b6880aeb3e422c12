import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ReactNode } from 'react';
import { useActing } from '../acting';
import type { RehabEpisode } from '../components/LaborPanel';
import { useI18n } from '../i18n';
import { ActionForm } from './ActionForm';
import { ActionMenu } from './ActionMenu';
import { dateField, StepMenu, type Step } from './StepMenu';
import { optional, today, useSubmit } from './useSubmit';
import type {
  CancelResidentExtractionMutation,
  CancelResidentExtractionMutationVariables,
  ExtractionStatus,
  RecordExtractionHandoverMutation,
  RecordExtractionHandoverMutationVariables,
  RecordExtractionReturnMutation,
  RecordExtractionReturnMutationVariables,
  RequestResidentExtractionMutation,
  RequestResidentExtractionMutationVariables,
} from '../__generated__/operations';

const REQUEST: TypedDocumentNode<RequestResidentExtractionMutation, RequestResidentExtractionMutationVariables> = gql`
  mutation RequestResidentExtraction($episodeId: ID!, $input: ResidentExtractionInput!) {
    requestResidentExtraction(episodeId: $episodeId, input: $input) {
      id
      status
      version
    }
  }
`;

const HAND_OVER: TypedDocumentNode<RecordExtractionHandoverMutation, RecordExtractionHandoverMutationVariables> = gql`
  mutation RecordExtractionHandover($id: ID!, $expectedVersion: Int!, $handedOverOn: Date!) {
    recordExtractionHandover(id: $id, expectedVersion: $expectedVersion, handedOverOn: $handedOverOn) {
      id
      status
      version
    }
  }
`;

const RETURN: TypedDocumentNode<RecordExtractionReturnMutation, RecordExtractionReturnMutationVariables> = gql`
  mutation RecordExtractionReturn($id: ID!, $expectedVersion: Int!, $returnedOn: Date!) {
    recordExtractionReturn(id: $id, expectedVersion: $expectedVersion, returnedOn: $returnedOn) {
      id
      status
      version
    }
  }
`;

const CANCEL: TypedDocumentNode<CancelResidentExtractionMutation, CancelResidentExtractionMutationVariables> = gql`
  mutation CancelResidentExtraction($id: ID!, $expectedVersion: Int!, $reason: String!) {
    cancelResidentExtraction(id: $id, expectedVersion: $expectedVersion, reason: $reason) {
      id
      status
      version
    }
  }
`;

/** An extraction as the steps need it. */
export interface ExtractionRecord {
  id: string;
  status: ExtractionStatus;
  version: number;
  requestingAgency: string;
}

/** Đề nghị trích xuất: the provincial investigation agency asks the facility for a resident now there. */
export function RequestExtraction({
  episodeId,
  facility,
  person,
  reload,
}: {
  episodeId: string;
  facility: string;
  person: string;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, formatDate } = useI18n();
  const acting = useActing();
  const submit = useSubmit();
  if (!acting.mayAct('RESIDENT_EXTRACTION_REQUEST')) return null;
  return (
    <ActionMenu
      label={t('extraction.heading')}
      actions={[
        {
          key: 'extraction-request',
          label: t('extraction.request'),
          render: (close) => (
            <ActionForm
              testId="form-extraction-request"
              title={t('extraction.request')}
              submitLabel={t('form.save')}
              fields={[
                {
                  name: 'requestingAgency',
                  label: t('extraction.agency'),
                  kind: 'text',
                  required: true,
                  hint: t('extraction.agencyHint'),
                },
                { name: 'documentNumber', label: t('extraction.document'), kind: 'text', required: true },
                { name: 'purpose', label: t('extraction.purpose'), kind: 'textarea', required: true },
                { name: 'requestedOn', label: t('extraction.requestedOnField'), kind: 'date', required: true, initial: today() },
                { name: 'expectedReturnOn', label: t('extraction.expectedReturnOn'), kind: 'date', required: true },
              ]}
              confirm={(v) =>
                t('extraction.confirmRequest', {
                  facility,
                  name: person,
                  purpose: (v.purpose ?? '').trim(),
                  date: formatDate(v.expectedReturnOn),
                })
              }
              onSubmit={(v) =>
                submit(REQUEST, {
                  episodeId,
                  input: {
                    requestingAgency: v.requestingAgency ?? '',
                    documentNumber: v.documentNumber ?? '',
                    purpose: v.purpose ?? '',
                    requestedOn: optional(v.requestedOn),
                    expectedReturnOn: v.expectedReturnOn ?? '',
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

/** The next step of an extraction under way: the facility hands over or records the return; the police may withdraw. */
export function ExtractionSteps({
  extraction,
  person,
  reload,
  title,
}: {
  extraction: ExtractionRecord;
  person: string;
  reload: () => Promise<unknown>;
  title?: string;
}): ReactNode {
  const { t, formatDate } = useI18n();
  const acting = useActing();
  const steps: Step[] = [];
  const facility = acting.mayAct('FACILITY_OPERATION');
  if (facility && extraction.status === 'REQUESTED') {
    steps.push({
      key: 'extraction-hand-over',
      label: t('extraction.handOver'),
      mutation: HAND_OVER,
      fields: [dateField('handedOverOn', t('extraction.handedOverOn'))],
      variables: (v) => ({ handedOverOn: v.handedOverOn ?? '' }),
      confirm: (v) =>
        t('extraction.confirmHandOver', { name: person, agency: extraction.requestingAgency, date: formatDate(v.handedOverOn) }),
    });
  }
  if (facility && extraction.status === 'OUT') {
    steps.push({
      key: 'extraction-return',
      label: t('extraction.return'),
      mutation: RETURN,
      fields: [dateField('returnedOn', t('extraction.returnedOnField'))],
      variables: (v) => ({ returnedOn: v.returnedOn ?? '' }),
    });
  }
  if (acting.mayAct('RESIDENT_EXTRACTION_REQUEST') && extraction.status === 'REQUESTED') {
    steps.push({
      key: 'extraction-cancel',
      label: t('extraction.cancel'),
      mutation: CANCEL,
      fields: [{ name: 'reason', label: t('extraction.cancelReason'), kind: 'textarea', required: true }],
      variables: (v) => ({ reason: v.reason ?? '' }),
    });
  }
  return (
    <StepMenu
      label={t('extraction.heading')}
      steps={steps}
      record={{ id: extraction.id, status: extraction.status, version: extraction.version }}
      reload={reload}
      title={title}
    />
  );
}

/** On a person's episode at a facility: the extraction under way and its next step, or the request (as the role may act). */
export function EpisodeExtraction({
  episode,
  person,
  reload,
}: {
  episode: RehabEpisode;
  person: string;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, label } = useI18n();
  const extractions = episode.extractions;
  if (!extractions) return null;
  const open = extractions.find((x) => x.status === 'REQUESTED' || x.status === 'OUT');
  if (open) {
    const title = `${t('extraction.heading')} — ${label('extractionStatus', open.status)}`;
    return <ExtractionSteps extraction={open} person={person} reload={reload} title={title} />;
  }
  if (episode.status !== 'ADMITTED' || !episode.facility) return null;
  return <RequestExtraction episodeId={episode.id} facility={episode.facility.name} person={person} reload={reload} />;
}
