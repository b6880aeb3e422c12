import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useId, useState, type ReactNode } from 'react';
import type { Officer } from '../../auth';
import { useActing } from '../../acting';
import { DossierActions } from '../../forms/DossierActions';
import { EpisodeActions } from '../../forms/LaborActions';
import { useI18n } from '../../i18n';
import { PersonLink, WorklistSection } from './WorklistSection';
import type {
  AbscondedResidentsQuery,
  AbscondedResidentsQueryVariables,
  DossiersAwaitingAdmissionQuery,
  DossiersAwaitingAdmissionQueryVariables,
  DossiersAwaitingReviewQuery,
  DossiersAwaitingReviewQueryVariables,
  EpisodeRowFragment,
  EpisodesDueToCompleteQuery,
  EpisodesDueToCompleteQueryVariables,
  OverdueLeavesQuery,
  OverdueLeavesQueryVariables,
  PostRehabAwaitingQuery,
  PostRehabAwaitingQueryVariables,
  PostRehabEndingQuery,
  PostRehabEndingQueryVariables,
  PostRehabRowFragment,
} from '../../__generated__/operations';

const DOSSIERS: TypedDocumentNode<DossiersAwaitingReviewQuery, DossiersAwaitingReviewQueryVariables> = gql`
  query DossiersAwaitingReview($unitCode: ID!) {
    dossiersAwaitingReview(unitCode: $unitCode) {
      id
      status
      version
      startedOn
      submittedOn
      subjectFullName
      person {
        id
      }
    }
  }
`;

const AWAITING_ADMISSION: TypedDocumentNode<DossiersAwaitingAdmissionQuery, DossiersAwaitingAdmissionQueryVariables> = gql`
  query DossiersAwaitingAdmission($facilityCode: ID!) {
    dossiersAwaitingAdmission(facilityCode: $facilityCode) {
      id
      status
      version
      startedOn
      submittedOn
      subjectFullName
      person {
        id
      }
      decision {
        decidedOn
        termMonths
      }
    }
  }
`;

/** Cơ sở cai nghiện: people the court sent to this facility, to admit. */
export function AdmissionWorklist({ officer }: { officer: Officer }): ReactNode {
  const { t, formatDate } = useI18n();
  const { data, loading, error, refetch } = useQuery(AWAITING_ADMISSION, {
    variables: { facilityCode: officer.unitCode },
    fetchPolicy: 'no-cache',
  });
  return (
    <WorklistSection
      title={t('worklist.awaitingAdmission')}
      testId="worklist-admissions"
      loading={loading}
      error={error}
      rows={data?.dossiersAwaitingAdmission}
      rowKey={(r) => r.id}
      columns={[
        { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.person.id} name={r.subjectFullName} /> },
        { header: t('field.decidedOn'), cell: (r) => formatDate(r.decision?.decidedOn) },
        { header: t('field.termMonths'), cell: (r) => (r.decision?.termMonths == null ? '—' : String(r.decision.termMonths)) },
      ]}
      actions={(r) => <DossierActions dossier={r} role={officer.role} unitCode={officer.unitCode} reload={() => refetch()} />}
    />
  );
}

type EpisodeRow = EpisodeRowFragment;

const EPISODE_ROW = gql`
  fragment EpisodeRow on RehabEpisode {
    id
    status
    version
    admittedOn
    plannedEndOn
    area {
      id
    }
    facility {
      code
      name
    }
    person {
      id
      fullName
      dateOfBirth
    }
    dossier {
      id
      subjectFullName
    }
  }
`;

const DUE: TypedDocumentNode<EpisodesDueToCompleteQuery, EpisodesDueToCompleteQueryVariables> = gql`
  query EpisodesDueToComplete($facilityCode: ID!, $asOf: Date) {
    episodesDueToComplete(facilityCode: $facilityCode, asOf: $asOf) {
      ...EpisodeRow
    }
  }
  ${EPISODE_ROW}
`;

