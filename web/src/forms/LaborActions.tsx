import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ReactNode } from 'react';
import { useActing } from '../acting';
import { useI18n } from '../i18n';
import { useFacilities, useFacilityLabel } from '../units';
import { useEnumOptions } from './options';
import { dateField, StepMenu, type Step, type VersionedRecord } from './StepMenu';
import { optional } from './useSubmit';
import { useAreaStep } from './AreaStep';
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
  TerminateRehabEpisodeMutation,
  TerminateRehabEpisodeMutationVariables,
  TransferRehabEpisodeMutation,
  TransferRehabEpisodeMutationVariables,
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

export const COMPLETE_REHAB_EPISODE: TypedDocumentNode<CompleteRehabEpisodeMutation, CompleteRehabEpisodeMutationVariables> = gql`
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

const TRANSFER_REHAB_EPISODE: TypedDocumentNode<TransferRehabEpisodeMutation, TransferRehabEpisodeMutationVariables> = gql`
  mutation TransferRehabEpisode($id: ID!, $expectedVersion: Int!, $toFacilityCode: ID!, $transferredOn: Date!) {
    transferRehabEpisode(
      id: $id
      expectedVersion: $expectedVersion
      toFacilityCode: $toFacilityCode
      transferredOn: $transferredOn
    ) {
      id
      status
      facility {
        code
      }
      version
    }
  }
`;

export const TERMINATE_REHAB_EPISODE: TypedDocumentNode<TerminateRehabEpisodeMutation, TerminateRehabEpisodeMutationVariables> =
  gql`
    mutation TerminateRehabEpisode($id: ID!, $expectedVersion: Int!, $terminatedOn: Date!, $reason: String!) {
      terminateRehabEpisode(id: $id, expectedVersion: $expectedVersion, terminatedOn: $terminatedOn, reason: $reason) {
        id
        status
        version
      }
    }
  `;

const OPEN_STATUSES = new Set(['ADMITTED', 'ON_LEAVE', 'ABSCONDED']);

export interface EpisodeRecord extends VersionedRecord {
  facility?: { code: string; name: string } | null;
  area?: { id: string } | null;
}

/** Transfer to another facility of the province (a facility's episode in residence) and early termination. */
function useEndSteps(episode: EpisodeRecord, person: string): Step[] | undefined {
  const { t, formatDate } = useI18n();
  const acting = useActing();
  const { facilities } = useFacilities(acting.provinceCode);
  const facilityLabel = useFacilityLabel();
  if (!facilities) return undefined;
  const from = episode.facility;
  const others = facilities.filter((f) => f.code !== from?.code);
  const nameOf = (code: string | undefined): string => facilities.find((f) => f.code === code)?.name ?? '';
  const steps: Step[] = [];
  if (episode.status === 'ADMITTED' && from) {
    steps.push({
      key: 'episode-transfer',
      label: t('episode.transfer'),
      mutation: TRANSFER_REHAB_EPISODE,
      fields: [
        {
          name: 'toFacilityCode',
          label: t('episode.toFacility'),
          kind: 'select',
          required: true,
          placeholder: t('form.choosePlaceholder'),
          options: others.map((f) => ({ value: f.code, label: facilityLabel(f) })),
        },
        dateField('transferredOn', t('episode.transferredOn')),
      ],
      variables: (v) => ({ toFacilityCode: v.toFacilityCode, transferredOn: v.transferredOn }),
      confirm: (v) =>
        t('confirm.episodeTransfer', {
          person,
          from: from.name,
          to: nameOf(v.toFacilityCode),
          date: formatDate(v.transferredOn),
        }),
    });
  }
  if (OPEN_STATUSES.has(episode.status ?? '')) {
    steps.push({
      key: 'episode-terminate',
      label: t('episode.terminate'),
      mutation: TERMINATE_REHAB_EPISODE,
      fields: [
        { name: 'reason', label: t('episode.terminateReason'), kind: 'textarea', required: true },
        dateField('terminatedOn', t('episode.terminatedOn')),
      ],
      variables: (v) => ({ reason: v.reason ?? '', terminatedOn: v.terminatedOn }),
      confirm: (v) => t('confirm.episodeTerminate', { person, date: formatDate(v.terminatedOn) }),
    });
  }
  return steps;
}

/** Cơ sở cai nghiện: leave, escape and return, completion, transfer and early termination of one episode. */
export function EpisodeActions({
  episode,
  person,
  reload,
  title,
}: {
  episode: EpisodeRecord;
  person: string;
  reload: () => Promise<unknown>;
  title?: string;
}): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const acting = useActing();
  const endSteps = useEndSteps(episode, person);
  const areaStep = useAreaStep(episode);
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
  if (areaStep) steps.push(areaStep);
  steps.push(...(endSteps ?? []));
  return <StepMenu label={t('action.labor')} steps={steps} record={episode} reload={reload} title={title} />;
}
