import { gql, type TypedDocumentNode } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useCallback, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { useActing, type Acting } from '../acting';
import { dateField, StepMenu, type Step } from './StepMenu';
import { chosen, useEnumOptions } from './options';
import { optional } from './useSubmit';
import { VOLUNTEERS } from './VolunteerActions';
import type {
  DrugUseEvidence,
  CompletePostRehabMutation,
  CompletePostRehabMutationVariables,
  DecideDrugUserManagementMutation,
  AssignPostRehabSupportersMutation,
  AssignPostRehabSupportersMutationVariables,
  DecideDrugUserManagementMutationVariables,
  DecidePostRehabMutation,
  DecidePostRehabMutationVariables,
  EndDrugUserManagementMutation,
  EndDrugUserManagementMutationVariables,
  PersonManagementRecordsQuery,
  PersonManagementRecordsQueryVariables,
  RecordCheckInMutation,
  RecordCheckInMutationVariables,
  RecordPostRehabDrugUseMutation,
  RecordPostRehabDrugUseMutationVariables,
  RecordPostRehabRelapseMutation,
  RecordPostRehabRelapseMutationVariables,
} from '../__generated__/operations';

type ManagementRecord = NonNullable<NonNullable<PersonManagementRecordsQuery['person']>['drugUserManagements']>[number];
type PostRehabRecord = NonNullable<NonNullable<PersonManagementRecordsQuery['person']>['postRehabCases']>[number];

/** The person's open management records, with the versions the commune's decisions need. */
const MANAGEMENT_QUERY: TypedDocumentNode<PersonManagementRecordsQuery, PersonManagementRecordsQueryVariables> = gql`
  query PersonManagementRecords($id: ID!) {
    person(id: $id) {
      id
      drugUserManagements {
        id
        status
        version
        detectedOn
      }
      postRehabCases {
        id
        status
        basis
        version
        openedOn
        supporterIds
      }
    }
  }
`;

const DECIDE_DRUG_USER_MANAGEMENT: TypedDocumentNode<
  DecideDrugUserManagementMutation,
  DecideDrugUserManagementMutationVariables
> = gql`
  mutation DecideDrugUserManagement($id: ID!, $expectedVersion: Int!, $decisionNumber: String!, $decisionDate: Date!) {
    decideDrugUserManagement(
      id: $id
      expectedVersion: $expectedVersion
      decisionNumber: $decisionNumber
      decisionDate: $decisionDate
    ) {
      id
      status
      version
    }
  }
`;

const RECORD_CHECK_IN: TypedDocumentNode<RecordCheckInMutation, RecordCheckInMutationVariables> = gql`
  mutation RecordCheckIn($id: ID!, $date: Date!, $note: String!) {
    recordCheckIn(id: $id, date: $date, note: $note) {
      id
    }
  }
`;

const END_DRUG_USER_MANAGEMENT: TypedDocumentNode<EndDrugUserManagementMutation, EndDrugUserManagementMutationVariables> = gql`
  mutation EndDrugUserManagement($id: ID!, $expectedVersion: Int!, $endedOn: Date!, $reason: ManagementEndReason!) {
    endDrugUserManagement(id: $id, expectedVersion: $expectedVersion, endedOn: $endedOn, reason: $reason) {
      id
      status
      version
    }
  }
`;

const DECIDE_POST_REHAB: TypedDocumentNode<DecidePostRehabMutation, DecidePostRehabMutationVariables> = gql`
  mutation DecidePostRehab($id: ID!, $expectedVersion: Int!, $input: PostRehabDecisionInput!) {
    decidePostRehab(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      status
      version
    }
  }
`;

const RECORD_POST_REHAB_RELAPSE: TypedDocumentNode<RecordPostRehabRelapseMutation, RecordPostRehabRelapseMutationVariables> = gql`
  mutation RecordPostRehabRelapse($id: ID!, $expectedVersion: Int!, $relapsedOn: Date!, $note: String) {
    recordPostRehabRelapse(id: $id, expectedVersion: $expectedVersion, relapsedOn: $relapsedOn, note: $note) {
      id
      status
      version
    }
  }
`;

