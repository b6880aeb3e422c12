import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ReactNode } from 'react';
import { useActing } from '../acting';
import { useI18n } from '../i18n';
import { useEnumOptions } from './options';
import { dateField, StepMenu, type Step, type VersionedRecord } from './StepMenu';
import { optional } from './useSubmit';
import type {
  CompleteRehabEpisodeMutation,
  CompleteRehabEpisodeMutationVariables,
  GrantLeaveMutation,
  GrantLeaveMutationVariables,
  RecordEscapeMutation,
  RecordEscapeMutationVariables,
  ReturnAfterEscapeMutation,
  ReturnAfterEscapeMutationVariables,
  ReturnFromLeaveMutation,
  ReturnFromLeaveMutationVariables,
} from '../__generated__/operations';

const GRANT_LEAVE: TypedDocumentNode<GrantLeaveMutation, GrantLeaveMutationVariables> = gql`
  mutation GrantLeave($id: ID!, $expectedVersion: Int!, $input: GrantLeaveInput!) {
    grantLeave(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      status
      version
    }
  }
`;

const RETURN_FROM_LEAVE: TypedDocumentNode<ReturnFromLeaveMutation, ReturnFromLeaveMutationVariables> = gql`
  mutation ReturnFromLeave($id: ID!, $expectedVersion: Int!, $returnedOn: Date!) {
    returnFromLeave(id: $id, expectedVersion: $expectedVersion, returnedOn: $returnedOn) {
      id
      status
      version
    }
  }
`;

const RECORD_ESCAPE: TypedDocumentNode<RecordEscapeMutation, RecordEscapeMutationVariables> = gql`
  mutation RecordEscape($id: ID!, $expectedVersion: Int!, $escapedOn: Date!, $note: String) {
    recordEscape(id: $id, expectedVersion: $expectedVersion, escapedOn: $escapedOn, note: $note) {
      id
      status
      version
    }
  }
`;

const RETURN_AFTER_ESCAPE: TypedDocumentNode<ReturnAfterEscapeMutation, ReturnAfterEscapeMutationVariables> = gql`
  mutation ReturnAfterEscape($id: ID!, $expectedVersion: Int!, $returnedOn: Date!) {
    returnAfterEscape(id: $id, expectedVersion: $expectedVersion, returnedOn: $returnedOn) {
      id
      status
      version
    }
  }
`;

const COMPLETE_REHAB_EPISODE: TypedDocumentNode<CompleteRehabEpisodeMutation, CompleteRehabEpisodeMutationVariables> = gql`
  mutation CompleteRehabEpisode($id: ID!, $expectedVersion: Int!, $completedOn: Date!, $certificateNumber: String!) {
    completeRehabEpisode(
      id: $id
      expectedVersion: $expectedVersion
      completedOn: $completedOn
      certificateNumber: $certificateNumber
    ) {
      id
      status
      version
    }
  }
`;

/** Cơ sở cai nghiện: leave, escape and return, completion of one episode. */
export function EpisodeActions({
  episode,
  reload,
  title,
}: {
  episode: VersionedRecord;
  reload: () => Promise<unknown>;
  title?: string;
}): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const acting = useActing();
  // The facility's staff, while today's arrangement names them (the facility's agency changes by law).
  if (!acting.mayAct('FACILITY_OPERATION')) return null;
  const steps: Step[] = [];
  if (episode.status === 'ADMITTED') {
    steps.push(
      {
        key: 'grant-leave',
        label: t('action.grantLeave'),
        mutation: GRANT_LEAVE,
        fields: [
          {
            name: 'reason',
            label: t('field.leaveReason'),
            kind: 'select',
            options: options('leaveReason', ['FUNERAL', 'MEDICAL_TREATMENT', 'FAMILY_EMERGENCY', 'OTHER']),
          },
          dateField('startsOn', t('field.startsOn')),
          { name: 'dueOn', label: t('field.dueOn'), kind: 'date', required: true },
          { name: 'note', label: t('field.note'), kind: 'textarea' },
        ],
        variables: (v) => ({ input: { reason: v.reason, startsOn: v.startsOn, dueOn: v.dueOn, note: optional(v.note) } }),
      },
      {
        key: 'escape',
        label: t('action.recordEscape'),
        mutation: RECORD_ESCAPE,
        fields: [dateField('escapedOn', t('field.escapedOn')), { name: 'note', label: t('field.note'), kind: 'textarea' }],
        variables: (v) => ({ escapedOn: v.escapedOn, note: optional(v.note) }),
      },
      {
        key: 'complete',
        label: t('action.complete'),
        mutation: COMPLETE_REHAB_EPISODE,
        fields: [
          dateField('completedOn', t('field.completedOn')),
          { name: 'certificateNumber', label: t('field.certificateNumber'), kind: 'text', required: true },
        ],
        variables: (v) => ({ completedOn: v.completedOn, certificateNumber: v.certificateNumber ?? '' }),
      },
    );
  }
  if (episode.status === 'ON_LEAVE') {
    steps.push({
      key: 'return-leave',
      label: t('action.returnFromLeave'),
      mutation: RETURN_FROM_LEAVE,
      fields: [dateField('returnedOn', t('field.returnedOn'))],
      variables: (v) => ({ returnedOn: v.returnedOn }),
    });
  }
  if (episode.status === 'ABSCONDED') {
    steps.push({
      key: 'return-escape',
      label: t('action.returnAfterEscape'),
      mutation: RETURN_AFTER_ESCAPE,
      fields: [dateField('returnedOn', t('field.returnedOn'))],
      variables: (v) => ({ returnedOn: v.returnedOn }),
    });
  }
  return <StepMenu label={t('action.labor')} steps={steps} record={episode} reload={reload} title={title} />;
}
