import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useCallback, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { useActing, type Acting } from '../acting';
import { dateField, StepMenu, type Step } from './StepMenu';
import { useEnumOptions } from './options';
import { optional } from './useSubmit';

interface ManagementRecord {
  id: string;
  status: string | null;
  version: number | null;
  detectedOn: string | null;
}
interface PostRehabRecord {
  id: string;
  status: string | null;
  version: number | null;
  openedOn: string | null;
}
interface ManagementQuery {
  person: { id: string; drugUserManagements: ManagementRecord[] | null; postRehabCases: PostRehabRecord[] | null } | null;
}

/** The person's open management records, with the versions the commune's decisions need. */
const MANAGEMENT_QUERY: TypedDocumentNode<ManagementQuery, { id: string }> = gql`
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
        version
        openedOn
      }
    }
  }
`;

const M = {
  decide: gql`
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
  `,
  checkIn: gql`
    mutation RecordCheckIn($id: ID!, $date: Date!, $note: String!) {
      recordCheckIn(id: $id, date: $date, note: $note) {
        id
      }
    }
  `,
  end: gql`
    mutation EndDrugUserManagement($id: ID!, $expectedVersion: Int!, $endedOn: Date!, $reason: ManagementEndReason!) {
      endDrugUserManagement(id: $id, expectedVersion: $expectedVersion, endedOn: $endedOn, reason: $reason) {
        id
        status
        version
      }
    }
  `,
  decidePostRehab: gql`
    mutation DecidePostRehab($id: ID!, $expectedVersion: Int!, $input: PostRehabDecisionInput!) {
      decidePostRehab(id: $id, expectedVersion: $expectedVersion, input: $input) {
        id
        status
        version
      }
    }
  `,
  relapse: gql`
    mutation RecordPostRehabRelapse($id: ID!, $expectedVersion: Int!, $relapsedOn: Date!, $note: String) {
      recordPostRehabRelapse(id: $id, expectedVersion: $expectedVersion, relapsedOn: $relapsedOn, note: $note) {
        id
        status
        version
      }
    }
  `,
  completePostRehab: gql`
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
  `,
};

type T = ReturnType<typeof useI18n>['t'];
type Options = ReturnType<typeof useEnumOptions>;

/** Công an xã records check-ins; whoever decides the management today (the commune chairman) decides and ends it. */
function managementSteps(m: ManagementRecord, role: string, acting: Acting, t: T, options: Options): Step[] {
  const decides = acting.mayAct('DRUG_USER_MANAGEMENT_DECISION');
  if (m.status === 'PENDING_DECISION' && decides) {
    return [
      {
        key: 'decide-management',
        label: t('action.decideManagement'),
        mutation: M.decide,
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
        mutation: M.checkIn,
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
      mutation: M.end,
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
function postRehabSteps(c: PostRehabRecord, role: string, acting: Acting, t: T): Step[] {
  const manages = acting.mayAct('POST_REHAB_MANAGEMENT');
  if (c.status === 'AWAITING_DECISION' && manages) {
    return [
      {
        key: 'decide-post-rehab',
        label: t('action.decidePostRehab'),
        mutation: M.decidePostRehab,
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
    mutation: M.relapse,
    fields: [dateField('relapsedOn', t('field.relapsedOn')), { name: 'note', label: t('field.note'), kind: 'textarea' }],
    variables: (v) => ({ relapsedOn: v.relapsedOn, note: optional(v.note) }),
  };
  if (role === 'police_officer') return [relapse];
  if (!manages) return [];
  return [
    relapse,
    {
      key: 'complete-post-rehab',
      label: t('action.completePostRehab'),
      mutation: M.completePostRehab,
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
            date: formatDate(m.detectedOn ?? ''),
            status: label('managementStatus', m.status ?? ''),
          })}
        />
      ))}
      {cases.map((c) => (
        <StepMenu
          key={c.id}
          label={t('action.labor')}
          steps={postRehabSteps(c, role, arrangements, t)}
          record={c}
          reload={reloadAll}
          title={t('action.postRehabTitle', {
            date: formatDate(c.openedOn ?? ''),
            status: label('postRehabStatus', c.status ?? ''),
          })}
        />
      ))}
    </>
  );
}