const RECORD_POST_REHAB_DRUG_USE: TypedDocumentNode<RecordPostRehabDrugUseMutation, RecordPostRehabDrugUseMutationVariables> =
  gql`
    mutation RecordPostRehabDrugUse(
      $id: ID!
      $expectedVersion: Int!
      $usedOn: Date!
      $evidence: DrugUseEvidence!
      $note: String
    ) {
      recordPostRehabDrugUse(id: $id, expectedVersion: $expectedVersion, usedOn: $usedOn, evidence: $evidence, note: $note) {
        id
        status
        version
      }
    }
  `;

const ASSIGN_POST_REHAB_SUPPORTERS: TypedDocumentNode<
  AssignPostRehabSupportersMutation,
  AssignPostRehabSupportersMutationVariables
> = gql`
  mutation AssignPostRehabSupporters($id: ID!, $expectedVersion: Int!, $supporterIds: [ID!]!) {
    assignPostRehabSupporters(id: $id, expectedVersion: $expectedVersion, supporterIds: $supporterIds) {
      id
      supporterIds
      version
    }
  }
`;

const COMPLETE_POST_REHAB: TypedDocumentNode<CompletePostRehabMutation, CompletePostRehabMutationVariables> = gql`
  mutation CompletePostRehab($id: ID!, $expectedVersion: Int!, $completedOn: Date!, $certificateNumber: String!) {
    completePostRehab(
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

type T = ReturnType<typeof useI18n>['t'];
interface Choice {
  value: string;
  label: string;
}
type Options = ReturnType<typeof useEnumOptions>;

/** Công an xã records check-ins; whoever decides the management today (the commune chairman) decides and ends it. */
function managementSteps(m: ManagementRecord, role: string, acting: Acting, t: T, options: Options): Step[] {
  const decides = acting.mayAct('DRUG_USER_MANAGEMENT_DECISION');
  if (m.status === 'PENDING_DECISION' && decides) {
    return [
      {
        key: 'decide-management',
        label: t('action.decideManagement'),
        mutation: DECIDE_DRUG_USER_MANAGEMENT,
        fields: [
          { name: 'decisionNumber', label: t('field.decisionNumber'), kind: 'text', required: true },
          dateField('decisionDate', t('field.decisionDate')),
        ],
        variables: (v) => ({ decisionNumber: v.decisionNumber ?? '', decisionDate: v.decisionDate }),
      },
    ];
  }
  if (m.status !== 'ACTIVE') return [];
  if (role === 'police_officer') {
    return [
      {
        key: 'check-in',
        label: t('action.checkIn'),
        mutation: RECORD_CHECK_IN,
        fields: [dateField('date', t('field.checkedInOn')), { name: 'note', label: t('field.note'), kind: 'textarea' }],
        variables: (v) => ({ date: v.date, note: v.note ?? '' }),
      },
    ];
  }
  if (!decides) return [];
  return [
    {
      key: 'end-management',
      label: t('action.endManagement'),
      mutation: END_DRUG_USER_MANAGEMENT,
      fields: [
        dateField('endedOn', t('field.endedOn')),
        {
          name: 'reason',
          label: t('field.endReason'),
          kind: 'select',
          options: options('managementEndReason', ['PERIOD_COMPLETED', 'DECISION_REVOKED', 'DECEASED', 'OTHER']),
        },
      ],
      variables: (v) => ({ endedOn: v.endedOn, reason: v.reason }),
    },
  ];
}

/** Whoever runs post-rehab management today (the commune chairman) decides it and confirms its end; police and commune record a relapse. */
function postRehabSteps(
  c: PostRehabRecord,
  role: string,
  acting: Acting,
  t: T,
  volunteers: readonly Choice[],
  options: Options,
): Step[] {
  const manages = acting.mayAct('POST_REHAB_MANAGEMENT');
  if (c.status === 'AWAITING_DECISION' && manages) {
    return [
      {
        key: 'decide-post-rehab',
        label: t('action.decidePostRehab'),
        mutation: DECIDE_POST_REHAB,
        fields: [
          { name: 'decisionNumber', label: t('field.decisionNumber'), kind: 'text', required: true },
          dateField('decisionOn', t('field.decisionDate')),
        ],
        variables: (v) => ({ input: { decisionNumber: v.decisionNumber ?? '', decisionOn: v.decisionOn } }),
      },
    ];
  }
  if (c.status !== 'UNDER_MANAGEMENT') return [];
  const relapse: Step = {
    key: 'post-rehab-relapse',
    label: t('action.postRehabRelapse'),
    mutation: RECORD_POST_REHAB_RELAPSE,
    fields: [dateField('relapsedOn', t('field.relapsedOn')), { name: 'note', label: t('field.note'), kind: 'textarea' }],
    variables: (v) => ({ relapsedOn: v.relapsedOn, note: optional(v.note) }),
  };
  const drugUse: Step = {
    key: 'post-rehab-drug-use',
    label: t('drugUse.record'),
    mutation: RECORD_POST_REHAB_DRUG_USE,
    fields: [
      { ...dateField('usedOn', t('drugUse.usedOn')), hint: t('drugUse.hint') },
      {
        name: 'evidence',
        label: t('drugUse.evidence'),
        kind: 'select',
        required: true,
        placeholder: t('form.choosePlaceholder'),
        options: options('drugUseEvidence', ['POSITIVE_TEST', 'CAUGHT_USING', 'SELF_REPORTED']),
      },
      { name: 'note', label: t('field.note'), kind: 'textarea' },
    ],
    variables: (v) => ({ usedOn: v.usedOn, evidence: chosen<DrugUseEvidence>(v.evidence), note: optional(v.note) }),
  };
  if (role === 'police_officer') return [drugUse, relapse];
  if (!manages) return [];
  // The commune's volunteers, and any supporter already assigned even if no longer listed (kept unless unticked).
  const known = new Set(volunteers.map((v) => v.value));
  const supporterOptions = [
    ...volunteers,
    ...c.supporterIds.filter((id) => !known.has(id)).map((id) => ({ value: id, label: t('postRehab.otherSupporter') })),
  ];
  return [
    drugUse,
    relapse,
    {
      key: 'assign-supporters',
      label: t('postRehab.assignSupporters'),
      mutation: ASSIGN_POST_REHAB_SUPPORTERS,
      fields: [
        {
          name: 'supporterIds',
          label: t('postRehab.supporters'),
          kind: 'checkboxes',
          options: supporterOptions,
          initial: c.supporterIds.join(','),
        },
      ],
      variables: (v) => ({ supporterIds: (v.supporterIds ?? '').split(',').filter(Boolean) }),
    },
    {
      key: 'complete-post-rehab',
      label: t('action.completePostRehab'),
      mutation: COMPLETE_POST_REHAB,
      fields: [
        dateField('completedOn', t('field.completedOn')),
        { name: 'certificateNumber', label: t('field.certificateNumber'), kind: 'text', required: true },
      ],
      variables: (v) => ({ completedOn: v.completedOn, certificateNumber: v.certificateNumber ?? '' }),
    },
  ];
}

/** Commune police and committee: the person's drug-user management and post-rehab management, step by step. */
export function ManagementActions({
  personId,
  role,
  reload,
}: {
  personId: string;
  role: string;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  const options = useEnumOptions();
  const arrangements = useActing();
  const acting = role === 'police_officer' || role === 'commune_official';
  const { data, refetch } = useQuery(MANAGEMENT_QUERY, {
    variables: { id: personId },
    fetchPolicy: 'no-cache',
    errorPolicy: 'all',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !acting,
  });
  const volunteerList = useQuery(VOLUNTEERS, role === 'commune_official' ? {} : skipToken).data?.volunteers;
  const volunteers = (volunteerList ?? []).map((v) => ({ value: v.id, label: `${v.fullName} — ${v.organisation.name}` }));
  const reloadAll = useCallback(async () => {
    await refetch();
    return reload();
  }, [refetch, reload]);
  if (!acting) return null;
  const managements = data?.person?.drugUserManagements ?? [];
  const cases = data?.person?.postRehabCases ?? [];
  return (
    <>
      {managements.map((m) => (
        <StepMenu
          key={m.id}
          label={t('action.police')}
          steps={managementSteps(m, role, arrangements, t, options)}
          record={m}
          reload={reloadAll}
          title={t('action.managementTitle', {
            date: formatDate(m.detectedOn),
            status: label('managementStatus', m.status),
          })}
        />
      ))}
      {cases.map((c) => (
        <StepMenu
          key={c.id}
          label={t('action.labor')}
          steps={postRehabSteps(c, role, arrangements, t, volunteers, options)}
          record={c}
          reload={reloadAll}
          title={t('action.postRehabTitle', {
            basis: label('postRehabBasis', c.basis).toLocaleLowerCase(),
            date: formatDate(c.openedOn),
            status: label('postRehabStatus', c.status),
          })}
        />
      ))}
    </>
  );
}
