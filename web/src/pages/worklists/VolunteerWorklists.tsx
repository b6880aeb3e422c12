import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import { LogVisitForm } from '../../forms/VolunteerActions';
import { useI18n } from '../../i18n';
import { WorklistSection } from './WorklistSection';
import { settled } from '../../apollo';
import type { MyVolunteerWorklistQuery, MyVolunteerWorklistQueryVariables } from '../../__generated__/operations';

type AssignedRow = MyVolunteerWorklistQuery['myVolunteerWorklist']['people'][number];

const MY_WORKLIST: TypedDocumentNode<MyVolunteerWorklistQuery, MyVolunteerWorklistQueryVariables> = gql`
  query MyVolunteerWorklist {
    myVolunteerWorklist {
      people {
        assignmentId
        personId
        fullName
        age
        address
        phone
        periodEndsOn
        lastActivityOn
        visitDue
      }
    }
  }
`;

function LogVisitToggle({ row, onDone }: { row: AssignedRow; onDone: () => void }): ReactNode {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('action.logVisit')}
      </button>
      {open && <LogVisitForm assignmentId={row.assignmentId} onDone={onDone} />}
    </>
  );
}

/** Tình nguyện viên: the people assigned to me, visits due, and the visit log form. */
export function VolunteerWorklist(): ReactNode {
  const { t, formatDate } = useI18n();
  const { data, loading, error, refetch } = useQuery(MY_WORKLIST, { fetchPolicy: 'no-cache' });
  return (
    <WorklistSection
      title={t('worklist.myPeople')}
      testId="worklist-volunteer"
      loading={loading}
      error={error}
      rows={data?.myVolunteerWorklist.people}
      rowKey={(r) => r.assignmentId}
      columns={[
        { header: t('identity.fullName'), cell: (r) => r.fullName },
        { header: t('field.age'), cell: (r) => (r.age === null ? '—' : String(r.age)) },
        { header: t('field.address'), cell: (r) => r.address },
        { header: t('volunteers.phone'), cell: (r) => r.phone ?? '—' },
        { header: t('field.lastActivityOn'), cell: (r) => formatDate(r.lastActivityOn) || '—' },
        { header: t('field.visitDue'), cell: (r) => (r.visitDue ? t('common.yes') : t('common.no')) },
      ]}
      actions={(r) => (
        <LogVisitToggle
          row={r}
          onDone={() => {
            refetch().catch(settled);
          }}
        />
      )}
    />
  );
}
