import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useRef, useState, type ReactNode } from 'react';
import { useActing } from '../../acting';
import type { Officer } from '../../auth';
import { ActionForm } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { PersonLink, WorklistSection } from './WorklistSection';
import { settled } from '../../apollo';
import type {
  AssignPersonToUnitMutation,
  AssignPersonToUnitMutationVariables,
  UnitReassignmentWorklistQuery,
  UnitReassignmentWorklistQueryVariables,
} from '../../__generated__/operations';

const PAGE_SIZE = 20;

type ReassignmentCase = UnitReassignmentWorklistQuery['unitReassignmentWorklist']['nodes'][number];

const WORKLIST: TypedDocumentNode<UnitReassignmentWorklistQuery, UnitReassignmentWorklistQueryVariables> = gql`
  query UnitReassignmentWorklist($first: Int, $after: String) {
    unitReassignmentWorklist(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        person {
          id
          fullName
          identificationNumber
          version
        }
        formerUnit {
          code
          name
          parent {
            name
          }
        }
        candidates {
          code
          name
        }
        suggested {
          code
          name
        }
        suggestionReason
        addressLine
      }
    }
  }
`;

const ASSIGN: TypedDocumentNode<AssignPersonToUnitMutation, AssignPersonToUnitMutationVariables> = gql`
  mutation AssignPersonToUnit($personId: ID!, $expectedVersion: Int!, $toUnitCode: ID!) {
    assignPersonToUnit(personId: $personId, expectedVersion: $expectedVersion, toUnitCode: $toUnitCode) {
      id
      version
    }
  }
`;

/** The form of one waiting person: the new commune (the address's suggestion pre-selected), confirmed before saving. */
function AssignAction({
  item,
  onAssigned,
  reload,
}: {
  item: ReassignmentCase;
  onAssigned: (unitName: string) => void;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t } = useI18n();
  const submit = useSubmit();
  const name = item.person.fullName;
  const unitName = (code: string | undefined): string => item.candidates.find((c) => c.code === code)?.name ?? code ?? '';
  const hint =
    item.suggested && item.suggestionReason
      ? t('reassign.suggested', { reason: item.suggestionReason })
      : t('reassign.noSuggestion');
  const chosen = useRef('');
  return (
    <ActionMenu
      label={name}
      actions={[
        {
          key: 'assign',
          label: t('reassign.assign'),
          render: (close) => (
            <ActionForm
              testId="form-assign-unit"
              title={t('reassign.assign')}
              submitLabel={t('form.save')}
              fields={[
                {
                  name: 'toUnitCode',
                  label: t('reassign.toUnit'),
                  kind: 'select',
                  required: true,
                  hint,
                  initial: item.suggested?.code ?? '',
                  options: [
                    ...(item.suggested ? [] : [{ value: '', label: t('reassign.choose') }]),
                    ...item.candidates.map((c) => ({ value: c.code, label: c.name })),
                  ],
                },
              ]}
              confirm={(v) => t('reassign.confirm', { name, unit: unitName(v.toUnitCode), former: item.formerUnit.name })}
              onSubmit={(v) => {
                chosen.current = v.toUnitCode ?? '';
                return submit(ASSIGN, {
                  personId: item.person.id,
                  expectedVersion: item.person.version,
                  toUnitCode: v.toUnitCode ?? '',
                });
              }}
              onDone={() => onAssigned(unitName(chosen.current))}
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
 * Công an tỉnh (and supervisors, to read): people recorded in a commune that the 1 July 2025
 * reform split between several new ones. Their records cannot follow them by code alone:
 * the province assigns each to the new commune (suggested from the address), after which
 * that commune's officers see them. Only the province level has this list.
 */
export function ReassignmentWorklist({ officer }: { officer: Officer }): ReactNode {
  const { t, locale } = useI18n();
  const acting = useActing();
  const [cursors, setCursors] = useState<readonly (string | null)[]>([null]);
  const [done, setDone] = useState<string | null>(null);
  const atProvince = acting.unit?.level === 'PROVINCE';
  const { data, loading, error, refetch } = useQuery(WORKLIST, {
    variables: { first: PAGE_SIZE, after: cursors[cursors.length - 1] ?? null },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !atProvince,
  });
  if (!atProvince) return null;
  const assigns = officer.role === 'police_officer';
  const connection = data?.unitReassignmentWorklist;
  const reload = async (): Promise<unknown> => refetch();
  const number = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <WorklistSection
      title={t('worklist.reassignment')}
      testId="worklist-reassignment"
      loading={loading}
      error={error}
      note={connection ? t('reassign.total', { count: number.format(connection.totalCount) }) : undefined}
      rows={connection?.nodes}
      rowKey={(r) => r.person.id}
      columns={[
        { header: t('identity.fullName'), cell: (r) => <PersonLink id={r.person.id} name={r.person.fullName} /> },
        {
          header: t('identity.identificationNumber'),
          cell: (r) => <span className="mono">{r.person.identificationNumber}</span>,
        },
        {
          header: t('reassign.formerUnit'),
          cell: (r) => [r.formerUnit.name, r.formerUnit.parent?.name].filter(Boolean).join(', '),
        },
        { header: t('field.address'), cell: (r) => r.addressLine },
        { header: t('reassign.suggestion'), cell: (r) => r.suggested?.name ?? '—' },
      ]}
      actions={
        assigns
          ? (r) => (
              <AssignAction
                item={r}
                reload={reload}
                onAssigned={(unit) => {
                  setDone(t('reassign.done', { name: r.person.fullName, unit }));
                  refetch().catch(settled);
                }}
              />
            )
          : undefined
      }
    >
      {done && (
        <p className="notice notice--success" role="status" data-testid="reassignment-done">
          {done}
        </p>
      )}
      {connection && (cursors.length > 1 || connection.pageInfo.hasNextPage) && (
        <div className="pager">
          <button
            type="button"
            className="button button--secondary"
            disabled={cursors.length <= 1}
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            {t('search.previous')}
          </button>
          <span>{t('search.page', { page: String(cursors.length) })}</span>
          <button
            type="button"
            className="button button--secondary"
            disabled={!connection.pageInfo.hasNextPage}
            onClick={() => setCursors([...cursors, connection.pageInfo.endCursor])}
          >
            {t('search.next')}
          </button>
        </div>
      )}
    </WorklistSection>
  );
}
