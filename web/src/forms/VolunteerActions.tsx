import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { ActionForm } from './ActionForm';
import { ActionMenu, type MenuAction } from './ActionMenu';
import { chosen, useEnumOptions } from './options';
import { optional, today, useSubmit } from './useSubmit';
import type {
  AssignVolunteerMutation,
  AssignVolunteerMutationVariables,
  AssignmentReason,
  CommuneVolunteersQuery,
  CommuneVolunteersQueryVariables,
  LogSupportActivityMutation,
  LogSupportActivityMutationVariables,
  RelapseRisk,
  SupportActivityKind,
} from '../__generated__/operations';

/** The volunteers the commune may call on (its own, in its scope). */
export const VOLUNTEERS: TypedDocumentNode<CommuneVolunteersQuery, CommuneVolunteersQueryVariables> = gql`
  query CommuneVolunteers {
    volunteers {
      id
      fullName
      organisation {
        name
      }
      chapter {
        id
        name
      }
    }
  }
`;

const ASSIGN: TypedDocumentNode<AssignVolunteerMutation, AssignVolunteerMutationVariables> = gql`
  mutation AssignVolunteer(
    $personId: ID!
    $volunteerId: ID!
    $reason: AssignmentReason!
    $startedOn: Date!
    $contact: AssignedPersonContactInput!
  ) {
    assignVolunteer(personId: $personId, volunteerId: $volunteerId, reason: $reason, startedOn: $startedOn, contact: $contact) {
      id
      version
    }
  }
`;

export const LOG_VISIT: TypedDocumentNode<LogSupportActivityMutation, LogSupportActivityMutationVariables> = gql`
  mutation LogSupportActivity(
    $assignmentId: ID!
    $date: Date!
    $kind: SupportActivityKind!
    $note: String
    $relapseRisk: RelapseRisk!
  ) {
    logSupportActivity(assignmentId: $assignmentId, date: $date, kind: $kind, note: $note, relapseRisk: $relapseRisk) {
      id
      occurredOn
    }
  }
`;

export interface AssignSubject {
  id: string;
  fullName: string | null;
  dateOfBirth: string | null;
  address: string | null;
}

function AssignForm({
  person,
  close,
  reload,
}: {
  person: AssignSubject;
  close: () => void;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  const { data, loading } = useQuery(VOLUNTEERS);
  if (loading)
    return (
      <p className="state state--loading" role="status">
        {t('state.loading')}
      </p>
    );
  const volunteers = data?.volunteers ?? [];
  if (volunteers.length === 0) return <p className="state state--empty">{t('volunteers.none')}</p>;
  return (
    <ActionForm
      testId="form-assign"
      title={t('action.assignVolunteer')}
      submitLabel={t('form.save')}
      fields={[
        {
          name: 'volunteerId',
          label: t('volunteers.volunteer'),
          kind: 'select',
          options: volunteers.map((v) => ({ value: v.id, label: `${v.fullName} — ${v.chapter.name}` })),
        },
        {
          name: 'reason',
          label: t('volunteers.reason'),
          kind: 'select',
          options: options('assignmentReason', ['POST_REHAB_MANAGEMENT', 'DRUG_USER_MANAGEMENT']),
        },
        { name: 'startedOn', label: t('field.startedOn'), kind: 'date', required: true, initial: today() },
        { name: 'phone', label: t('volunteers.phone'), kind: 'text' },
        { name: 'periodEndsOn', label: t('field.periodEndsOn'), kind: 'date' },
      ]}
      onSubmit={(v) =>
        submit(ASSIGN, {
          personId: person.id,
          volunteerId: v.volunteerId ?? '',
          reason: chosen<AssignmentReason>(v.reason),
          startedOn: v.startedOn ?? '',
          contact: {
            fullName: person.fullName ?? '',
            dateOfBirth: person.dateOfBirth ?? '',
            address: person.address ?? '',
            phone: optional(v.phone),
            periodEndsOn: optional(v.periodEndsOn),
          },
        })
      }
      onDone={reload}
      onCancel={close}
    />
  );
}

/** UBND xã: assign a volunteer of a mass organisation to help the person. */
export function VolunteerActions({
  person,
  role,
  reload,
}: {
  person: AssignSubject;
  role: string;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t } = useI18n();
  if (role !== 'commune_official') return null;
  const actions: MenuAction[] = [
    {
      key: 'assign',
      label: t('action.assignVolunteer'),
      render: (close) => <AssignForm person={person} close={close} reload={reload} />,
    },
  ];
  return <ActionMenu label={t('action.volunteers')} actions={actions} />;
}

/** The volunteer's log of one visit or other support activity. */
export function LogVisitForm({ assignmentId, onDone }: { assignmentId: string; onDone: () => void }): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  return (
    <ActionForm
      testId="form-log-visit"
      title={t('action.logVisit')}
      submitLabel={t('form.save')}
      fields={[
        { name: 'date', label: t('field.visitDate'), kind: 'date', required: true, initial: today() },
        {
          name: 'kind',
          label: t('field.activityKind'),
          kind: 'select',
          options: options('supportActivityKind', ['VISIT', 'COUNSELLING', 'FAMILY_SUPPORT', 'JOB_REFERRAL']),
        },
        {
          name: 'relapseRisk',
          label: t('field.relapseRisk'),
          kind: 'select',
          options: options('relapseRisk', ['NONE', 'LOW', 'HIGH']),
        },
        { name: 'note', label: t('field.note'), kind: 'textarea' },
      ]}
      onSubmit={(v) =>
        submit(LOG_VISIT, {
          assignmentId,
          date: v.date ?? '',
          kind: chosen<SupportActivityKind>(v.kind),
          note: optional(v.note),
          relapseRisk: chosen<RelapseRisk>(v.relapseRisk),
        })
      }
      onDone={onDone}
    />
  );
}
