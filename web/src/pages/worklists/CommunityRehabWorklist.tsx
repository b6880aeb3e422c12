import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import type { Officer } from '../../auth';
import { CommunityEpisodeActions } from '../../forms/CommunityRehabActions';
import { useI18n } from '../../i18n';
import { PersonLink, WorklistSection } from './WorklistSection';
import type { CommunityRehabAwaitingPlanQuery, CommunityRehabAwaitingPlanQueryVariables } from '../../__generated__/operations';

const AWAITING_PLAN: TypedDocumentNode<CommunityRehabAwaitingPlanQuery, CommunityRehabAwaitingPlanQueryVariables> = gql`
  query CommunityRehabAwaitingPlan($unitCode: ID!) {
    communityRehabAwaitingPlan(unitCode: $unitCode) {
      id
      status
      version
      admittedOn
      plannedEndOn
      phase
      communitySetting
      person {
        id
        fullName
      }
    }
  }
`;

/** UBND xã: rehabs at home/community of the commune that have no individual plan yet, with the plan's form. */
export function CommunityRehabWorklist({ officer }: { officer: Officer }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const { data, loading, error, refetch } = useQuery(AWAITING_PLAN, {
    variables: { unitCode: officer.unitCode },
    fetchPolicy: 'no-cache',
  });
  return (
    <WorklistSection
      title={t('community.awaitingPlan')}
      testId="worklist-community-plan"
      loading={loading}
      error={error}
      rows={data?.communityRehabAwaitingPlan}
      rowKey={(r) => r.id}
      columns={[
        { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.person.id} name={r.person.fullName} /> },
        {
          header: t('community.setting'),
          cell: (r) => (r.communitySetting ? label('communitySetting', r.communitySetting) : '—'),
        },
        { header: t('community.startedOn'), cell: (r) => formatDate(r.admittedOn) },
        { header: t('labor.plannedEndOn'), cell: (r) => formatDate(r.plannedEndOn) },
      ]}
      actions={(r) => <CommunityEpisodeActions episode={r} person={r.person.fullName} reload={() => refetch()} />}
    />
  );
}
