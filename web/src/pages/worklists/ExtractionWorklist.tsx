import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { ExtractionSteps } from '../../forms/ExtractionActions';
import { useI18n } from '../../i18n';
import { PersonLink, WorklistSection } from './WorklistSection';
import type { ResidentExtractionsQuery, ResidentExtractionsQueryVariables } from '../../__generated__/operations';

const EXTRACTIONS: TypedDocumentNode<ResidentExtractionsQuery, ResidentExtractionsQueryVariables> = gql`
  query ResidentExtractions {
    residentExtractions {
      id
      status
      version
      requestingAgency
      documentNumber
      requestedOn
      expectedReturnOn
      handedOverOn
      overdue
      facility {
        code
        name
      }
      person {
        id
        fullName
      }
    }
  }
`;

/** Trích xuất under way: for a facility, requests to hand over and residents out; for the provincial police, its requests. */
export function ExtractionWorklist(): ReactNode {
  const { t, label, formatDate } = useI18n();
  const { data, loading, error, refetch } = useQuery(EXTRACTIONS, { fetchPolicy: 'no-cache' });
  return (
    <WorklistSection
      title={t('extraction.worklist')}
      testId="worklist-extractions"
      loading={loading}
      error={error}
      rows={data?.residentExtractions}
      rowKey={(r) => r.id}
      columns={[
        { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.person.id} name={r.person.fullName} /> },
        { header: t('extraction.facility'), cell: (r) => r.facility.name },
        { header: t('extraction.agency'), cell: (r) => `${r.requestingAgency} (${r.documentNumber})` },
        {
          header: t('labor.status'),
          cell: (r) => `${label('extractionStatus', r.status)}${r.overdue ? ` — ${t('extraction.overdue')}` : ''}`,
        },
        { header: t('extraction.expectedReturnOn'), cell: (r) => formatDate(r.expectedReturnOn) },
      ]}
      actions={(r) => <ExtractionSteps extraction={r} person={r.person.fullName} reload={() => refetch()} />}
    />
  );
}