const ABSCONDED: TypedDocumentNode<AbscondedResidentsQuery, AbscondedResidentsQueryVariables> = gql`
  query AbscondedResidents($facilityCode: ID!) {
    abscondedResidents(facilityCode: $facilityCode) {
      ...EpisodeRow
    }
  }
  ${EPISODE_ROW}
`;

const OVERDUE: TypedDocumentNode<OverdueLeavesQuery, OverdueLeavesQueryVariables> = gql`
  query OverdueLeaves($unitCode: ID!) {
    overdueLeaves(unitCode: $unitCode) {
      ...EpisodeRow
    }
  }
  ${EPISODE_ROW}
`;

/**
 * Phòng Lao động: dossiers submitted by the communes, to review and forward to the court —
 * while that review is part of the path; after, the dossiers it still holds are shown read-only.
 */
export function DossierReviewWorklist({ officer }: { officer: Officer }): ReactNode {
  const { t, formatDate } = useI18n();
  const acting = useActing();
  const { data, loading, error, refetch } = useQuery(DOSSIERS, {
    variables: { unitCode: officer.unitCode },
    fetchPolicy: 'no-cache',
  });
  return (
    <WorklistSection
      title={t('worklist.dossiersAwaitingReview')}
      testId="worklist-dossiers"
      loading={loading}
      error={error}
      note={acting.loaded && !acting.mayAct('DOSSIER_REVIEW') ? t('worklist.readOnly') : undefined}
      rows={data?.dossiersAwaitingReview}
      rowKey={(r) => r.id}
      columns={[
        { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.person.id} name={r.subjectFullName} /> },
        { header: t('field.startedOn'), cell: (r) => formatDate(r.startedOn) },
        { header: t('field.submittedOn'), cell: (r) => formatDate(r.submittedOn) },
      ]}
      actions={(r) => <DossierActions dossier={r} role={officer.role} unitCode={officer.unitCode} reload={() => refetch()} />}
    />
  );
}

function EpisodeWorklist({
  title,
  testId,
  rows,
  loading,
  error,
  reload,
}: {
  title: string;
  testId: string;
  rows: EpisodeRow[] | undefined;
  loading: boolean;
  error: Parameters<typeof WorklistSection>[0]['error'];
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  return (
    <WorklistSection
      title={title}
      testId={testId}
      loading={loading}
      error={error}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        {
          header: t('identity.fullName'),
          cell: (r) => <PersonLink id={r.person.id} name={r.person.fullName} />,
        },
        { header: t('identity.dateOfBirth'), cell: (r) => formatDate(r.person.dateOfBirth) },
        { header: t('labor.status'), cell: (r) => label('rehabStatus', r.status) },
        { header: t('labor.admittedOn'), cell: (r) => formatDate(r.admittedOn) },
        { header: t('labor.plannedEndOn'), cell: (r) => formatDate(r.plannedEndOn) },
      ]}
      actions={(r) => <EpisodeActions episode={r} person={r.person.fullName} reload={reload} />}
    />
  );
}

