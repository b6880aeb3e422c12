import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useActing } from '../../acting';
import type { Officer } from '../../auth';
import { DossierActions } from '../../forms/DossierActions';
import { useI18n } from '../../i18n';
import { PersonLink, WorklistSection } from './WorklistSection';
import type { DossiersAwaitingDecisionQuery, DossiersAwaitingDecisionQueryVariables } from '../../__generated__/operations';

const AWAITING_DECISION: TypedDocumentNode<DossiersAwaitingDecisionQuery, DossiersAwaitingDecisionQueryVariables> = gql`
  query DossiersAwaitingDecision {
    dossiersAwaitingDecision {
      id
      status
      version
      subjectFullName
      startedOn
      forwardedOn
      residenceUnit {
        name
      }
      court {
        code
        name
      }
      allowedTerm {
        minMonths
        maxMonths
        legalBasis
      }
      person {
        id
      }
      frontOpinion {
        opinion
        reasoning
        givenOn
      }
    }
  }
`;

/**
 * Tòa án: dossiers sent to the clerk's court and awaiting its decision (forwarded or
 * postponed), oldest first, with the decision recorded inline. A court that no longer
 * decides (the district courts, since 1 July 2025) sees its past dossiers read-only.
 */
export function CourtWorklist({ officer }: { officer: Officer }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const acting = useActing();
  const { data, loading, error, refetch } = useQuery(AWAITING_DECISION, { fetchPolicy: 'no-cache' });
  return (
    <WorklistSection
      title={t('worklist.awaitingDecision')}
      testId="worklist-court"
      loading={loading}
      error={error}
      note={acting.loaded && !acting.mayAct('COURT_DECISION') ? t('worklist.readOnly') : undefined}
      rows={data?.dossiersAwaitingDecision}
      rowKey={(r) => r.id}
      columns={[
        { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.person.id} name={r.subjectFullName} /> },
        { header: t('field.residenceUnit'), cell: (r) => r.residenceUnit.name },
        { header: t('field.startedOn'), cell: (r) => formatDate(r.startedOn) },
        { header: t('field.forwardedOn'), cell: (r) => formatDate(r.forwardedOn) || '—' },
        { header: t('field.court'), cell: (r) => r.court?.name ?? '—' },
        { header: t('labor.status'), cell: (r) => label('dossierStatus', r.status) },
        {
          header: t('front.opinion'),
          cell: (r) =>
            r.frontOpinion ? (
              <span title={r.frontOpinion.reasoning ?? undefined}>
                {label('frontOpinion', r.frontOpinion.opinion)} ({formatDate(r.frontOpinion.givenOn)})
                {r.frontOpinion.reasoning ? `: ${r.frontOpinion.reasoning}` : ''}
              </span>
            ) : (
              t('front.none')
            ),
        },
      ]}
      actions={(r) => <DossierActions dossier={r} role={officer.role} unitCode={officer.unitCode} reload={() => refetch()} />}
    />
  );
}
