import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { ActionForm } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { dateField } from '../../forms/StepMenu';
import { useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { PersonLink, WorklistSection } from './WorklistSection';
import type {
  AssignmentsNeedingVolunteerQuery,
  AssignmentsNeedingVolunteerQueryVariables,
  CommuneVolunteerRosterQuery,
  CommuneVolunteerRosterQueryVariables,
  DeactivateVolunteerMutation,
  DeactivateVolunteerMutationVariables,
  ReassignVolunteerMutation,
  ReassignVolunteerMutationVariables,
} from '../../__generated__/operations';

const ROSTER: TypedDocumentNode<CommuneVolunteerRosterQuery, CommuneVolunteerRosterQueryVariables> = gql`
  query CommuneVolunteerRoster {
    volunteers {
      id
      fullName
      active
      version
      organisation {
        name
      }
    }
  }
`;

const NEEDING: TypedDocumentNode<AssignmentsNeedingVolunteerQuery, AssignmentsNeedingVolunteerQueryVariables> = gql`
  query AssignmentsNeedingVolunteer {
    assignmentsNeedingVolunteer {
      assignmentId
      personId
      fullName
      endedOn
      version
      previousVolunteer {
        id
        fullName
      }
    }
  }
`;

const DEACTIVATE: TypedDocumentNode<DeactivateVolunteerMutation, DeactivateVolunteerMutationVariables> = gql`
  mutation DeactivateVolunteer($volunteerId: ID!, $expectedVersion: Int!, $reason: String!, $leftOn: Date) {
    deactivateVolunteer(volunteerId: $volunteerId, expectedVersion: $expectedVersion, reason: $reason, leftOn: $leftOn) {
      volunteer {
        id
        active
        version
      }
      needingVolunteer {
        assignmentId
      }
    }
  }
`;

const REASSIGN: TypedDocumentNode<ReassignVolunteerMutation, ReassignVolunteerMutationVariables> = gql`
  mutation ReassignVolunteer($assignmentId: ID!, $expectedVersion: Int!, $volunteerId: ID!, $startedOn: Date!) {
    reassignVolunteer(
      assignmentId: $assignmentId
      expectedVersion: $expectedVersion
      volunteerId: $volunteerId
      startedOn: $startedOn
    ) {
      id
      version
    }
  }
`;

type Volunteer = CommuneVolunteerRosterQuery['volunteers'][number];
type Pending = AssignmentsNeedingVolunteerQuery['assignmentsNeedingVolunteer'][number];

const volunteerLabel = (v: Volunteer): string => `${v.fullName} — ${v.organisation.name}`;

function ReassignAction({
  row,
  volunteers,
  reload,
}: {
  row: Pending;
  volunteers: readonly Volunteer[];
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, formatDate } = useI18n();
  const submit = useSubmit();
  const others = volunteers.filter((v) => v.active && v.id !== row.previousVolunteer.id);
  const nameOf = (id: string | undefined): string => others.find((v) => v.id === id)?.fullName ?? '';
  return (
    <ActionMenu
      label={row.fullName}
      actions={[
        {
          key: 'reassign',
          label: t('volunteer.reassign'),
          render: (close) => (
            <ActionForm
              testId="form-reassign-volunteer"
              title={t('volunteer.reassign')}
              submitLabel={t('form.save')}
              fields={[
                {
                  name: 'volunteerId',
                  label: t('volunteer.newSupporter'),
                  kind: 'select',
                  required: true,
                  placeholder: t('form.choosePlaceholder'),
                  options: others.map((v) => ({ value: v.id, label: volunteerLabel(v) })),
                },
                dateField('startedOn', t('field.startedOn')),
              ]}
              confirm={(v) =>
                t('confirm.reassignVolunteer', {
                  person: row.fullName,
                  volunteer: nameOf(v.volunteerId),
                  date: formatDate(v.startedOn),
                })
              }
              onSubmit={(v) =>
                submit(REASSIGN, {
                  assignmentId: row.assignmentId,
                  expectedVersion: row.version,
                  volunteerId: v.volunteerId ?? '',
                  startedOn: v.startedOn ?? '',
                })
              }
              onDone={reload}
              onReload={reload}
              onCancel={close}
            />
          ),
        },
      ]}
    />
  );
}

function DeactivateAction({ volunteer, reload }: { volunteer: Volunteer; reload: () => Promise<unknown> }): ReactNode {
  const { t, formatDate } = useI18n();
  const submit = useSubmit();
  return (
    <ActionMenu
      label={volunteer.fullName}
      actions={[
        {
          key: 'deactivate',
          label: t('volunteer.deactivate'),
          render: (close) => (
            <ActionForm
              testId="form-deactivate-volunteer"
              title={t('volunteer.deactivate')}
              submitLabel={t('form.save')}
              fields={[
                { name: 'reason', label: t('volunteer.leftReason'), kind: 'textarea', required: true },
                dateField('leftOn', t('volunteer.leftOn')),
              ]}
              confirm={(v) => t('confirm.deactivateVolunteer', { volunteer: volunteer.fullName, date: formatDate(v.leftOn) })}
              onSubmit={(v) =>
                submit(DEACTIVATE, {
                  volunteerId: volunteer.id,
                  expectedVersion: volunteer.version,
                  reason: v.reason ?? '',
                  leftOn: v.leftOn ?? null,
                })
              }
              onDone={reload}
              onReload={reload}
              onCancel={close}
            />
          ),
        },
      ]}
    />
  );
}

/**
 * UBND xã: the commune's volunteers (one who left is recorded so, and their people go on the
 * list below), and the people whose supporter left, each given a new one of the commune's.
 */
export function CommuneVolunteerWorklists(): ReactNode {
  const { t, formatDate } = useI18n();
  const roster = useQuery(ROSTER, { fetchPolicy: 'no-cache' });
  const needing = useQuery(NEEDING, { fetchPolicy: 'no-cache' });
  const { refetch: refetchRoster } = roster;
  const { refetch: refetchNeeding } = needing;
  const reload = (): Promise<unknown> => Promise.all([refetchRoster(), refetchNeeding()]);
  const volunteers = roster.data?.volunteers ?? [];
  return (
    <>
      <WorklistSection
        title={t('worklist.needingVolunteer')}
        testId="worklist-needing-volunteer"
        loading={needing.loading}
        error={needing.error}
        rows={needing.data?.assignmentsNeedingVolunteer}
        rowKey={(r) => r.assignmentId}
        columns={[
          { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.personId} name={r.fullName} /> },
          { header: t('field.previousVolunteer'), cell: (r) => r.previousVolunteer.fullName },
          { header: t('field.endedOn'), cell: (r) => formatDate(r.endedOn) },
        ]}
        actions={roster.data ? (r) => <ReassignAction row={r} volunteers={volunteers} reload={reload} /> : undefined}
      />
      <WorklistSection
        title={t('worklist.communeVolunteers')}
        testId="worklist-commune-volunteers"
        loading={roster.loading}
        error={roster.error}
        rows={roster.data?.volunteers.filter((v) => v.active)}
        rowKey={(r) => r.id}
        columns={[
          { header: t('identity.fullName'), cell: (r) => r.fullName },
          { header: t('volunteer.organisation'), cell: (r) => r.organisation.name },
        ]}
        actions={(r) => <DeactivateAction volunteer={r} reload={reload} />}
      />
    </>
  );
}