/** Cơ sở cai nghiện: residents due to complete this month, and overdue leaves. */
export function FacilityWorklists({ officer }: { officer: Officer }): ReactNode {
  const { t } = useI18n();
  const monthId = useId();
  const [month, setMonth] = useState('');
  const asOf = /^\d{4}-\d{2}$/.test(month) ? `${month}-01` : null;
  const due = useQuery(DUE, {
    variables: { facilityCode: officer.unitCode, asOf },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: officer.role !== 'facility_staff',
  });
  const overdue = useQuery(OVERDUE, { variables: { unitCode: officer.unitCode }, fetchPolicy: 'no-cache' });
  const absconded = useQuery(ABSCONDED, {
    variables: { facilityCode: officer.unitCode },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: officer.role !== 'facility_staff',
  });
  // An action on one list can move the resident to another: reload them all.
  const reloadAll = async (): Promise<unknown> =>
    Promise.all([due.refetch(), overdue.refetch(), ...(officer.role === 'facility_staff' ? [absconded.refetch()] : [])]);
  return (
    <>
      {officer.role === 'facility_staff' && (
        <div className="toolbar">
          <div className="form-field">
            <label htmlFor={monthId}>{t('worklist.dueMonth')}</label>
            <input id={monthId} className="input" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
          </div>
        </div>
      )}
      {officer.role === 'facility_staff' && (
        <EpisodeWorklist
          title={t('worklist.episodesDue')}
          testId="worklist-episodes-due"
          rows={due.data?.episodesDueToComplete}
          loading={due.loading}
          error={due.error}
          reload={reloadAll}
        />
      )}
      <EpisodeWorklist
        title={t('worklist.overdueLeaves')}
        testId="worklist-overdue-leaves"
        rows={overdue.data?.overdueLeaves}
        loading={overdue.loading}
        error={overdue.error}
        reload={reloadAll}
      />
      {officer.role === 'facility_staff' && (
        <EpisodeWorklist
          title={t('worklist.absconded')}
          testId="worklist-absconded"
          rows={absconded.data?.abscondedResidents}
          loading={absconded.loading}
          error={absconded.error}
          reload={reloadAll}
        />
      )}
    </>
  );
}

type PostRehabRow = PostRehabRowFragment;

const POST_REHAB_ROW = gql`
  fragment PostRehabRow on PostRehabCase {
    id
    status
    basis
    openedOn
    endsOn
    person {
      id
      fullName
    }
  }
`;
const AWAITING: TypedDocumentNode<PostRehabAwaitingQuery, PostRehabAwaitingQueryVariables> = gql`
  query PostRehabAwaiting($unitCode: ID!) {
    postRehabCasesAwaitingDecision(unitCode: $unitCode) {
      ...PostRehabRow
    }
  }
  ${POST_REHAB_ROW}
`;
const ENDING: TypedDocumentNode<PostRehabEndingQuery, PostRehabEndingQueryVariables> = gql`
  query PostRehabEnding($unitCode: ID!) {
    postRehabCasesEndingSoon(unitCode: $unitCode) {
      ...PostRehabRow
    }
  }
  ${POST_REHAB_ROW}
`;

/** UBND xã / Lao động: post-rehab cases awaiting the chairman's decision, and those ending soon. */
export function PostRehabWorklists({ officer }: { officer: Officer }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const awaiting = useQuery(AWAITING, { variables: { unitCode: officer.unitCode }, fetchPolicy: 'no-cache' });
  const ending = useQuery(ENDING, { variables: { unitCode: officer.unitCode }, fetchPolicy: 'no-cache' });
  const columns = [
    { header: t('identity.fullName'), cell: (r: PostRehabRow) => <PersonLink id={r.person.id} name={r.person.fullName} /> },
    { header: t('field.postRehabBasis'), cell: (r: PostRehabRow) => label('postRehabBasis', r.basis) },
    { header: t('field.openedOn'), cell: (r: PostRehabRow) => formatDate(r.openedOn) },
    { header: t('field.periodEndsOn'), cell: (r: PostRehabRow) => formatDate(r.endsOn) },
  ];
  return (
    <>
      <WorklistSection
        title={t('worklist.postRehabAwaiting')}
        testId="worklist-post-rehab-awaiting"
        loading={awaiting.loading}
        error={awaiting.error}
        rows={awaiting.data?.postRehabCasesAwaitingDecision}
        rowKey={(r) => r.id}
        columns={columns}
      />
      <WorklistSection
        title={t('worklist.postRehabEnding')}
        testId="worklist-post-rehab-ending"
        loading={ending.loading}
        error={ending.error}
        rows={ending.data?.postRehabCasesEndingSoon}
        rowKey={(r) => r.id}
        columns={columns}
      />
    </>
  );
}
